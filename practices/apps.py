from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    """The library of case studies and good practices, its taxonomy, workflow, import and anonymization."""

    name = "practices"
    verbose_name = _("Practices library")
