"""What the event and experience pages show to whom, computed in one place per page.

Materials, contributions and replies are filtered by :mod:`members.access`; the share prompt appears only to the
event's participants (full members) once the event has ended.
"""

from members.access import can_view, is_full_member, visible


def participant_of(request, event):
    """Whether the request comes from a full member registered as a participant of ``event``."""
    return event is not None and is_full_member(request) and event.is_participant(request.user)


def event_page_context(request, event):
    from events.models import Contribution, ExperiencePage

    is_participant = participant_of(request, event)
    materials = [material for material in event.materials.select_related("document") if can_view(request, material)]
    experiences = visible(
        request,
        ExperiencePage.objects.live()
        .filter(event__translation_key=event.translation_key)
        .select_related("author")
        .order_by("first_published_at"),
    )
    context = {
        "materials": materials,
        "experiences": list(experiences),
        "is_participant": is_participant,
        "show_share_prompt": is_participant and event.has_ended,
        "my_contribution": None,
    }
    if context["show_share_prompt"]:
        context["my_contribution"] = Contribution.objects.filter(event=event.original, author=request.user).first()
    return context


def experience_page_context(request, page):
    from events.forms import CommentForm
    from events.models import CommentStatus

    event = page.event
    is_participant = participant_of(request, event)
    comments = []
    if is_participant:
        comments = list(
            page.comments.filter(status=CommentStatus.APPROVED).select_related("author")
            | page.comments.filter(status=CommentStatus.PENDING, author=request.user).select_related("author")
        )
    return {
        "event_page": event,
        "can_view_event": event is not None and event.live and can_view(request, event),
        "is_participant": is_participant,
        "comments": comments,
        "comment_form": CommentForm() if is_participant else None,
    }
