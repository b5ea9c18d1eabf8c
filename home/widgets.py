"""The rich text editor every Enlace form uses: Wagtail's Draftail, posting nothing for an editor left empty."""

import re

from wagtail.admin.rich_text import DraftailRichTextArea

# What Draftail posts for an editor nobody wrote in: empty paragraphs (each with its block key), nothing else.
EMPTY_DOCUMENT = re.compile(r"(\s*<p(\s[^>]*)?>\s*(<br\s*/?>)?\s*</p>)*\s*")


class RichTextArea(DraftailRichTextArea):
    """Draftail, except that an empty editor posts "" instead of ``<p data-block-key="…"></p>``.

    Otherwise an optional rich text field left empty (lessons, sources…) counts as changed each time the page is
    submitted from the editor, so a reviewer who only clicks "Approve" is taken to have edited the item, and the
    review starts over (``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT``) instead of publishing it.
    """

    def value_from_datadict(self, data, files, name):
        html = super().value_from_datadict(data, files, name)
        if html is not None and EMPTY_DOCUMENT.fullmatch(html):
            return ""
        return html
