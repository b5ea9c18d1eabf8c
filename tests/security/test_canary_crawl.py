"""Leak canaries: unique strings planted in restricted content must never reach someone who may not see them.

Planted in a members-only case study, a document attached to it, a participants-only event material and a
directory entry. The site is then crawled as an anonymous visitor, an applicant and a vetted member without MFA,
following links, the sitemap, feeds, search, autocomplete, iCal, error pages, every document URL and the canary's
own contact URL, and every chooser of the Wagtail admin (pages, documents, images, snippets, tasks: listed from the
resolver, so a chooser added later is probed too) with the planted objects' identifiers and the canary's words.
Finally a full member reads the restricted page with the page cache on, and an anonymous visitor asks for the same
URLs right after.
"""

import datetime
import re
import secrets
from collections import deque
from urllib.parse import urlsplit

import pytest
import wagtail_factories
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from members.access import Visibility
from members.factories import MembershipFactory
from network.models import Country, FocalPointDesignation, Institution, InstitutionType, Need
from tests.security.crawl import is_admin, links_on, routes
from tests.security.log_hygiene import register_canary
from tests.security.roles import outcome, role_client

pytestmark = pytest.mark.django_db

MAX_PAGES = 400


def new_canary(kind):
    return register_canary(f"cnry{kind}{secrets.token_hex(5)}")


@pytest.fixture
def planted(home_pages, settings):
    from events.factories import EventIndexPageFactory, EventMaterialFactory, EventPageFactory
    from practices.factories import CaseStudyPageFactory, LibraryIndexPageFactory

    canary = {kind: new_canary(kind) for kind in ("case", "document", "material", "contact", "phone", "image")}
    # In the site's root collection, where editors' permissions apply (the factories would make new roots).
    root = Collection.get_first_root_node()
    home = home_pages["es"]
    library = LibraryIndexPageFactory(parent=home)
    document = wagtail_factories.DocumentFactory(
        collection=root,
        title=f"Annex {canary['document']}",
        file=ContentFile(f"%PDF-1.4\n{canary['document']}\n%%EOF\n".encode(), name="annex.pdf"),
    )
    case = CaseStudyPageFactory(
        parent=library,
        title=f"Operation {canary['case']}",
        slug="restricted-operation",  # the canary is in the content, not in a URL the crawler is handed
        summary=f"Members-only summary {canary['case']}",
        visibility=Visibility.MEMBERS,
        attachments=[document],
    )
    events = EventIndexPageFactory(parent=home)
    event = EventPageFactory(parent=events)
    material_document = wagtail_factories.DocumentFactory(
        collection=root,
        title=f"Slides {canary['material']}",
        file=ContentFile(f"%PDF-1.4\n{canary['material']}\n%%EOF\n".encode(), name="slides.pdf"),
    )
    EventMaterialFactory(page=event, document=material_document, title=f"Slides {canary['material']}")
    # A listed focal point of Panama's central authority for MLA requests: the finder names them to full members.
    panama = Country.objects.get(code="PA")
    authority = Institution.objects.create(
        country=panama, name="Ministerio de Relaciones Exteriores", institution_type=InstitutionType.CENTRAL_AUTHORITY
    )
    contact = MembershipFactory(
        vetted=True,
        consent_listed=True,
        country=panama,
        institution=authority,
        phone=f"+52 55 {canary['phone']}",
        user__email=f"{canary['contact']}@example.org",
        user__first_name=f"Name{canary['contact']}",
    )
    FocalPointDesignation.objects.create(
        member=contact.user,
        need=Need.objects.get(slug="mla-request"),
        institution=authority,
        start_date=datetime.date.today() - datetime.timedelta(days=30),
    )
    image = wagtail_factories.ImageFactory(collection=root, title=f"Photo {canary['image']}")
    return {
        "canary": canary,
        "case": case,
        "event": event,
        "contact": contact,
        "document": document,
        "image": image,
    }


