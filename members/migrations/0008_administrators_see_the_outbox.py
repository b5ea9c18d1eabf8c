"""Grant the members' outbox to the Administrator role (created in 0004_roles).

Administrators look after the platform: they see the e-mails that wait or failed (``view_outgoingemail``) and may
send one again or cancel it (``change_outgoingemail``). No other role sees the outbox: it lists who is written to
and why, and vetters and editors have no need of it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {"Administrator": ["view_outgoingemail", "change_outgoingemail"]}


def grant(apps, schema_editor):
    members = apps.get_app_config("members")
    members.models_module = True
    create_permissions(members, apps=apps, verbosity=0)
    members.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="members", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="members", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [("members", "0007_outgoing_email_cancelled")]
    operations = [migrations.RunPython(grant, revoke)]
