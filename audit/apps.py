from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def administrators_read_the_audit_log(sender, **kwargs):
    """The Administrator role may read the audit log. After every migrate, because the roles are created and their
    permissions set by the members app's migrations, in an order this app does not control."""
    from django.contrib.auth.models import Group, Permission

    permission = Permission.objects.filter(content_type__app_label="audit", codename="view_auditevent").first()
    group = Group.objects.filter(name="Administrator").first()
    if permission and group:
        group.permissions.add(permission)


class AuditConfig(AppConfig):
    """The security audit trail: who signed in, changed a second factor, was vetted or given a role, looked at
    contacts, downloaded restricted documents or exported data."""

    name = "audit"
    verbose_name = _("Audit trail")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers

        receivers.connect()
        post_migrate.connect(administrators_read_the_audit_log, dispatch_uid="audit_administrators")
