"""A canary in a members-only case study never reaches an anonymous visitor or an applicant, by any route of the
library: listings in both languages, filtered listings, feeds, sitemap, the entry point, public items that relate
to it, its own page and its attached document."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from practices.factories import CaseStudyPageFactory
from practices.models import LibraryAttachment

CANARY = "CANARY-5d09-miembros"


@pytest.fixture
def restricted_and_public(library):
    document = Document.objects.create(title=f"Anexo {CANARY}", file=ContentFile(CANARY.encode(), name="anexo.txt"))
    secret = CaseStudyPageFactory(
        parent=library["es"],
        title=f"Caso {CANARY}",
        slug="caso-reservado",
        summary=f"Resumen {CANARY}",
        body=[("paragraph", f"<p>{CANARY}</p>")],
        visibility="members",
        countries=["MX"],
        themes=["case_management"],
    )
    secret.attachments.add(LibraryAttachment(document=document))
    secret.save_revision().publish()
    public = CaseStudyPageFactory(
        parent=library["es"], title="Caso público", slug="caso-publico", countries=["MX"], themes=["case_management"]
    )
    public.related_practices.add(secret)
    public.save_revision().publish()
    return {"secret": secret, "public": public, "document": document}


@pytest.mark.parametrize("role", ["anonymous", "applicant"])
def test_members_only_canary_never_reaches_anonymous_visitors_or_applicants(
    role, client_as, library, restricted_and_public
):
    client = client_as(role)
    urls = [
        library["es"].url,
        library["en"].url,
        library["es"].url + "?country=MX&theme=case_management",
        library["es"].url + "?sort=title",
        "/es/practices/",
        "/es/practices/feed/rss/",
        "/es/practices/feed/atom/",
        "/en/practices/feed/atom/",
        "/sitemap.xml",
        restricted_and_public["public"].url,
        restricted_and_public["secret"].url,
        restricted_and_public["document"].url,
    ]
    for url in urls:
        response = client.get(url, follow=True)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert CANARY.encode() not in content, url
