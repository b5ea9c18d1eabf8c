"""Load the network's countries and the needs practitioners ask of counterparts (editable afterwards)."""

from django.db import migrations

from network import reference_data


def load(apps, schema_editor):
    reference_data.load(apps.get_model("network", "Country"), apps.get_model("network", "Need"))


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
