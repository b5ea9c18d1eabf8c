"""Word lists for the name recognizer: given names, surnames, and words that are never names.

Given names and surnames come from Faker's person providers for es_MX, es_ES,
es_CO, en_US and en_GB (about 2,400 given names and 2,900 surnames). They are
loaded once, on first use, into frozensets.

The stop-lists are the words a capitalised sequence in a case study is made
of when it is *not* a person: institutions, places, laws, courses, months,
nationalities and the function words that open a Spanish or English sentence.
"""

import importlib
from functools import cache

_LOCALES = ("es_MX", "es_ES", "es_CO", "en_US", "en_GB")

# Given names and surnames that are, far more often, ordinary capitalised words
# in a case study (months, virtues, places, institutions).
_AMBIGUOUS_NAMES = frozenset(
    """
    April May June July August Will Mark Bill Grant Hope Faith Joy Chance Rose Summer Justice Miles
    King Price Young Long Little Hill Street Law Church Bank Banks Mason Cook Judge Major General
    Marshall Love Case Child Baker Star Page Bell Hall Wood Ward Lane Chase Crystal Dawn Guy Don Art
    Rich Sterling Royal Israel Jordan Paris Georgia Virginia Carolina Florida Austin Dallas Houston
    Lincoln Washington Madison Chelsea Sydney India China Asia Africa America Victoria Regina Camden
    Kent London Stone Green White Black Brown Gray Grey Power Powers Fields Rivers Lake Park Parks Day
    Christian Cross Gates North South West East Ocean Sea River Brook Glen Forest Field Moss Marsh
    Holland Ireland England Scotland Wales French English Welsh Irish Scott Hunter Fisher Walker Carter
    Porter Turner Cooper Miller Taylor Potter Sharp Hart Heart Frost Snow Rain Storm Winter Spring
    Autumn Sunday Monday Friday Saturday Constable Sheriff Sergeant Officer Agent Warden Dean Bishop
    Pope Prince Duke Earl Baron Knight Noble Guard Ranger Trooper Deputy Chief Captain Colonel
    Paz Luz Cruz Reyes Santos Ángeles Mercedes Dolores Trinidad Concepción Asunción Guadalupe
    Consuelo Amparo Esperanza Soledad Socorro Pilar Rocío Fe Marina Sierra Costa Rica Rico Franco
    Salvador Libertad Unión Victoria Cristo Jesús Dios Rosario Montaña Bahía Valle Mar Sol Cielo
    Nieves Luna Estrella Paloma Alba Aurora Gloria Patria Milagros Remedios Belén Lourdes Fátima
    Carmen Pena Peña Cortés Colón León Guerrero Juárez Hidalgo Morelos Zapata Bolívar Morazán Sandino
    Madero Carranza Obregón Cárdenas Allende Matamoros Escobedo Victoria Mina Bravo Aldama Abasolo
    Quintana Roo Durango Sonora Sinaloa Tabasco Colima Nayarit Chihuahua Coahuila Campeche Yucatán
    Puebla Oaxaca Veracruz Guanajuato Querétaro Zacatecas Jalisco Michoacán Chiapas Tamaulipas
    Toledo Granada Sevilla Córdoba Valencia Castilla Aragón Navarra Murcia Cádiz Málaga Mérida Santiago
    Santa Cruz Barrios Bosque Campos Montes Ríos Lagos Medina Naranjo Olivo Palma Prado Puerto Vega
    Blanco Moreno Rubio Delgado Leal Calvo Alegre Bueno Nieto Cabello Escobar Lara Ramos Castillo
    Iglesias Villa Villas Torres Plaza Fuentes Cuevas Cano Cuesta Rey Conde Duque Marqués Obispo Abad
    Cardenal Caballero Soldado Guardia Marino Pastor Romero Cordero Herrero Molina Serrano Roma
    """.split()
)
# Of the above, surnames that are also common as surnames and may appear after a given name
# ("Ana Guerrero", "Luis Escobar"). They are kept out of the sets but recognised after a given name.
_AMBIGUOUS_SURNAMES = frozenset(
    """
    Cruz Reyes Santos Sierra Franco Costa Rico Bravo Cortés Colón León Guerrero Juárez Hidalgo Morelos
    Zapata Madero Carranza Obregón Cárdenas Allende Matamoros Escobedo Mina Aldama Abasolo Quintana
    Toledo Granada Córdoba Valencia Mérida Santiago Barrios Bosque Campos Montes Ríos Lagos Medina
    Naranjo Olivo Palma Prado Puerto Vega Blanco Moreno Rubio Delgado Leal Calvo Alegre Bueno Nieto
    Cabello Escobar Lara Ramos Castillo Iglesias Villa Torres Plaza Fuentes Cuevas Cano Cuesta Rey
    Conde Duque Caballero Marino Pastor Romero Cordero Herrero Molina Serrano Valle Peña Pena Luna
    Paz Luz Carmen Miller Taylor Walker Carter Porter Turner Cooper Fisher Hunter Scott Brown White
    Green Black Young King Price Hill Wood Ward Hall Bell Baker Cook Mason Marshall Gray Stone Hart
    Grant Lane Long Little Rich Rose Lake Park Day Cross Gates Marsh Holland Walker Potter Sharp
    Frost Snow Winter Bishop Prince Knight Noble Dean Hope Mark Will May Jordan Christian Chase
    Consuelo Amparo Mercedes Dolores Guadalupe Pilar Rocío Soledad Esperanza Socorro Trinidad
    Concepción Asunción Gloria Aurora Alba Paloma Estrella Milagros Lourdes Belén Fátima Rosario
    Victoria Marina Jesús Salvador Ángeles Nieves Remedios
    """.split()
)


