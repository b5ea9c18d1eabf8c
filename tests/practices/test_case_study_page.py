"""Reading a case study: metadata, aggregates, how to cite, related practices, language versions, queries."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from practices.factories import CaseStudyPageFactory, GoodPracticePageFactory
from practices.models import PartyAggregate


@pytest.fixture
def case(library):
    case = CaseStudyPageFactory(
        parent=library["es"],
        title="Entrega vigilada en la frontera",
        slug="entrega-vigilada",
        countries=["MX", "GT"],
        crime_types=["smuggling_of_migrants"],
        techniques=["controlled_delivery"],
        themes=["trafficking_vs_smuggling"],
        year=2021,
        elements_of_success="<p>Coordinación previa entre fiscalías.</p>",
        challenges="<p>Plazos distintos en cada país.</p>",
    )
    PartyAggregate.objects.create(page=case, role="victims", count=7, age_band="18-24")
    return case


def test_case_page_shows_its_metadata_and_aggregates(client, case):
    html = client.get(case.url).content.decode()
    for text in (
        "México",
        "Guatemala",
        "Tráfico ilícito de migrantes",
        "Entrega vigilada",
        "2021",
        "Coordinación previa entre fiscalías.",
        "Plazos distintos en cada país.",
    ):
        assert text in html, text
    assert "Conviction" in html or "Condena" in html
    assert "18 to 24" in html or "18 a 24" in html


def test_case_page_says_how_to_cite_it(client, case):
    html = client.get(case.url).content.decode()
    citation = html.split('id="cite-title"')[1].split("</section>")[0]
    assert "Entrega vigilada en la frontera" in citation
    assert "/es/biblioteca/entrega-vigilada/" in citation


def test_case_page_links_related_practices_the_reader_may_see(client, case, library):
    GoodPracticePageFactory(parent=library["es"], title="Guía pública de entregas", themes=["trafficking_vs_smuggling"])
    CaseStudyPageFactory(
        parent=library["es"],
        title="Caso reservado relacionado",
        themes=["trafficking_vs_smuggling"],
        visibility="members",
    )
    html = client.get(case.url).content.decode()
    assert "Guía pública de entregas" in html
    assert "Caso reservado relacionado" not in html


def test_members_see_members_only_related_practices(member_client, case, library):
    CaseStudyPageFactory(
        parent=library["es"], title="Caso reservado relacionado", countries=["GT"], visibility="members"
    )
    assert "Caso reservado relacionado" in member_client.get(case.url).content.decode()


def test_case_page_links_its_translation(client, case, library):
    english = CaseStudyPageFactory(parent=library["en"], title="Controlled delivery at the border", slug="controlled")
    type(english).objects.filter(pk=english.pk).update(translation_key=case.translation_key)
    html = client.get(case.url).content.decode()
    assert 'hreflang="en"' in html and "/en/library/controlled/" in html


def language_switch(html):
    """The part of the page before the end of its header, where the language switch is."""
    return html.split("</header>", 1)[0]


def test_language_switch_never_links_a_translation_the_reader_may_not_open(member_client, case, library):
    english = CaseStudyPageFactory(
        parent=library["en"], title="Reserved delivery", slug="reserved-delivery", visibility="members"
    )
    type(english).objects.filter(pk=english.pk).update(translation_key=case.translation_key)
    assert "/en/library/reserved-delivery/" not in language_switch(Client().get(case.url).content.decode())
    assert "/en/library/reserved-delivery/" in language_switch(member_client.get(case.url).content.decode())


def test_a_translation_behind_page_privacy_is_linked_only_for_full_members(member_client, case, library):
    from wagtail.models import PageViewRestriction

    english = CaseStudyPageFactory(parent=library["en"], title="Private delivery", slug="private-delivery")
    type(english).objects.filter(pk=english.pk).update(translation_key=case.translation_key)
    PageViewRestriction.objects.create(page=english, restriction_type=PageViewRestriction.LOGIN)

    anonymous_html = Client().get(case.url).content.decode()
    assert "/en/library/private-delivery/" not in anonymous_html  # neither the switch nor "Also available in"
    assert "/en/library/private-delivery/" in member_client.get(case.url).content.decode()


def test_case_page_has_a_print_stylesheet(client, case):
    assert 'href="/static/css/print.css" media="print"' in client.get(case.url).content.decode()


def queries_for(client, url):
    """SQL queries of the page with its cached fragments and links dropped, then with them in the cache."""
    from django.core.cache import cache

    counts = []
    cache.clear()
    for _attempt in ("cold", "warm"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return counts


def test_case_page_runs_a_constant_number_of_queries(client, case, library, settings):
    settings.ENLACE_PAGE_CACHE_SECONDS = 0
    client.get(case.url)
    small = queries_for(client, case.url)
    assert small[1] < small[0]  # the public item's fragments and links come from the cache
    for n in range(8):
        CaseStudyPageFactory(
            parent=library["es"], title=f"Relacionado {n}", countries=["MX"], themes=["case_management"]
        )
    for n in range(5):
        PartyAggregate.objects.create(page=case, role="defendants", count=n + 1, nationality_id=None)
    case.themes.add(*case.themes.model.objects.all())
    case.countries.add(*case.countries.model.objects.all()[:6])
    case.save()
    assert queries_for(client, case.url) == small


def test_members_related_links_cached_for_a_member_never_reach_an_anonymous_reader(member_client, case, library):
    CaseStudyPageFactory(
        parent=library["es"], title="Caso reservado relacionado", countries=["GT"], visibility="members"
    )
    assert "Caso reservado relacionado" in member_client.get(case.url).content.decode()  # cached for members

    assert "Caso reservado relacionado" not in Client().get(case.url).content.decode()


def test_a_members_only_item_is_rendered_afresh_every_time(member_client, library):
    case = CaseStudyPageFactory(parent=library["es"], title="Caso reservado", visibility="members")
    member_client.get(case.url)
    type(case).objects.filter(pk=case.pk).update(challenges="<p>Texto corregido sin señal.</p>")

    assert "Texto corregido sin señal." in member_client.get(case.url).content.decode()


def test_changing_a_public_item_refreshes_its_cached_text(client, case):
    assert "Plazos distintos en cada país." in client.get(case.url).content.decode()
    case.challenges = "<p>Plazos armonizados.</p>"
    case.save()

    html = client.get(case.url).content.decode()
    assert "Plazos armonizados." in html and "Plazos distintos en cada país." not in html


def test_a_new_title_and_summary_replace_the_cached_header(client, case):
    assert "Entrega vigilada en la frontera" in client.get(case.url).content.decode()
    case.title, case.summary = "Entrega vigilada revisada", "Resumen nuevo del caso."
    case.save_revision().publish()

    header = client.get(case.url).content.decode().split("<header>")[1].split("</header>")[0]
    assert "Entrega vigilada revisada" in header and "Resumen nuevo del caso." in header
    assert "Entrega vigilada en la frontera" not in header


def test_the_citation_names_the_day_it_is_read_even_with_the_page_text_cached(client, case, settings):
    import datetime

    import time_machine
    from django.utils import formats, timezone
    from django.utils.translation import override

    def citation():
        html = client.get(case.url).content.decode()
        return html.split('id="cite-title"')[1].split("</section>")[0]

    # The item's text fragments are what this is about. The whole-page cache for visitors (home.page_cache) keeps a
    # page up to ENLACE_PAGE_CACHE_SECONDS by the cache server's own clock, which time travel does not move (Redis).
    settings.ENLACE_PAGE_CACHE_SECONDS = 0
    # Twenty minutes apart, across midnight: well within the cached text's lifetime.
    moments = [datetime.datetime(2026, 3, 9, 23, 50), datetime.datetime(2026, 3, 10, 0, 10)]
    shown = []
    for moment in moments:
        with time_machine.travel(timezone.make_aware(moment), tick=False):
            first, again = citation(), citation()
        with override("es"):
            shown.append(formats.date_format(moment.date(), "DATE_FORMAT"))
        assert shown[-1] in first and shown[-1] in again
    assert shown[0] != shown[1]
