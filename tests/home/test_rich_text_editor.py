"""The rich text editor posts nothing for an editor left empty, so an unchanged item is not an edited one."""

import json

import pytest

from home.widgets import RichTextArea
from practices.models import CaseStudyPage


def draftail_post(*paragraphs):
    """What Draftail sends for an editor holding ``paragraphs`` (one empty block when there are none)."""
    blocks = [
        {"key": f"k{n}", "text": text, "type": "unstyled", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}
        for n, text in enumerate(paragraphs or [""])
    ]
    return json.dumps({"blocks": blocks, "entityMap": {}})


@pytest.fixture
def lessons_field():
    return CaseStudyPage._meta.get_field("lessons").formfield()


def posted(field, value):
    return field.widget.value_from_datadict({"lessons": value}, {}, "lessons")


def test_every_rich_text_field_of_the_library_uses_the_editor(lessons_field):
    assert isinstance(lessons_field.widget, RichTextArea)


@pytest.mark.parametrize("paragraphs", [(), ("",), ("", "  ")])
def test_an_empty_editor_posts_nothing_and_leaves_an_empty_field_unchanged(lessons_field, paragraphs):
    value = posted(lessons_field, draftail_post(*paragraphs))
    assert value == ""
    assert not lessons_field.has_changed("", value)


def test_written_text_is_kept_and_counts_as_a_change(lessons_field):
    value = posted(lessons_field, draftail_post("Coordinar antes de la entrega vigilada."))
    assert "Coordinar antes de la entrega vigilada." in value
    assert lessons_field.has_changed("", value)
