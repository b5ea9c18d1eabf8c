"""Demo step: the real public institutions of the region, by country (public facts only, no people).

Keyed by (country, name) with ``get_or_create`` so it runs before or after other demo steps that create a few
of the same institutions, and a second run changes nothing. E-mail domains and websites are left empty where
we could not state them with confidence; editors complete them in the admin.
"""

from django.db import transaction

from .models import Country, Institution, InstitutionType

T = InstitutionType

#: Countries hosting an international organisation's headquarters, added to the network's list if missing.
EXTRA_COUNTRIES = [("FR", "Francia", "France")]

# country, name, acronym, type, e-mail domains, website, parent name (same country)
INSTITUTIONS = [
    # Mexico
    ("MX", "Fiscalía General de la República", "FGR", T.PROSECUTION, "fgr.org.mx", "https://www.gob.mx/fgr", ""),
    (
        "MX",
        "Fiscalía Especial para los Delitos de Violencia contra las Mujeres y Trata de Personas",
        "FEVIMTRA",
        T.SPECIALIZED_UNIT,
        "fgr.org.mx",
        "https://www.gob.mx/fgr",
        "Fiscalía General de la República",
    ),
    (
        "MX",
        "Dirección General de Procedimientos Internacionales",
        "DGPI",
        T.CENTRAL_AUTHORITY,
        "fgr.org.mx",
        "https://www.gob.mx/fgr",
        "Fiscalía General de la República",
    ),
    (
        "MX",
        "Oficina Central Nacional INTERPOL México",
        "OCN INTERPOL",
        T.INTERPOL_NCB,
        "fgr.org.mx",
        "",
        "Fiscalía General de la República",
    ),
    (
        "MX",
        "Secretaría de Relaciones Exteriores",
        "SRE",
        T.CENTRAL_AUTHORITY,
        "sre.gob.mx",
        "https://www.gob.mx/sre",
        "",
    ),
    ("MX", "Guardia Nacional", "GN", T.POLICE, "", "https://www.gob.mx/guardianacional", ""),
    ("MX", "Instituto Nacional de Migración", "INM", T.MIGRATION, "inm.gob.mx", "https://www.gob.mx/inm", ""),
    ("MX", "Comisión Ejecutiva de Atención a Víctimas", "CEAV", T.VICTIM_PROTECTION, "", "https://www.gob.mx/ceav", ""),
    (
        "MX",
        "Secretaría del Trabajo y Previsión Social",
        "STPS",
        T.LABOUR_INSPECTION,
        "stps.gob.mx",
        "https://www.gob.mx/stps",
        "",
    ),
    (
        "MX",
        "Oficina de Enlace y Partenariado de la UNODC en México",
        "UNODC",
        T.INTERNATIONAL,
        "un.org",
        "https://www.unodc.org/mexicoandcentralamerica/",
        "",
    ),
    # Guatemala
    ("GT", "Ministerio Público", "MP", T.PROSECUTION, "mp.gob.gt", "https://www.mp.gob.gt", ""),
    (
        "GT",
        "Fiscalía contra la Trata de Personas",
        "",
        T.SPECIALIZED_UNIT,
        "mp.gob.gt",
        "https://www.mp.gob.gt",
        "Ministerio Público",
    ),
    ("GT", "Policía Nacional Civil", "PNC", T.POLICE, "pnc.gob.gt", "https://www.pnc.gob.gt", ""),
    (
        "GT",
        "Oficina Central Nacional INTERPOL Guatemala",
        "OCN INTERPOL",
        T.INTERPOL_NCB,
        "pnc.gob.gt",
        "",
        "Policía Nacional Civil",
    ),
    (
        "GT",
        "Secretaría contra la Violencia Sexual, Explotación y Trata de Personas",
        "SVET",
        T.VICTIM_PROTECTION,
        "svet.gob.gt",
        "https://www.svet.gob.gt",
        "",
    ),
    ("GT", "Instituto Guatemalteco de Migración", "IGM", T.MIGRATION, "igm.gob.gt", "https://igm.gob.gt", ""),
    (
        "GT",
        "Ministerio de Relaciones Exteriores",
        "MINEX",
        T.CENTRAL_AUTHORITY,
        "minex.gob.gt",
        "https://www.minex.gob.gt",
        "",
    ),
    ("GT", "Organismo Judicial", "OJ", T.JUDICIARY, "oj.gob.gt", "https://www.oj.gob.gt", ""),
    # Belize
    ("BZ", "Office of the Director of Public Prosecutions", "ODPP", T.PROSECUTION, "", "", ""),
    ("BZ", "Belize Police Department", "BPD", T.POLICE, "", "", ""),
    (
        "BZ",
        "INTERPOL National Central Bureau Belmopan",
        "NCB Belmopan",
        T.INTERPOL_NCB,
        "",
        "",
        "Belize Police Department",
    ),
    ("BZ", "Attorney General's Ministry", "AGM", T.CENTRAL_AUTHORITY, "", "", ""),
    ("BZ", "Immigration and Nationality Department", "", T.MIGRATION, "", "https://immigration.gov.bz", ""),
    ("BZ", "Anti-Trafficking in Persons Council", "ATIPS Council", T.VICTIM_PROTECTION, "", "", ""),
    ("BZ", "Ministry of Foreign Affairs", "MFA", T.CENTRAL_AUTHORITY, "", "", ""),
    # El Salvador
    (
        "SV",
        "Fiscalía General de la República",
        "FGR",
        T.PROSECUTION,
        "fiscalia.gob.sv",
        "https://www.fiscalia.gob.sv",
        "",
    ),
    (
        "SV",
        "Unidad Especializada de Delitos de Trata y Tráfico Ilegal de Personas",
        "",
        T.SPECIALIZED_UNIT,
        "fiscalia.gob.sv",
        "https://www.fiscalia.gob.sv",
        "Fiscalía General de la República",
    ),
    ("SV", "Policía Nacional Civil", "PNC", T.POLICE, "pnc.gob.sv", "https://www.pnc.gob.sv", ""),
    (
        "SV",
        "Oficina Central Nacional INTERPOL San Salvador",
        "OCN INTERPOL",
        T.INTERPOL_NCB,
        "pnc.gob.sv",
        "",
        "Policía Nacional Civil",
    ),
    (
        "SV",
        "Dirección General de Migración y Extranjería",
        "DGME",
        T.MIGRATION,
        "migracion.gob.sv",
        "https://www.migracion.gob.sv",
        "",
    ),
    (
        "SV",
        "Ministerio de Relaciones Exteriores",
        "RREE",
        T.CENTRAL_AUTHORITY,
        "rree.gob.sv",
        "https://rree.gob.sv",
        "",
    ),
    ("SV", "Corte Suprema de Justicia", "CSJ", T.JUDICIARY, "csj.gob.sv", "https://www.csj.gob.sv", ""),
    ("SV", "Consejo Nacional contra la Trata de Personas", "", T.VICTIM_PROTECTION, "", "", ""),
    # Honduras
    ("HN", "Ministerio Público", "MP", T.PROSECUTION, "mp.hn", "https://www.mp.hn", ""),
    ("HN", "Policía Nacional de Honduras", "", T.POLICE, "", "", ""),
    (
        "HN",
        "Oficina Central Nacional INTERPOL Tegucigalpa",
        "OCN INTERPOL",
        T.INTERPOL_NCB,
        "",
        "",
        "Policía Nacional de Honduras",
    ),
    (
        "HN",
        "Comisión Interinstitucional contra la Explotación Sexual Comercial y Trata de Personas",
        "CICESCT",
        T.VICTIM_PROTECTION,
        "cicesct.gob.hn",
        "https://cicesct.gob.hn",
        "",
    ),
    ("HN", "Instituto Nacional de Migración", "INM", T.MIGRATION, "inm.gob.hn", "https://inm.gob.hn", ""),
    (
        "HN",
        "Secretaría de Relaciones Exteriores y Cooperación Internacional",
        "SRECI",
        T.CENTRAL_AUTHORITY,
        "sreci.gob.hn",
        "https://sreci.gob.hn",
        "",
    ),
    (
        "HN",
        "Poder Judicial de Honduras",
        "",
        T.JUDICIARY,
        "poderjudicial.gob.hn",
        "https://www.poderjudicial.gob.hn",
        "",
    ),
    # Nicaragua
    (
        "NI",
        "Ministerio Público",
        "MP",
        T.PROSECUTION,
        "ministeriopublico.gob.ni",
        "https://www.ministeriopublico.gob.ni",
        "",
    ),
    ("NI", "Policía Nacional", "PN", T.POLICE, "policia.gob.ni", "https://www.policia.gob.ni", ""),
    (
        "NI",
        "Oficina Central Nacional INTERPOL Managua",
        "OCN INTERPOL",
        T.INTERPOL_NCB,
        "policia.gob.ni",
        "",
        "Policía Nacional",
    ),
    ("NI", "Dirección General de Migración y Extranjería", "DGME", T.MIGRATION, "", "https://www.migob.gob.ni", ""),
    (
        "NI",
        "Ministerio de Relaciones Exteriores",
        "MINREX",
        T.CENTRAL_AUTHORITY,
        "cancilleria.gob.ni",
        "https://www.cancilleria.gob.ni",
        "",
    ),
    (
        "NI",
        "Corte Suprema de Justicia",
        "CSJ",
        T.JUDICIARY,
        "poderjudicial.gob.ni",
        "https://www.poderjudicial.gob.ni",
        "",
    ),
    # Costa Rica
    ("CR", "Poder Judicial", "", T.JUDICIARY, "poder-judicial.go.cr", "https://www.poder-judicial.go.cr", ""),
    (
        "CR",
        "Ministerio Público",
        "MP",
        T.PROSECUTION,
        "poder-judicial.go.cr",
        "https://ministeriopublico.poder-judicial.go.cr",
        "Poder Judicial",
    ),
    (
        "CR",
        "Fiscalía Adjunta contra la Trata de Personas y el Tráfico Ilícito de Migrantes",
        "FACTRA",
        T.SPECIALIZED_UNIT,
        "poder-judicial.go.cr",
        "https://ministeriopublico.poder-judicial.go.cr",
        "Ministerio Público",
    ),
    (
        "CR",
        "Oficina de Asesoría Técnica y Relaciones Internacionales",
        "OATRI",
        T.CENTRAL_AUTHORITY,
        "poder-judicial.go.cr",
        "https://ministeriopublico.poder-judicial.go.cr",
        "Ministerio Público",
    ),
    (
        "CR",
        "Organismo de Investigación Judicial",
        "OIJ",
        T.POLICE,
        "poder-judicial.go.cr",
        "https://sitiooij.poder-judicial.go.cr",
        "Poder Judicial",
    ),
    (
        "CR",
        "Oficina Central Nacional INTERPOL San José",
        "OCN INTERPOL",
        T.INTERPOL_NCB,
        "poder-judicial.go.cr",
        "",
        "Organismo de Investigación Judicial",
    ),
    (
        "CR",
        "Dirección General de Migración y Extranjería",
        "DGME",
        T.MIGRATION,
        "migracion.go.cr",
        "https://www.migracion.go.cr",
        "",
    ),
    (
        "CR",
        "Coalición Nacional contra el Tráfico Ilícito de Migrantes y la Trata de Personas",
        "CONATT",
        T.VICTIM_PROTECTION,
        "migracion.go.cr",
        "",
        "Dirección General de Migración y Extranjería",
    ),
    (
        "CR",
        "Ministerio de Relaciones Exteriores y Culto",
        "RREE",
        T.CENTRAL_AUTHORITY,
        "rree.go.cr",
        "https://www.rree.go.cr",
        "",
    ),
    (
        "CR",
        "Oficina Regional de la OIM para Centroamérica, Norteamérica y el Caribe",
        "OIM",
        T.INTERNATIONAL,
        "iom.int",
        "https://rosanjose.iom.int",
        "",
    ),
    # Panama
    (
        "PA",
        "Ministerio Público",
        "MP",
        T.PROSECUTION,
        "ministeriopublico.gob.pa",
        "https://ministeriopublico.gob.pa",
        "",
    ),
    ("PA", "Policía Nacional", "PN", T.POLICE, "", "https://www.policia.gob.pa", ""),
    ("PA", "Dirección de Investigación Judicial", "DIJ", T.POLICE, "", "", "Policía Nacional"),
    ("PA", "Oficina Central Nacional INTERPOL Panamá", "OCN INTERPOL", T.INTERPOL_NCB, "", "", "Policía Nacional"),
    (
        "PA",
        "Servicio Nacional de Migración",
        "SNM",
        T.MIGRATION,
        "migracion.gob.pa",
        "https://www.migracion.gob.pa",
        "",
    ),
    (
        "PA",
        "Ministerio de Relaciones Exteriores",
        "MIRE",
        T.CENTRAL_AUTHORITY,
        "mire.gob.pa",
        "https://mire.gob.pa",
        "",
    ),
    ("PA", "Comisión Nacional contra la Trata de Personas", "", T.VICTIM_PROTECTION, "", "", ""),
    ("PA", "Órgano Judicial", "", T.JUDICIARY, "organojudicial.gob.pa", "https://www.organojudicial.gob.pa", ""),
    (
        "PA",
        "Oficina Regional de la UNODC para Centroamérica y el Caribe",
        "UNODC ROPAN",
        T.INTERNATIONAL,
        "un.org",
        "https://www.unodc.org/ropan/",
        "",
    ),
    # Others that take part
    ("CO", "Fiscalía General de la Nación", "FGN", T.PROSECUTION, "fiscalia.gov.co", "https://www.fiscalia.gov.co", ""),
    (
        "CO",
        "Unidad Administrativa Especial Migración Colombia",
        "",
        T.MIGRATION,
        "migracioncolombia.gov.co",
        "https://www.migracioncolombia.gov.co",
        "",
    ),
    (
        "US",
        "Office of International Affairs, Criminal Division, U.S. Department of Justice",
        "OIA",
        T.CENTRAL_AUTHORITY,
        "usdoj.gov",
        "https://www.justice.gov/criminal/criminal-oia",
        "",
    ),
    ("US", "Homeland Security Investigations", "HSI", T.POLICE, "ice.dhs.gov", "https://www.ice.gov/about-ice/hsi", ""),
    ("ES", "Fiscalía General del Estado", "FGE", T.PROSECUTION, "fiscal.es", "https://www.fiscal.es", ""),
    (
        "ES",
        "Ministerio de la Presidencia, Justicia y Relaciones con las Cortes",
        "",
        T.CENTRAL_AUTHORITY,
        "",
        "https://www.mjusticia.gob.es",
        "",
    ),
    ("FR", "INTERPOL General Secretariat", "INTERPOL", T.INTERNATIONAL, "interpol.int", "https://www.interpol.int", ""),
]


def institution(code, name):
    """One of the loaded institutions, for other demo steps (country sheets, members)."""
    return Institution.objects.get(country__code=code, name=name)


@transaction.atomic
def seed(report, **options):
    """Create the countries hosting international organisations and every listed institution, once."""
    for code, name_es, name_en in EXTRA_COUNTRIES:
        _country, created = Country.objects.get_or_create(
            code=code, defaults={"name_es": name_es, "name_en": name_en, "in_region": False, "sort_order": 200}
        )
        report.count(created, f"country {code}")
    countries = {country.code: country for country in Country.objects.all()}
    created_count = 0
    for code, name, acronym, kind, domains, website, parent_name in INSTITUTIONS:
        parent = Institution.objects.get(country=countries[code], name=parent_name) if parent_name else None
        _institution, created = Institution.objects.get_or_create(
            country=countries[code],
            name=name,
            defaults={
                "acronym": acronym,
                "institution_type": kind,
                "email_domains": domains,
                "website": website,
                "parent": parent,
            },
        )
        created_count += created
    report.add(created_count, "public institutions")
