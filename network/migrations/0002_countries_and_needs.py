"""Load the network's countries and the needs practitioners ask of counterparts (editable afterwards)."""

from django.db import migrations

COUNTRIES = [
    # code, Spanish, English, in the region
    ("MX", "México", "Mexico", True),
    ("GT", "Guatemala", "Guatemala", True),
    ("BZ", "Belice", "Belize", True),
    ("SV", "El Salvador", "El Salvador", True),
    ("HN", "Honduras", "Honduras", True),
    ("NI", "Nicaragua", "Nicaragua", True),
    ("CR", "Costa Rica", "Costa Rica", True),
    ("PA", "Panamá", "Panama", True),
    ("CO", "Colombia", "Colombia", False),
    ("DO", "República Dominicana", "Dominican Republic", False),
    ("US", "Estados Unidos", "United States", False),
    ("ES", "España", "Spain", False),
]

NEEDS = [
    ("mla-request", "Enviar una solicitud de asistencia judicial", "Send a mutual legal assistance request"),
    ("evidence-collection", "Solicitar la obtención de pruebas", "Request evidence collection"),
    ("controlled-delivery", "Coordinar una entrega vigilada", "Coordinate a controlled delivery"),
    ("locate-person", "Localizar a una persona o pedir una notificación de INTERPOL",
     "Locate a person or request an INTERPOL notice"),
    ("extradition", "Extradición", "Extradition"),
    ("victim-protection", "Protección y repatriación de víctimas", "Victim protection and repatriation"),
    ("witness-protection", "Protección de testigos", "Witness protection"),
    ("financial-investigation", "Investigación financiera y recuperación de activos",
     "Financial investigation and asset recovery"),
    ("joint-investigation-team", "Equipo conjunto de investigación", "Joint investigation team"),
    ("digital-evidence", "Preservación de evidencia digital", "Digital evidence preservation"),
]


def load(apps, schema_editor):
    Country = apps.get_model("network", "Country")
    Need = apps.get_model("network", "Need")
    for order, (code, name_es, name_en, in_region) in enumerate(COUNTRIES, start=1):
        Country.objects.update_or_create(
            code=code, defaults={"name_es": name_es, "name_en": name_en, "in_region": in_region, "sort_order": order}
        )
    for order, (slug, name_es, name_en) in enumerate(NEEDS, start=1):
        Need.objects.update_or_create(slug=slug, defaults={"name_es": name_es, "name_en": name_en, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
