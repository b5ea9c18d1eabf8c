"""Grant the network's models to the members app's roles (created in members 0004_roles).

- Editor: countries, institutions, needs, country sheets and focal-point designations.
- Vetter: focal-point designations (and reading the reference data to choose from).
- Administrator: all of the above, and reading the contact access audit trail.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CRUD = ("add", "change", "delete", "view")
REFERENCE = ["country", "institution", "need", "countrysheet", "focalpointdesignation"]
GRANTS = {
    "Editor": [f"{action}_{model}" for model in REFERENCE for action in CRUD],
    "Vetter": [f"{action}_focalpointdesignation" for action in CRUD]
    + ["view_country", "view_institution", "view_need"],
    "Administrator": [f"{action}_{model}" for model in REFERENCE for action in CRUD] + ["view_contactaccess"],
}


def grant(apps, schema_editor):
    network = apps.get_app_config("network")
    network.models_module = True
    create_permissions(network, apps=apps, verbosity=0)
    network.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="network", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("network", "0004_editors_manage_reference_data"), ("members", "0004_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
