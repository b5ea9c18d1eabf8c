"""Let Wagtail's Editors and Moderators groups maintain the network's reference data in the admin.

Vetters (a group the members app creates) also need the focal-point permissions; the members app grants them
when it creates that group.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["country", "institution", "need", "countrysheet", "focalpointdesignation"]
GROUPS = ["Editors", "Moderators"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; create network's now so they can be granted.
    network = apps.get_app_config("network")
    network.models_module = True
    create_permissions(network, apps=apps, verbosity=0)
    network.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="network",
        codename__in=[f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")],
    )
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0003_focal_points_sheets_audit"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
