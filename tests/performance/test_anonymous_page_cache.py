"""The anonymous page cache (home/page_cache.py): fast for visitors, never a leak between audiences."""

import pytest
from django.db import transaction
from django.test import Client

from home.page_cache import HEADER

CANARY = "Canario-Cache-Miembros"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.ENLACE_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def public_case(library):
    from practices.factories import CaseStudyPageFactory

    return CaseStudyPageFactory(parent=library["es"], title="Entrega vigilada en Tapachula", visibility="public")


@pytest.fixture
def members_case(library):
    from practices.factories import CaseStudyPageFactory

    return CaseStudyPageFactory(parent=library["es"], title=f"Caso reservado {CANARY}", visibility="members")


def anonymous():
    return Client()


def test_anonymous_visitor_reads_the_second_visit_from_the_cache(public_case):
    first = anonymous().get(public_case.url)
    second = anonymous().get(public_case.url)

    assert first.status_code == second.status_code == 200
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert second.content == first.content
    assert "Entrega vigilada en Tapachula" in second.content.decode()


def test_cache_varies_by_query_string_and_language(library, public_case):
    plain = anonymous().get(library["es"].url)
    filtered = anonymous().get(library["es"].url + "?country=MX")
    english = anonymous().get(library["en"].url)

    assert (plain[HEADER], filtered[HEADER], english[HEADER]) == ("miss", "miss", "miss")
    assert anonymous().get(library["es"].url + "?country=MX")[HEADER] == "hit"
    assert english["Content-Language"] == "en"


def test_member_is_never_served_from_the_anonymous_cache(library, members_case, member_client):
    anonymous().get(library["es"].url)
    assert anonymous().get(library["es"].url)[HEADER] == "hit"

    response = member_client.get(library["es"].url)

    assert response[HEADER] == "skip"
    assert CANARY in response.content.decode()


def test_anonymous_visitor_never_receives_a_members_response(library, members_case, member_client):
    seen_by_member = member_client.get(library["es"].url)
    assert CANARY in seen_by_member.content.decode()

    seen_by_visitor = anonymous().get(library["es"].url)

    assert CANARY not in seen_by_visitor.content.decode()
    assert seen_by_visitor[HEADER] == "miss"


def test_restricted_page_is_private_and_never_stored(members_case, member_client):
    first = member_client.get(members_case.url)
    second = member_client.get(members_case.url)
    visitor = anonymous().get(members_case.url)

    assert first.status_code == 200
    assert "private" in first["Cache-Control"] and "no-store" in first["Cache-Control"]
    assert (first[HEADER], second[HEADER]) == ("skip", "skip")
    assert visitor.status_code == 302
    assert CANARY not in visitor.content.decode()


def test_private_response_of_an_anonymous_request_is_not_stored(members_case):
    """Even for an anonymous request, a response the app marks private is never kept (here: the refusal)."""
    responses = [anonymous().get(members_case.url) for _ in range(2)]

    assert [r[HEADER] for r in responses] == ["skip", "skip"]


def test_publishing_refreshes_the_cached_page(library, public_case):
    anonymous().get(public_case.url)
    anonymous().get(library["es"].url)
    assert anonymous().get(public_case.url)[HEADER] == "hit"

    public_case.title = "Entrega vigilada en Tapachula (actualizado)"
    public_case.save_revision().publish()

    page = anonymous().get(public_case.url)
    listing = anonymous().get(library["es"].url)
    assert page[HEADER] == "miss"
    assert "(actualizado)" in page.content.decode()
    assert "(actualizado)" in listing.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_page_cached_before_a_publication_commits_is_not_served_after(library, public_case):
    """Other requests read the old content until the publication's transaction commits (a workflow approval
    publishes in one transaction, e-mails included): what they cache meanwhile is dropped when it commits."""
    with transaction.atomic():
        public_case.title = "Entrega vigilada en Tapachula (actualizado)"
        public_case.save_revision().publish()
        # Stands for a visitor's request answered while the transaction is still open.
        assert anonymous().get(library["es"].url)[HEADER] == "miss"
        assert anonymous().get(library["es"].url)[HEADER] == "hit"

    assert anonymous().get(library["es"].url)[HEADER] == "miss"


def test_a_lost_generation_raise_is_logged_as_an_error(settings, public_case, caplog):
    """A cache that cannot be written degrades silently (home.cache): losing a content change must not."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    public_case.title = "Entrega vigilada en Tapachula (actualizado)"
    public_case.save_revision().publish()

    assert any(record.levelname == "ERROR" and "could not record it" in record.message for record in caplog.records)


def test_unpublishing_drops_the_cached_page(public_case):
    anonymous().get(public_case.url)
    assert anonymous().get(public_case.url)[HEADER] == "hit"

    public_case.unpublish()

    assert anonymous().get(public_case.url).status_code == 404


def test_pages_with_a_form_token_are_not_shared(db):
    """A CSRF token belongs to one browser: the sign-in page is rendered for each visitor."""
    responses = [anonymous().get("/es/accounts/login/") for _ in range(2)]

    assert [r.status_code for r in responses] == [200, 200]
    assert all(r[HEADER] == "skip" for r in responses)


def test_visitor_with_a_session_bypasses_the_cache(public_case, member_client):
    anonymous().get(public_case.url)

    response = member_client.get(public_case.url)

    assert response[HEADER] == "skip"
