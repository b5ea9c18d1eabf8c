from django.apps import AppConfig


class PlainWagtailConfig(AppConfig):
    """A page model and template as plain as a new Wagtail project's, for side-by-side timings."""

    name = "bench.plain_wagtail"
    label = "plain_wagtail"
    default_auto_field = "django.db.models.BigAutoField"
