"""Load the specializations and working languages members pick from (choices fixed in code, rows for indexed filtering)."""

from django.db import migrations

SPECIALIZATIONS = [
    "trafficking",
    "smuggling",
    "sexual_exploitation",
    "labour_exploitation",
    "financial_investigation",
    "digital_evidence",
    "mla_extradition",
    "victim_witness_protection",
]
LANGUAGES = ["es", "en", "pt", "fr", "it", "de"]


def load(apps, schema_editor):
    Specialization = apps.get_model("members", "Specialization")
    WorkingLanguage = apps.get_model("members", "WorkingLanguage")
    for order, code in enumerate(SPECIALIZATIONS, start=1):
        Specialization.objects.update_or_create(code=code, defaults={"sort_order": order})
    for order, code in enumerate(LANGUAGES, start=1):
        WorkingLanguage.objects.update_or_create(code=code, defaults={"sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("members", "0002_membership")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
