"""Every text of a library item that can be published, as plain text pieces named by the field they come from.

"Every text" is decided by the model, not by a list kept by hand, so a field added later is scanned too: each
editable text field of the page (character and text fields, rich text with its HTML stripped) except those with
choices and the page's addressing fields; every text inside the StreamField body, recursively (paragraphs,
headings, quotes and their attributions, lists of lessons, checklists, table cells and captions, image
alternative text and captions); and the text fields of the page's inline children (an attachment's link text).
"""

import re
from dataclasses import dataclass
from html import unescape

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.html import strip_tags
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText

# Addressing and bookkeeping, not content: the slug is checked through the title it is made from.
NOT_CONTENT = {"slug", "url_path", "draft_title", "kind", "latest_revision_created_at"}

_BLOCK_END = re.compile(r"</(p|h\d|li|blockquote|ul|ol|tr|td|th)>|<br\s*/?>|<hr\s*/?>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v]+")


@dataclass(frozen=True)
class TextPiece:
    """One text of a page: ``field`` is the model field (or child relation) it was read from."""

    field: str
    text: str


def html_to_text(html):
    """Rich text as plain text, one line per paragraph or list item, so names never run across paragraphs."""
    text = unescape(strip_tags(_BLOCK_END.sub("\n", html or "")))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines() if line.strip())


def is_content_field(field):
    return (
        isinstance(field, (models.CharField, models.TextField))
        and field.editable
        and not field.choices
        and field.name not in NOT_CONTENT
    )


def block_texts(block, value):
    """The texts inside one StreamField value, whatever its nesting (struct, list and stream blocks)."""
    if value is None:
        return
    if isinstance(block, blocks.RichTextBlock):
        yield html_to_text(value.source if isinstance(value, RichText) else str(value))
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from block_texts(child_block, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from block_texts(block.child_block, item)
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from block_texts(child.block, child.value)
    elif isinstance(block, (blocks.ChoiceBlock, blocks.BooleanBlock, blocks.ChooserBlock, blocks.StaticBlock)):
        return
    elif isinstance(block, (blocks.CharBlock, blocks.TextBlock, blocks.EmailBlock, blocks.RegexBlock)):
        yield str(value)
    elif isinstance(value, dict) and "data" in value:  # a table: every cell, then its caption
        for row in value.get("data") or []:
            yield "\n".join(str(cell) for cell in row or [] if cell)
        if value.get("table_caption"):
            yield str(value["table_caption"])
    else:
        yield from (str(text) for text in block.get_searchable_content(value))


def field_text(field, value):
    if isinstance(field, StreamField):
        return "\n".join(text for text in block_texts(field.stream_block, value) if text and text.strip())
    if isinstance(field, RichTextField):
        return html_to_text(value)
    return str(value or "")


def page_texts(page):
    """The texts of ``page`` (a specific page, typically a revision's ``as_object()``), in the editor's order."""
    pieces = []
    for field in page._meta.concrete_fields:
        if isinstance(field, StreamField) or is_content_field(field):
            text = field_text(field, getattr(page, field.attname))
            if text.strip():
                pieces.append(TextPiece(field.name, text))
    for relation in get_all_child_relations(page):
        accessor = relation.get_accessor_name()
        text_fields = [field for field in relation.related_model._meta.concrete_fields if is_content_field(field)]
        if not text_fields:
            continue
        for child in getattr(page, accessor).all():
            for field in text_fields:
                text = field_text(field, getattr(child, field.attname))
                if text.strip():
                    pieces.append(TextPiece(accessor, text))
    return pieces


def field_label(model, field):
    """The name an editor knows a field by (its verbose name; a child relation's verbose name plural)."""
    try:
        model_field = model._meta.get_field(field)
    except FieldDoesNotExist:  # a field removed since the scan: show its name
        return field
    if isinstance(model_field, models.ForeignObjectRel):
        return str(model_field.related_model._meta.verbose_name_plural).capitalize()
    return str(model_field.verbose_name).capitalize()
