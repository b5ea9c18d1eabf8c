"""Uploads: allowed extensions, a size cap, content that matches the extension, no SVG; documents only as
attachments through the permission-checked view, never straight from /media/documents/."""

import importlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, clear_url_caches, resolve, reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def upload_document(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def upload_image(client, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def test_a_real_pdf_is_accepted(admin_client):
    response = upload_document(admin_client, "report.pdf", PDF)
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="report.pdf").exists()


def test_a_plain_text_csv_is_accepted(admin_client):
    response = upload_document(admin_client, "figures.csv", "país,casos\nMéxico,3\n".encode())
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", HTML),  # HTML renamed .pdf
        ("report.pdf", png_bytes()),  # an image renamed .pdf
        ("notes.txt", HTML),  # markup passed off as plain text
        ("data.csv", b"\x00\x01binary"),
        ("slides.pptx", PDF),  # wrong container
        ("page.html", HTML),  # extension not allowed at all
        ("drawing.svg", SVG),
        ("tool.exe", b"MZ\x90\x00"),
    ],
)
def test_a_document_whose_content_does_not_match_its_extension_is_refused(admin_client, name, content):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 200  # the form again, with an error
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.exists()


def test_a_document_over_the_size_cap_is_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = upload_document(admin_client, "big.pdf", PDF + b"0" * 2048)
    assert response.status_code == 200
    assert not get_document_model().objects.exists()


def test_a_real_png_image_is_accepted(admin_client):
    response = upload_image(admin_client, "photo.png", png_bytes())
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="photo.png").exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [("photo.png", HTML), ("photo.jpg", png_bytes()), ("logo.svg", SVG), ("photo.png", SVG)],
)
def test_an_image_that_is_not_what_it_claims_or_is_svg_is_refused(admin_client, name, content):
    response = upload_image(admin_client, name, content)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.exists()


def test_every_document_downloads_as_an_attachment_through_the_serve_view(admin_client):
    upload_document(admin_client, "report.pdf", PDF)
    document = get_document_model().objects.get()
    assert document.url == reverse("wagtaildocs_serve", args=(document.id, document.filename))
    # A document no page uses yet is served to editors only (practices.documents).
    response = admin_client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_media_documents_are_never_served_directly_even_in_development(settings):
    import config.urls

    settings.DEBUG = True
    try:
        clear_url_caches()
        importlib.reload(config.urls)
        assert resolve("/media/images/original_images/photo.png", urlconf=config.urls)
        with pytest.raises(Resolver404):
            resolve("/media/documents/report.pdf", urlconf=config.urls)
    finally:
        settings.DEBUG = False
        importlib.reload(config.urls)
        clear_url_caches()


def test_media_documents_answer_404(client):
    assert client.get("/media/documents/report.pdf").status_code == 404
