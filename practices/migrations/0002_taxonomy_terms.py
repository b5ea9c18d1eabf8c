"""Load the library's taxonomies (editable afterwards as snippets). Slugs are stable: imports and links use them."""

from django.db import migrations

CRIME_TYPES = [
    ("trafficking_in_persons", "Trata de personas", "Trafficking in persons"),
    ("smuggling_of_migrants", "Tráfico ilícito de migrantes", "Smuggling of migrants"),
]

EXPLOITATION_FORMS = [
    ("sexual", "Explotación sexual", "Sexual exploitation"),
    ("labour", "Explotación laboral", "Labour exploitation"),
    ("forced_begging", "Mendicidad forzada", "Forced begging"),
    ("forced_criminality", "Criminalidad forzada", "Forced criminality"),
    ("domestic_servitude", "Servidumbre doméstica", "Domestic servitude"),
    ("forced_marriage", "Matrimonio forzado", "Forced marriage"),
    ("organ_removal", "Extracción de órganos", "Organ removal"),
    ("illegal_adoption", "Adopción ilegal", "Illegal adoption"),
]

TECHNIQUES = [
    ("controlled_delivery", "Entrega vigilada", "Controlled delivery"),
    ("undercover_operation", "Operación encubierta", "Undercover operation"),
    ("interception", "Intervención de comunicaciones", "Interception of communications"),
    ("financial_investigation", "Investigación financiera", "Financial investigation"),
    ("digital_evidence", "Evidencia digital", "Digital evidence"),
    ("joint_investigation_team", "Equipo conjunto de investigación", "Joint investigation team"),
    ("mla_request", "Solicitud de asistencia judicial recíproca", "Mutual legal assistance request"),
    ("extradition", "Extradición", "Extradition"),
    ("interpol_notice", "Notificación de INTERPOL", "INTERPOL notice"),
    ("video_link_testimony", "Testimonio por videoconferencia", "Video-link testimony"),
    ("spontaneous_information_exchange", "Intercambio espontáneo de información", "Spontaneous information exchange"),
    ("victim_centred_interview", "Entrevista centrada en la víctima", "Victim-centred interview"),
]

# The weaknesses UNODC names in the region's response to trafficking and smuggling, first.
THEMES = [
    (
        "trafficking_vs_smuggling",
        "Distinguir la trata del tráfico ilícito de migrantes",
        "Telling trafficking from smuggling",
    ),
    ("prosecution_police_coordination", "Coordinación entre fiscalía y policía", "Prosecution–police coordination"),
    ("evidence_collection_standards", "Estándares de obtención de pruebas", "Evidence collection standards"),
    ("case_management", "Gestión de casos", "Case management"),
    ("mla_tools", "Herramientas de asistencia judicial recíproca", "Mutual legal assistance tools"),
    ("victim_witness_protection", "Protección de víctimas y testigos", "Victim and witness protection"),
]


def load(apps, schema_editor):
    for model_name, terms in [
        ("CrimeType", CRIME_TYPES),
        ("ExploitationForm", EXPLOITATION_FORMS),
        ("Technique", TECHNIQUES),
        ("Theme", THEMES),
    ]:
        model = apps.get_model("practices", model_name)
        for order, (slug, name_es, name_en) in enumerate(terms, start=1):
            model.objects.update_or_create(
                slug=slug, defaults={"name_es": name_es, "name_en": name_en, "sort_order": order}
            )


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
