"""Demo content for the site itself: the two language trees and their home pages."""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from network import reference_data
from network.models import Country, Need

from .models import HomePage

HOME_CONTENT = {
    "es": {
        "title": "Enlace: cooperación penal sin fronteras",
        "lead": "La red de fiscales, policías investigadores, enlaces de INTERPOL y autoridades centrales de México "
        "y Centroamérica contra la trata de personas y el tráfico ilícito de migrantes.",
        "body": "<p>La trata y el tráfico cruzan fronteras; las investigaciones casi siempre se detienen en ellas. "
        "Enlace ayuda a encontrar a la contraparte adecuada en otro país, a aprender de casos ya investigados y "
        "a seguir compartiendo después de cada curso y reunión regional.</p>",
    },
    "en": {
        "title": "Enlace: criminal-justice cooperation across borders",
        "lead": "The network of prosecutors, police investigators, INTERPOL liaison officers and central authorities "
        "of Mexico and Central America against trafficking in persons and the smuggling of migrants.",
        "body": "<p>Trafficking and smuggling cross borders; investigations mostly stop at them. Enlace helps "
        "practitioners find the right counterpart in another country, learn from cases already investigated, "
        "and keep sharing after every regional course and meeting.</p>",
    },
}


@transaction.atomic
def seed(report, **options):
    """Create the Spanish home page as the site root and its English translation, once."""
    if not Country.objects.exists():  # a flushed test database; migrations load them everywhere else
        reference_data.load(Country, Need)
        report.count(True, "countries and needs")
    spanish, created = Locale.objects.get_or_create(language_code="es")
    report.count(created, "locale es")
    english, created = Locale.objects.get_or_create(language_code="en")
    report.count(created, "locale en")

    home = HomePage.objects.filter(locale=spanish).first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=spanish))
        home = root.add_child(instance=HomePage(locale=spanish, slug="inicio", **HOME_CONTENT["es"]))
        home.save_revision().publish()
        report.count(True, "home page (es)")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Enlace")
        report.count(True, "site")
    elif site.root_page_id != home.id:
        stock_welcome_page = site.root_page
        site.root_page = home
        site.site_name = "Enlace"
        site.save()
        if not isinstance(stock_welcome_page.specific, HomePage):
            stock_welcome_page.delete()
        report.count(True, "site root")

    if not HomePage.objects.filter(locale=english).exists():
        translation = home.copy_for_translation(english)
        for field, value in HOME_CONTENT["en"].items():
            setattr(translation, field, value)
        translation.slug = "home"
        translation.save_revision().publish()
        report.count(True, "home page (en)")
    return home
