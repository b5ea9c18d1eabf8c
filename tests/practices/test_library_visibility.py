"""Each visibility level × each role, on the item page, the listing, facet counts, feeds, sitemap and documents.

Every restricted item carries a canary string in its title, summary and body; a role that may not see the item
must never receive it, whatever the route.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from practices.factories import CaseStudyPageFactory
from practices.models import LibraryAttachment

CANARY = "CANARY-b71e-restricted"

SEES = {
    "public": {"anonymous", "applicant", "member", "group_member", "editor"},
    "members": {"member", "group_member", "editor"},
    "groups": {"group_member"},
}
MATRIX = [(level, role) for level in SEES for role in SEES["members"] | {"anonymous", "applicant", "vetted_no_mfa"}]
# A vetted member without a second factor is sent to set one up before anything else (members' middleware),
# so what matters for them is only that restricted content never reaches them.
MATRIX = sorted((level, role) for level, role in MATRIX if not (level == "public" and role == "vetted_no_mfa"))


@pytest.fixture
def item_at(library, working_group):
    def make(level):
        return CaseStudyPageFactory(
            parent=library["es"],
            title=f"Caso {level} {CANARY}",
            slug=f"caso-{level}",
            summary=f"Resumen {CANARY}",
            body=[("paragraph", f"<p>Texto del caso {CANARY}</p>")],
            visibility=level,
            restricted_to_groups=[working_group] if level == "groups" else None,
            countries=["BZ"],
        )

    return make


@pytest.mark.parametrize(("level", "role"), MATRIX)
def test_item_page_is_shown_only_to_roles_that_may_see_it(level, role, item_at, client_as):
    item = item_at(level)
    response = client_as(role).get(item.url)
    if role in SEES[level]:
        assert response.status_code == 200
        assert CANARY in response.content.decode()
    else:
        assert response.status_code in (302, 403)
        assert CANARY not in response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "member", "group_member"])
@pytest.mark.parametrize("level", ["members", "groups"])
def test_restricted_item_page_is_never_stored_by_a_cache(level, role, item_at, client_as):
    response = client_as(role).get(item_at(level).url)
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_anonymous_visitor_is_sent_to_sign_in_for_a_members_only_item(item_at, client):
    response = client.get(item_at("members").url)
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_full_member_outside_the_groups_gets_a_403_that_names_nothing(item_at, member_client):
    response = member_client.get(item_at("groups").url)
    assert response.status_code == 403
    assert CANARY not in response.content.decode()
    assert "caso" not in response.content.decode().lower().split("<main", 1)[1]


@pytest.mark.parametrize(("level", "role"), MATRIX)
def test_listing_and_facet_counts_include_an_item_only_for_roles_that_may_see_it(
    level, role, item_at, library, client_as
):
    item_at(level)
    response = client_as(role).get(library["es"].url)
    if role == "vetted_no_mfa":
        assert CANARY not in response.content.decode()
        return
    assert response.status_code == 200
    html = response.content.decode()
    countries = {option.value: option.count for option in response.context["listing"].facets[1].options}
    if role in SEES[level]:
        assert CANARY in html
        assert countries == {"BZ": 1}
        assert "Belice" in html
    else:
        assert CANARY not in html
        assert countries == {}
        assert "Belice" not in html


@pytest.mark.parametrize("role", ["anonymous", "member", "group_member", "editor"])
@pytest.mark.parametrize("feed", ["rss", "atom"])
def test_feeds_list_public_items_only_even_for_members(role, feed, item_at, library, client_as):
    public = item_at("public")
    public.title = "Caso público del feed"
    public.save_revision().publish()
    item_at("members")
    item_at("groups")
    response = client_as(role).get(f"/es/practices/feed/{feed}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Caso público del feed" in body
    assert body.count("<item>" if feed == "rss" else "<entry>") == 1
    assert "caso-members" not in body and "caso-groups" not in body


@pytest.mark.parametrize("role", ["anonymous", "member", "group_member"])
def test_sitemap_lists_public_items_only(role, item_at, client_as):
    item_at("public")
    item_at("members")
    item_at("groups")
    body = client_as(role).get("/sitemap.xml").content.decode()
    assert "/caso-public/" in body
    assert "/caso-members/" not in body
    assert "/caso-groups/" not in body


@pytest.fixture
def document_of(item_at):
    def attach(level):
        document = Document.objects.create(
            title=f"Anexo {level}", file=ContentFile(CANARY.encode(), name=f"{level}.txt")
        )
        item = item_at(level)
        item.attachments.create(document=document)
        item.save_revision().publish()
        return document

    return attach


# Editors may download the documents of items they can edit (they review them in the admin).
DOCUMENT_SEES = {**SEES, "groups": SEES["groups"] | {"editor"}}


@pytest.mark.parametrize(("level", "role"), MATRIX)
def test_attached_document_is_served_only_to_roles_that_may_see_the_item(level, role, document_of, client_as):
    document = document_of(level)
    response = client_as(role).get(document.url)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if role in DOCUMENT_SEES[level]:
        assert response.status_code == 200
        assert CANARY.encode() in content
    else:
        assert response.status_code in (302, 403)
        assert CANARY.encode() not in content


def test_document_added_to_a_draft_of_a_restricted_item_is_protected_before_publication(library, member_client):
    document = Document.objects.create(title="Borrador", file=ContentFile(CANARY.encode(), name="draft.txt"))
    item = CaseStudyPageFactory(parent=library["es"], slug="borrador", visibility="groups")
    item.attachments.add(LibraryAttachment(document=document))
    item.save_revision()
    assert not LibraryAttachment.objects.filter(document=document).exists(), "the attachment is only in the draft"
    response = member_client.get(document.url)
    assert response.status_code == 403