@cache
def given_names() -> frozenset[str]:
    return frozenset(_load("first_names")) - _AMBIGUOUS_NAMES


@cache
def surnames() -> frozenset[str]:
    return frozenset(_load("last_names")) - _AMBIGUOUS_NAMES


def is_ambiguous_surname(word: str) -> bool:
    return word in _AMBIGUOUS_SURNAMES


def _load(attribute: str) -> set[str]:
    words: set[str] = set()
    for locale in _LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for name in getattr(provider, attribute, ()):
            # Compound entries ("María José", "de la Cruz") contribute each capitalised part.
            words.update(part for part in name.split() if part[:1].isupper() and len(part) > 1)
    return words


# Capitalised words that open sentences or clauses; neutral (they neither block nor cue).
FUNCTION_WORDS = frozenset(
    """
    El La Los Las Lo Un Una Unos Unas Al Del De En Con Por Para Sin Sobre Entre Desde Hasta Hacia Tras
    Según Durante Mediante Ante Bajo Contra Y O Pero Aunque Cuando Donde Mientras Como Porque Pues
    Si No Ni Que Quien Quienes Cual Cuales Este Esta Estos Estas Ese Esa Esos Esas Aquel Aquella Su
    Sus Mi Mis Tu Tus Nuestro Nuestra Ello Ella Ellas Ellos Él Usted Ustedes Se Le Les Me Nos Ya Tal
    También Además Asimismo Finalmente Posteriormente Luego Después Antes Entonces Así Sin Embargo
    Tras Hoy Ayer Mañana Aquí Allí Ahí Todo Todos Toda Todas Otro Otra Otros Otras Cada Varios Varias
    Ambos Ambas Dicho Dicha Dichos Dichas Cuyo Cuya Fue Fueron Era Eran Es Son Hay Había Ha Han
    Mediante Conforme Pese Incluso Solo Sólo Tanto Tanta Muy Más Menos Mucho Muchos Muchas Poco
    The A An And Or But Nor So Yet For Of In On At To From By With Without About Into Onto Over Under
    After Before During Since Until While When Where Whereas Although Though Because If Unless As
    This That These Those It Its He She They We You I His Her Their Our My Your Him Them Us There Here
    Then Also However Moreover Furthermore Finally Later Meanwhile Subsequently Afterwards Instead
    Both Each Every Some Several Many Most All Any No Not Only Such Other Another One Two Three Four
    Five Six Seven Eight Nine Ten First Second Third Last Next Was Were Is Are Be Been Has Had Have
    Do Does Did Can Could Would Should Will Shall May Might Must According Despite Between Among
    Through Throughout Upon Within Against Across Around Toward Towards Via Per Once Twice Neither
    Either Whether What Which Who Whom Whose Why How Yes Today Yesterday Tomorrow Dear
    """.split()
)

