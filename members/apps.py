from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    """Identity and access: accounts, vetting, roles, MFA enforcement and the one access policy."""

    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from . import middleware, signals  # noqa: F401  (signal receivers)
