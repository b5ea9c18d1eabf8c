"""One rule for every document download (practices.documents): deny unless a live use or the folder allows it.

A document is served to whom the live version of a live page using it lets in, to editors, and, when used nowhere,
to editors only (or to the audience of its private collection). Drafts, unpublished events and versions since
replaced never open a document to anyone else.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import EventMaterial
from practices.factories import CaseStudyPageFactory
from practices.models import LibraryAttachment
from tests.security.audiences import audiences, who_downloads

pytestmark = pytest.mark.django_db

EDITORS = {"editor"}
FULL_MEMBERS = {"member", "participant", "editor"}


def new_document(title="Lista de asistentes", collection=None):
    fields = {"collection": collection} if collection is not None else {}
    return get_document_model().objects.create(
        title=title, file=ContentFile(f"%PDF-1.4\n{title}\n%%EOF\n".encode(), name="lista.pdf"), **fields
    )


@pytest.fixture
def event(home_pages):
    index = EventIndexPageFactory(parent=home_pages["es"], title="Eventos", slug="eventos")
    return EventPageFactory(parent=index, title="Curso regional sobre trata", slug="curso-trata")


@pytest.fixture
def clients(sign_in, event):
    return audiences(sign_in, event)


def test_a_participants_only_material_of_a_live_event_goes_to_participants_and_editors(event, clients):
    document = new_document()
    event.materials.add(EventMaterial(document=document, visibility="groups"))
    event.save_revision().publish()
    assert who_downloads(clients, document) == {"participant", "editor"}


def test_a_members_only_material_goes_to_full_members_only(event, clients):
    document = new_document()
    event.materials.add(EventMaterial(document=document, visibility="members"))
    event.save_revision().publish()
    assert who_downloads(clients, document) == FULL_MEMBERS


def test_a_public_material_of_a_public_event_goes_to_anyone(event, clients):
    document = new_document()
    event.materials.add(EventMaterial(document=document, visibility="public"))
    event.save_revision().publish()
    assert who_downloads(clients, document) == set(clients) - {"vetted without MFA"}  # sent to set up MFA first


def test_a_public_material_of_a_members_only_event_is_no_more_open_than_the_event(event, clients):
    event.visibility = "members"
    document = new_document()
    event.materials.add(EventMaterial(document=document, visibility="public"))
    event.save_revision().publish()
    assert who_downloads(clients, document) == FULL_MEMBERS


def test_a_material_added_only_in_a_draft_of_a_live_event_goes_to_editors_only(event, clients):
    document = new_document()
    event.materials.add(EventMaterial(document=document, visibility="groups"))
    event.save_revision()
    assert not EventMaterial.objects.filter(document=document).exists(), "the material is only in the draft"
    assert who_downloads(clients, document) == EDITORS


def test_a_material_of_an_event_never_published_goes_to_editors_only(event, clients):
    draft = EventPageFactory(parent=event.get_parent(), title="Reunión aún en borrador", publish=False)
    draft.materials.add(EventMaterial(document=(document := new_document()), visibility="public"))
    draft.save_revision()
    assert who_downloads(clients, document) == EDITORS


def test_a_material_removed_from_the_event_goes_to_editors_only(event, clients):
    document = new_document()
    event.materials.add(EventMaterial(document=document, visibility="groups"))
    event.save_revision().publish()
    event.materials.set([])
    event.save_revision().publish()
    assert not EventMaterial.objects.filter(document=document).exists()
    assert who_downloads(clients, document) == EDITORS


def test_a_document_used_nowhere_goes_to_editors_only(clients):
    assert who_downloads(clients, new_document()) == EDITORS


def test_a_document_in_a_private_folder_used_nowhere_goes_to_full_members_only(clients):
    folder = Collection.get_first_root_node().add_child(name="Solo miembros")
    CollectionViewRestriction.objects.create(collection=folder, restriction_type=CollectionViewRestriction.LOGIN)
    assert who_downloads(clients, new_document(collection=folder)) == FULL_MEMBERS


def test_a_private_folder_for_the_participants_admits_vetted_participants_only(event, clients, applicant):
    applicant.user.groups.add(event.participants_group)  # as an old row or a lapsed vetting could leave it
    folder = Collection.get_first_root_node().add_child(name="Participantes")
    restriction = CollectionViewRestriction.objects.create(
        collection=folder, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(event.participants_group)
    clients["applicant"].logout()
    from tests.conftest import _sign_in

    clients["applicant"] = _sign_in(clients["applicant"], applicant.user)
    assert who_downloads(clients, new_document(collection=folder)) == {"participant"}


def test_a_private_folder_also_holds_for_a_document_a_public_event_uses(event, clients):
    folder = Collection.get_first_root_node().add_child(name="Solo miembros")
    CollectionViewRestriction.objects.create(collection=folder, restriction_type=CollectionViewRestriction.LOGIN)
    document = new_document(collection=folder)
    event.materials.add(EventMaterial(document=document, visibility="public"))
    event.save_revision().publish()
    assert who_downloads(clients, document) == FULL_MEMBERS


# The library follows the same rule.


def test_a_library_document_in_a_members_only_item_goes_to_full_members_only(library, clients):
    item = CaseStudyPageFactory(parent=library["es"], slug="caso-miembros", visibility="members")
    item.attachments.add(LibraryAttachment(document=(document := new_document())))
    item.save_revision().publish()
    assert who_downloads(clients, document) == FULL_MEMBERS


def test_a_document_added_to_a_draft_of_a_public_item_goes_to_editors_only(library, clients):
    item = CaseStudyPageFactory(parent=library["es"], slug="caso-publico", visibility="public")
    item.attachments.add(LibraryAttachment(document=(document := new_document())))
    item.save_revision()
    assert who_downloads(clients, document) == EDITORS


def test_a_document_removed_from_a_public_item_goes_to_editors_only(library, clients):
    item = CaseStudyPageFactory(parent=library["es"], slug="caso-publico", visibility="public")
    item.attachments.add(LibraryAttachment(document=(document := new_document())))
    item.save_revision().publish()
    item.attachments.set([])
    item.save_revision().publish()
    assert who_downloads(clients, document) == EDITORS


def test_a_document_a_public_item_links_in_its_body_goes_to_anyone(library, clients):
    document = new_document()
    item = CaseStudyPageFactory(
        parent=library["es"],
        slug="caso-enlace",
        visibility="public",
        body=[("paragraph", f'<p>Ver <a linktype="document" id="{document.pk}">el anexo</a></p>')],
    )
    item.save_revision().publish()
    assert who_downloads(clients, document) == set(clients) - {"vetted without MFA"}