# Words of institutions, places, laws, documents, events and organisations: a person's name
# never contains them, and a run of capitalised words right after one of them is a proper
# noun of that thing ("Policía Nacional Civil", "San José", "Operación Tormenta").
BLOCK_WORDS = frozenset(
    """
    Fiscalía Fiscalia Procuraduría Procuraduria Ministerio Público Publico Policía Policia Nacional
    Civil Federal Estatal Municipal Ministerial Investigación Investigacion Investigaciones General
    República Republica Secretaría Secretaria Seguridad Ciudadana Pública Publica Gobernación Justicia
    Poder Judicial Juzgado Juzgados Tribunal Tribunales Corte Suprema Sala Salas Cámara Primera Primero
    Segunda Segundo Tercera Tercero Cuarta Cuarto Quinta Quinto Sexta Sexto Séptimo Octavo Penal Penales
    Pena Especial Especializada Especializado Unidad Dirección Direccion Departamento División Division
    Oficina Instituto Institución Comisión Comision Consejo Comité Coordinación Centro Programa Proyecto
    Plan Estrategia Sistema Registro Servicio Servicios Migración Migracion Aduanas Hacienda Tesorería
    Banco Central Superintendencia Unidad Agencia Organismo Organización Organizacion Oficial Estado
    Estados Unidos Unida Unido Naciones Reino Consejo Asamblea Legislativa Congreso Senado Cámara
    Ejército Ejercito Armada Marina Fuerza Fuerzas Aérea Guardia Defensa Defensoría Defensoria Derechos
    Humanos Humano Protección Proteccion Víctimas Victimas Víctima Victima Testigo Testigos Menores
    Mujer Mujeres Niñez Adolescencia Familia Familias Trata Personas Tráfico Trafico Migrantes Delitos
    Delito Crimen Criminal Organizado Organizada Contra Lavado Dinero Activos Extinción Dominio Bienes
    Ley Leyes Decreto Código Codigo Reglamento Acuerdo Artículo Articulo Artículos Constitución
    Constitucion Política Politica Convención Convencion Protocolo Tratado Resolución Resolucion Norma
    Oficial Mexicana Reforma Capítulo Título Inciso Fracción Párrafo Anexo Transitorio Bis Ter Quater
    Curso Cursos Taller Seminario Conferencia Congreso Foro Encuentro Reunión Reunion Jornada Diplomado
    Regional Internacional Interamericano Interamericana Iberoamericano Iberoamericana Cooperación
    Cooperacion Asistencia Jurídica Juridica Mutua Extradición Red Redes Operación Operacion Caso
    Expediente Causa Carpeta Sentencia Amparo Juicio Audiencia Acta Informe Manual Guía Guia Módulo
    Hospital Clínica Universidad Escuela Colegio Iglesia Catedral Parroquia Mercado Aeropuerto Puerto
    Frontera Aduana Garita Puente Carretera Autopista Avenida Calle Colonia Barrio Zona Municipio
    Departamento Provincia Región Region Ciudad Pueblo Aldea Cantón Distrito Condado Estado Isla Islas
    Sierra Río Rio Lago Laguna Valle Cerro Volcán Golfo Mar Océano Costa Rica Rico San Santa Santo
    Santos Nuestra Señora Los Las Del Norte Sur Este Oeste Oriente Occidente Centroamérica Centroamerica
    América Latina Caribe Triángulo Norte Mesoamérica México Mexico Guatemala Belice Belize Honduras
    Salvador Nicaragua Panamá Panama Colombia Venezuela Ecuador Perú Peru Bolivia Chile Argentina Brasil
    Brazil Uruguay Paraguay Cuba Haití Haiti Dominicana España Spain Canadá Canada Europa Europe
    Tapachula Chiapas Petén Peten Quetzaltenango Escuintla Huehuetenango Izabal Jutiapa Chiquimula
    Tegucigalpa Sula Pedro Ceiba Choluteca Olancho Copán Copan Cortés Managua León Granada Chinandega
    Masaya Estelí Bluefields Limón Limon Heredia Alajuela Cartago Puntarenas Guanacaste Colón Colon
    Chiriquí Darién Darien Bocas Toro Veraguas Coclé Tijuana Juárez Ciudad Monterrey Guadalajara
    Cancún Cancun Veracruz Tabasco Tamaulipas Nuevo Laredo Reynosa Matamoros Oaxaca Guerrero Acapulco
    Michoacán Jalisco Sinaloa Culiacán Sonora Nogales Chihuahua Baja California Quintana Roo Chetumal
    Yucatán Mérida Puebla Querétaro Morelos Cuernavaca Hidalgo Pachuca Toluca Tenosique Palenque
    Comitán Tecún Umán Ayutla Hidalgo Talismán Suchiate Ocotepeque Corinto Agua Caliente Peñas Blancas
    Paso Canoas Guasaule Chinandega Belmopan Orange Walk Corozal Cayo Stann Creek Toledo Dangriga
    Alta Baja Verapaz Sacatepéquez Chimaltenango Sololá Totonicapán Suchitepéquez Retalhuleu
    Quiché Zacapa Progreso Jalapa Atlántida Yoro Intibucá Lempira Comayagua Gracias Sonsonate
    Ahuachapán Usulután Chalatenango Cuscatlán Cabañas Matagalpa Jinotega Boaco Chontales
    Carazo Pavas Desamparados Escazú Soconusco Lacandona Mosquitia Darién Verde Blanca
    Miami Houston Texas Arizona California Florida Nueva York Washington Madrid Viena Vienna Ginebra
    Geneva Bogotá Bogota Medellín Cali Cúcuta Santiago Lima Quito Caracas Habana
    Fiscal's Attorney Office Prosecutor's Prosecution Service Department Ministry Police National
    Civil Federal State Public Prosecutor General Court Supreme Tribunal Criminal Chamber Judicial
    Justice Security Secretariat Agency Bureau Unit Directorate Division Commission Council Committee
    Institute Institution Center Centre Programme Program Project Office Service Services Immigration
    Customs Enforcement Homeland Border Patrol Coast Guard Navy Army Marines Armed Forces Defense
    Defence Treasury Financial Intelligence Anti Money Laundering Human Rights Trafficking Smuggling
    Persons Migrants Organized Organised Crime Drugs Drug Narcotics Convention Protocol Treaty
    Resolution Act Law Laws Code Decree Article Articles Section Chapter Title Paragraph Regulation
    Directive Amendment Constitution Statute Rule Rules Course Workshop Seminar Conference Forum
    Meeting Summit Training Regional International Inter American Cooperation Mutual Legal Assistance
    Extradition Network Operation Task Force Group Team Case Cases File Judgment Sentence Trial
    Hearing Appeal Appeals Report Manual Guide Module Hospital Clinic University School College Church
    Market Airport Port Harbour Harbor Bridge Highway Avenue Street Road City Town Village County
    District Province Region Island Islands Valley Mountain Lake Gulf Bay Coast Northern Southern
    Eastern Western Central Latin America Americas Caribbean Triangle Mexico United States Kingdom
    Nations European Union Canada New York Los Angeles San Diego
    Belize Guatemala Honduras Nicaragua Costa Rica Panama Colombia Dominican Republic Haiti Cuba
    Puerto Interpol INTERPOL Europol UNODC OEA OAS ONU UN OIM IOM ACNUR UNHCR UNICEF USAID FBI DEA HSI
    ICE CBP DHS DOJ PGR FGR FGE PNC MP SEIDO SEMAR SEDENA CICIG MACCIH CNDH DIF INM SAT UIF ATF CIA
    WhatsApp Facebook Instagram Twitter TikTok Telegram Signal Messenger Google Gmail Hotmail Outlook
    Yahoo Western Union MoneyGram Bitcoin Visa Mastercard Excel Word Zoom Teams Uber
    Mexican Mexicans Guatemalan Guatemalans Honduran Hondurans Salvadoran Salvadorans Salvadorean
    Nicaraguan Nicaraguans Costa Rican Ricans Panamanian Panamanians Belizean Belizeans Colombian
    Colombians Venezuelan Venezuelans Cuban Cubans Haitian Haitians American Americans Canadian
    Spanish English Chinese Ecuadorian Peruvian Brazilian Dominican Latino Latina Central Hispanic
    Enero Febrero Marzo Abril Mayo Junio Agosto Septiembre Setiembre Octubre Noviembre Diciembre
    January February March April May June July August September October November December
    Lunes Martes Miércoles Jueves Viernes Sábado Domingo Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday Cártel Cartel Cárteles Cartels Mara Maras Pandilla Pandillas Gang Gangs Zetas
    Barrio Salvatrucha Familia Michoacana Golfo Gulf Jalisco Nueva Generación Sinaloa Clan Banda
    Bestia Beast Dios God Virgen Virgin Cristo Christ Jesucristo Bible Biblia Navidad Christmas Easter
    Semana Santa Week Covid COVID Pandemia Pandemic Internet Web Online PDF Anexo Annex Table Tabla
    Figure Figura Box Recuadro Lesson Lección Lecciones Lessons Learned Aprendidas Buenas Prácticas
    Good Practices Practice Práctica Study Estudio Módulo Unit Introduction Introducción Conclusion
    Conclusiones Conclusions Recommendations Recomendaciones Background Antecedentes Summary Resumen
    Facts Hechos Outcome Resultado Resultados Results Victim Victims Witness Witnesses Defendant
    Defendants Accused Suspect Suspects Survivor Survivors Minor Minors Child Children Girl Boy
    Appendix Sección Section Parte Part Volume Volumen Tomo Libro Book Chapter Ministry Minister
    Public Ministry Magistrate Defensor
    Defender Coordinator Coordinador Coordinadora Jefe Jefa Head
    """.split()
)

