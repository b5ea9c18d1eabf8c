"""StreamField blocks of an event page: the programme, one session at a time."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class SessionBlock(blocks.StructBlock):
    """One session of the programme: when, what and who speaks."""

    day = blocks.DateBlock(label=_("Day"), required=False)
    start_time = blocks.TimeBlock(label=_("Start time"), required=False)
    end_time = blocks.TimeBlock(label=_("End time"), required=False)
    title = blocks.CharBlock(label=_("Title"), max_length=255)
    speakers = blocks.CharBlock(
        label=_("Speakers"), required=False, max_length=500, help_text=_("Names and institutions, comma-separated.")
    )
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "time"
        label = _("Session")
        template = "events/blocks/session.html"


class ProgrammeBlock(blocks.StreamBlock):
    """The programme of an event: its sessions in order."""

    session = SessionBlock()