def seeds(planted):
    from network.directory import contact_token

    paths = ["/es/", "/en/", "/sitemap.xml", "/es/no-such-page/", "/en/no-such-page/", "/search/?q=operation"]
    paths += [route.path() for route in routes() if not route.has_parameters and not is_admin("/" + route.route)]
    # Search with the words around the canaries (a query echoed back is the visitor's own input, not a leak).
    for words in ("Operation", "Members-only summary", "Annex", "Slides", "Name", "cooperation"):
        paths += [f"/es/search/?q={words}", f"/es/search/autocomplete/?q={words}", f"/en/search/?q={words}"]
    paths += [page.url for page in Page.objects.live().specific() if page.url]
    paths += [document.url for document in get_document_model().objects.all()]
    token = contact_token(planted["contact"].user)
    paths += [f"/es/directory/{token}/", f"/es/directory/{token}/vcard/"]
    event = planted["event"]
    paths += [f"/es/events/{event.pk}/event.ics", f"/es/events/{event.pk}/share/"]
    paths += [finder_query()]
    return [path for path in paths if "logout" not in path]


def finder_query():
    """The finder asked for the canary's country and need: public, but people are for full members only."""
    with translation.override("es"):
        return reverse("network:finder") + "?country=PA&need=mla-request"


def crawl(client, start):
    """Every response reachable from ``start`` (links, sitemap locations), as {path: response}."""
    seen, queue, responses = set(), deque(start), {}
    while queue and len(responses) < MAX_PAGES:
        path = queue.popleft()
        if path in seen or is_admin(path) or "logout" in path:
            continue
        seen.add(path)
        response = client.get(path)
        responses[path] = response
        kind = response.get("Content-Type", "")
        if response.status_code == 200 and ("html" in kind or "xml" in kind) and not response.streaming:
            text = body(response)
            for link in links_on(text, f"http://testserver{path}"):
                queue.append(link)
            if "xml" in kind:
                for location in text.split("<loc>")[1:]:
                    queue.append(urlsplit(location.split("</loc>")[0]).path)
    return responses