# Place names that are also common surnames or given names are not blocked: they are
# weighed as ambiguous by the name recognizer ("Ciudad Juárez" is a place, "Ana Juárez" a person).
BLOCK_WORDS = BLOCK_WORDS - _AMBIGUOUS_SURNAMES - {"Pedro", "Lima", "Cali"}

# Words before a name that say a person follows: honorifics, ranks and roles. Capitalised
# forms count when they open the capitalised sequence ("Detective Sergeant Ana Ruiz").
ROLE_WORDS = frozenset(
    """
    Sr Sra Srta Don Doña Lic Licda Licenciado Licenciada Dr Dra Doctor Doctora Ing Ingeniero Ingeniera
    Mtro Mtra Maestro Maestra Prof Profesor Profesora Agente Comandante Comisario Comisaria
    Subcomisario Subcomisaria Inspector Inspectora Subinspector Sargento Teniente Capitán Capitan
    Coronel Cabo Oficial Fiscal Juez Jueza Magistrado Magistrada Defensor Defensora Abogado Abogada
    Señor Señora Señorita Mr Mrs Ms Miss Mx Det Detective Sgt Sergeant Lt Lieutenant Capt Captain
    Insp Inspector Supt Superintendent Cpl Corporal Constable PC DC DS DI DCI Ofc Officer Agent
    Special Judge Justice Prosecutor Attorney Counsel Hon Honourable Honorable Gen Col Colonel Maj
    Cmdr Commander Commissioner Chief Sheriff Deputy Marshal Trooper Investigator Analyst Rev Fr
    Father Sister Brother Pastor Padre Madre Hermano Hermana
    """.split()
)
