from wagtail.fields import RichTextField
from wagtail.models import Page


class PlainPage(Page):
    """What ``wagtail start`` gives (a page with a rich-text body and a minimal template), nothing of Enlace's."""

    body = RichTextField(blank=True)

    content_panels = Page.content_panels + ["body"]
    template = "plain_wagtail/plain_page.html"
