from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The site itself: home page, health check, error pages and the demo-content orchestration."""

    name = "home"
    verbose_name = _("Site")

    def ready(self):
        # Connect the page cache's invalidation signals and the PostgreSQL date loader in every process (web
        # workers and management commands).
        from home import database, page_cache  # noqa: F401