def body(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace")


def leaks(responses, canaries):
    found = []
    for path, response in responses.items():
        text = body(response) + str(response.headers)
        found += [f"{path} ({response.status_code}) shows {kind}" for kind, value in canaries.items() if value in text]
    return found


@pytest.mark.parametrize("role", ["anonymous", "applicant", "vetted without MFA"])
def test_no_canary_reaches_anyone_who_is_not_a_full_member(planted, sign_in, role):
    client = role_client(role, sign_in, email_prefix="crawl")
    client.raise_request_exception = False
    responses = crawl(client, seeds(planted))
    assert len(responses) > 20
    assert [path for path, response in responses.items() if response.status_code >= 500] == []
    assert leaks(responses, planted["canary"]) == []


def test_the_canary_is_real_a_full_member_sees_it_privately(planted, member_client):
    response = member_client.get(planted["case"].url)
    assert response.status_code == 200
    assert planted["canary"]["case"] in response.content.decode()
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_the_finder_canary_is_real_a_full_member_is_given_the_person(planted, member_client):
    response = member_client.get(finder_query())
    assert response.status_code == 200
    assert planted["canary"]["contact"] in response.content.decode()


def test_after_a_member_reads_restricted_pages_an_anonymous_visitor_still_gets_none_of_it(
    planted, member_client, settings
):
    from django.test import Client

    settings.ENLACE_PAGE_CACHE_SECONDS = 300
    paths = [planted["case"].url, "/es/", "/es/practices/", "/es/search/?q=Operation"]
    for path in paths:
        member_client.get(path)
    anonymous = Client()
    responses = {path: anonymous.get(path) for path in paths}
    assert leaks(responses, planted["canary"]) == []
    member_again = {path: member_client.get(path) for path in paths[:1]}
    assert leaks(member_again, {"case": planted["canary"]["case"]}) != []


def test_guessing_a_contact_or_document_identifier_gives_404(planted, member_client):
    contact_path = [f"/es/directory/{secrets.token_urlsafe(24)}/", "/es/directory/1/", "/es/directory/2/vcard/"]
    for path in contact_path:
        assert member_client.get(path).status_code == 404, path
    document = get_document_model().objects.first()
    assert member_client.get(f"/documents/{document.pk}/guessed-name.pdf").status_code == 404


def test_contact_identifiers_cannot_be_derived_from_a_neighbour(planted, member_client):
    from django.core import signing

    from network.directory import contact_token

    token = contact_token(planted["contact"].user)
    assert not token.isdigit()
    payload, signature = token.split(":", 1)
    neighbour = signing.b64_encode(str(planted["contact"].user.pk + 1).encode()).decode()
    for forged in (f"{neighbour}:{signature}", str(planted["contact"].user.pk), token[:-1] + "A"):
        assert member_client.get(f"/es/directory/{forged}/").status_code == 404, forged


# --- The Wagtail admin's choosers ----------------------------------------------------------------------------------

CHOOSER_WORDS = ("choose", "chosen", "chooser", "select_format")
MODEL_PARAMETERS = {"app_label": "practices", "model_name": "casestudypage"}


def chooser_paths(planted):
    """Every chooser URL of the admin, with the planted objects' identifiers and searches for the canaries' words."""
    from practices.models import Theme

    identifiers = {
        "pk": [planted["document"].pk, planted["image"].pk, planted["case"].pk],
        "image_id": [planted["image"].pk],
        "parent_page_id": [planted["case"].get_parent().pk, planted["case"].pk],
        "task_id": [1],
    }
    theme = Theme.objects.first()
    if theme is not None:
        identifiers["pk"].append(theme.pk)
    paths = []
    for route in routes():
        if not is_admin("/" + route.route) or not any(word in route.name for word in CHOOSER_WORDS):
            continue
        if not route.has_parameters:
            base = route.path()
            paths += [base, *(f"{base}?q={words}" for words in ("Operation", "Annex", "Slides", "Photo"))]
            continue
        if len(route.parameters) == 1:
            (parameter,) = route.parameters
            values = identifiers.get(parameter, [1])
        else:  # the page type chooser: /admin/pages/create/<app_label>/<model_name>/
            values = [tuple(MODEL_PARAMETERS.get(parameter, "1") for parameter in route.parameters)]
        template = re.sub(r"<(?:\w+:)?\w+>", "{}", route.route)
        paths += ["/" + template.format(*value if isinstance(value, tuple) else [value]) for value in values]
    return paths


@pytest.mark.parametrize("role", ["anonymous", "applicant", "vetted without MFA", "vetted"])
def test_no_admin_chooser_opens_for_anyone_outside_the_staff(planted, sign_in, role):
    client = role_client(role, sign_in, email_prefix="choosers")
    paths = chooser_paths(planted)
    assert len(paths) > 40  # pages, documents, images, every snippet model, workflow tasks
    responses, refused = {}, []
    for path in paths:
        for method in ("get", "post"):
            response = getattr(client, method)(path, {} if method == "post" else None)
            responses[f"{method.upper()} {path}"] = response
            if outcome(response) not in ("denied", "method"):
                refused.append(f"{method.upper()} {path}: {response.status_code} {response.get('Location', '')}")
    assert refused == [], "\n".join(refused)
    assert leaks(responses, planted["canary"]) == []


def test_the_chooser_canaries_are_real_an_editor_finds_them(planted, sign_in):
    editor = role_client("editor", sign_in, email_prefix="choosers")
    pages = editor.get("/admin/choose-page/search/?q=Operation")
    documents = editor.get("/admin/documents/chooser/")
    images = editor.get("/admin/images/chooser/")
    assert planted["canary"]["case"] in body(pages)
    assert planted["canary"]["document"] in body(documents)
    assert planted["canary"]["image"] in body(images)


def test_staff_without_document_permissions_find_no_document_or_image_in_the_choosers(planted, sign_in):
    """Vetters reach the admin but hold no collection permission: the choosers show them nothing planted."""
    vetter = role_client("vetter", sign_in, email_prefix="choosers")
    responses = {}
    for path in chooser_paths(planted):
        if path.startswith(("/admin/documents/", "/admin/images/")):
            responses[path] = vetter.get(path)
    assert [path for path, response in responses.items() if response.status_code >= 500] == []
    assert leaks(responses, {kind: planted["canary"][kind] for kind in ("document", "material", "image")}) == []
