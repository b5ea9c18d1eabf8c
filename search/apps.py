from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The permission-aware search page, facets, autocomplete and backend selection with fallback."""

    name = "search"
    verbose_name = _("Search")
