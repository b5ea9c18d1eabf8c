"""No StreamField anywhere lets an editor paste raw HTML: checked over every model, block by block, recursively."""

from django.apps import apps
from wagtail import blocks
from wagtail.fields import StreamField


def nested_blocks(block, trail):
    """Every block reachable from ``block`` with the path that reaches it ("body → section → item")."""
    yield block, trail
    children = []
    if isinstance(block, (blocks.StreamBlock, blocks.StructBlock)):
        children = list(block.child_blocks.items())
    elif isinstance(block, blocks.ListBlock):
        children = [("item", block.child_block)]
    for name, child in children:
        yield from nested_blocks(child, f"{trail} → {name}")


def stream_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField) and field.model is model:
                yield model, field


def test_the_project_has_stream_fields_to_check():
    assert any(True for _ in stream_fields())


def test_no_stream_field_offers_a_raw_html_block():
    offenders = [
        f"{model._meta.label}.{trail}"
        for model, field in stream_fields()
        for block, trail in nested_blocks(field.stream_block, field.name)
        if isinstance(block, blocks.RawHTMLBlock)
    ]
    assert offenders == []
