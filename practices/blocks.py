"""The StreamField blocks of a library item's body.

Editors write structured, printable text: no raw HTML block (it would let scripts and tracking past the CSP and
past the anonymization check), rich text limited to a few inline features, and images only with alternative
text. Anything sensitive goes in a document link, never an image: images are always public in Wagtail.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; the page title is the only h1, so sections start at h2."""

    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(label=_("level"), choices=[("h2", _("Section")), ("h3", _("Subsection"))], default="h2")

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "practices/blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation from a judgment, a report or a practitioner (never from an identifiable victim)."""

    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "practices/blocks/quote.html"


class LessonsLearnedBlock(blocks.StructBlock):
    """What another team should do (or avoid) next time, one lesson per item."""

    title = blocks.CharBlock(label=_("title"), required=False, max_length=200)
    lessons = blocks.ListBlock(blocks.CharBlock(label=_("lesson"), max_length=500), label=_("lessons"))

    class Meta:
        icon = "pick"
        label = _("Lessons learned")
        template = "practices/blocks/lessons_learned.html"


class ChecklistBlock(blocks.StructBlock):
    """Steps a practitioner can tick off: a request's required contents, an interview's preparation…"""

    title = blocks.CharBlock(label=_("title"), required=False, max_length=200)
    items = blocks.ListBlock(blocks.CharBlock(label=_("item"), max_length=500), label=_("items"))

    class Meta:
        icon = "list-ul"
        label = _("Checklist")
        template = "practices/blocks/checklist.html"


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document of the library (its download goes through the visibility check)."""

    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(label=_("link text"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "practices/blocks/document_link.html"


class ImageBlock(blocks.StructBlock):
    """An illustration with required alternative text. Images are public: nothing sensitive goes here."""

    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it. Required."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "practices/blocks/image.html"


class LibraryBodyBlock(blocks.StreamBlock):
    """The body of a case study or good practice."""

    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    heading = HeadingBlock()
    quote = QuoteBlock()
    lessons_learned = LessonsLearnedBlock()
    checklist = ChecklistBlock()
    table = TableBlock(label=_("Table"), template="practices/blocks/table.html")
    document_link = DocumentLinkBlock()
    image = ImageBlock()

    class Meta:
        block_counts = {}
