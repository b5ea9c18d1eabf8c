"""Finding a library item from its URL (``LibraryIndexPage.route``): the same page and the same 404s as Wagtail's
own routing, with the item loaded in its specific form once."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from practices.factories import CaseStudyPageFactory, GoodPracticePageFactory
from practices.models import CaseStudyPage, GoodPracticePage

pytestmark = pytest.mark.django_db


def route(index, *components):
    return index.route(RequestFactory().get("/"), list(components))


@pytest.mark.parametrize(
    ("factory", "model"), [(CaseStudyPageFactory, CaseStudyPage), (GoodPracticePageFactory, GoodPracticePage)]
)
def test_an_item_is_found_in_its_specific_form_with_every_field_as_wagtail_finds_it(library, factory, model):
    item = factory(parent=library["es"], title="Entrega vigilada", slug="entrega-vigilada", visibility="public")

    with CaptureQueriesContext(connection) as queries:
        found = route(library["es"], "entrega-vigilada").page
        assert found.get_parent().pk == library["es"].pk  # the index is kept on the item: no query
    expected = Page.route(library["es"], RequestFactory().get("/"), ["entrega-vigilada"]).page

    assert type(found) is model and found.pk == item.pk
    assert len(queries) == 2  # the child's id and type, then the specific page
    for field in model._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(expected, field.attname), field.name


def test_unknown_slugs_drafts_and_paths_below_an_item_are_not_found(library):
    from django.http import Http404

    CaseStudyPageFactory(parent=library["es"], slug="publicado")
    CaseStudyPageFactory(parent=library["es"], slug="borrador", publish=False)
    CaseStudyPageFactory(parent=library["en"], slug="only-in-english")

    for components in (["no-existe"], ["borrador"], ["publicado", "mas"], ["only-in-english"]):
        with pytest.raises(Http404):
            route(library["es"], *components)
    assert route(library["es"]).page.pk == library["es"].pk  # the index itself


def test_an_item_url_is_served_and_a_draft_url_is_not(client, library):
    item = CaseStudyPageFactory(parent=library["es"], title="Caso publicado", visibility="public")
    draft = CaseStudyPageFactory(parent=library["es"], title="Caso en borrador", visibility="public", publish=False)

    assert "Caso publicado" in client.get(item.url).content.decode()
    assert client.get(f"/es/biblioteca/{draft.slug}/").status_code == 404
