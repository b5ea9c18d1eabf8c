"""What an uploaded document or image may be: the admin forms Wagtail builds for uploads start from these.

Uploads come from editors, whose accounts are among the most valuable to an attacker: a file that claims to be a
PDF but is HTML or SVG with a script would run in the site's origin when opened. So every upload must have an
allowed extension (``WAGTAILDOCS_EXTENSIONS`` / ``WAGTAILIMAGES_EXTENSIONS``, checked by Wagtail), stay under the
size cap (``WAGTAILDOCS_MAX_UPLOAD_SIZE`` / ``WAGTAILIMAGES_MAX_UPLOAD_SIZE``, checked by Wagtail), and here: its
*content* must match its extension, judged from the file's first bytes (magic numbers, via ``filetype``), never
from the name or the browser's declared type. SVG is refused outright (it is XML that can carry scripts).

Wired in settings through ``WAGTAILDOCS_DOCUMENT_FORM_BASE`` and ``WAGTAILIMAGES_IMAGE_FORM_BASE``.
"""

import os

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

# Extension → the kinds ``filetype`` may recognise in the content. Office Open XML and OpenDocument files are
# ZIP archives; ``filetype`` tells them apart by their inner manifest, and plain "zip" is accepted for them too
# because some producers write the manifest late in the archive.
BINARY_SIGNATURES = {
    "pdf": {"pdf"},
    "docx": {"docx", "zip"},
    "xlsx": {"xlsx", "zip"},
    "pptx": {"pptx", "zip"},
    "odt": {"odt", "zip"},
    "jpg": {"jpg"},
    "jpeg": {"jpg"},
    "png": {"png"},
    "webp": {"webp"},
}
# Plain-text formats have no signature: they must decode as text and must not be markup a browser would render.
TEXT_EXTENSIONS = {"csv", "txt"}
MARKUP_PREFIXES = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml", b"<iframe", b"<object")
SNIFF_BYTES = 8192


def sniffed_kind(head):
    """The kind ``filetype`` recognises in a file's first bytes ("pdf", "png", "zip"…), or ``None``."""
    guess = filetype.guess(head)
    return guess.extension if guess else None


def looks_like_markup(head):
    """Whether text content opens like an HTML/SVG/XML document (after a byte-order mark and whitespace)."""
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    return start.startswith(MARKUP_PREFIXES)


def check_upload_content(uploaded_file):
    """Refuse a file whose content does not match its extension. Raises :class:`ValidationError`."""
    extension = os.path.splitext(uploaded_file.name)[1].lower().lstrip(".")
    if extension == "svg":
        raise ValidationError(_("SVG files are not accepted."), code="svg_refused")
    position = uploaded_file.tell() if hasattr(uploaded_file, "tell") else 0
    uploaded_file.seek(0)
    head = uploaded_file.read(SNIFF_BYTES)
    uploaded_file.seek(position)
    if isinstance(head, str):
        head = head.encode()
    if extension in TEXT_EXTENSIONS:
        if b"\x00" in head or sniffed_kind(head) is not None or looks_like_markup(head):
            raise ValidationError(_("The file's content is not plain text."), code="content_mismatch")
        return
    expected = BINARY_SIGNATURES.get(extension)
    if expected is None or sniffed_kind(head) not in expected:
        raise ValidationError(
            _("The file's content does not match its extension (.%(extension)s)."),
            code="content_mismatch",
            params={"extension": extension},
        )


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document upload form, plus the content check (the extension and size checks are Wagtail's)."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            check_upload_content(uploaded)
        return uploaded


class CheckedImageForm(BaseImageForm):
    """Wagtail's image upload form, plus the content check (Wagtail also decodes the image with Willow)."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            check_upload_content(uploaded)
        return uploaded
