from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """Countries, institutions, needs, focal points, country sheets, the directory and the counterpart finder."""

    name = "network"
    verbose_name = _("Network")
