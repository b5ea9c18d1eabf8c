"""Events views outside the page tree: the entry point, the calendars, the share form and replies."""

import logging

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from events.calendar import calendar_bytes
from events.forms import CommentForm, ContributionForm
from events.models import Contribution, EventIndexPage, EventPage, ExperiencePage
from events.presenters import participant_of
from events.submission import NoLibraryToFileUnder, submit
from members.access import can_view
from members.decorators import full_member_required, private
from practices.visibility import mark_private_if_personalised, public_only, refuse

logger = logging.getLogger(__name__)


def index_for_language():
    return (
        EventIndexPage.objects.live().filter(locale__language_code=get_language()).first()
        or EventIndexPage.objects.live().first()
    )


@require_safe
def index(request):
    """Anyone: redirect to the events index of the current language (the navigation links here); before any
    index exists, say so rather than answer "not found" to a link in the navigation."""
    index_page = index_for_language()
    if index_page is None:
        return render(request, "events/no_events.html")
    return redirect(index_page.get_url(request))


def ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def calendar_feed(request):
    """Anyone: the public events of the current language as an iCalendar feed (the same for every reader)."""
    events = public_only(EventPage.objects.live().filter(locale__language_code=get_language())).select_related(
        "country"
    )
    response = ics_response(calendar_bytes(events.order_by("start_date"), _("Enlace events"), request), "enlace.ics")
    response["Cache-Control"] = "public, max-age=900"
    return response


@require_safe
def event_calendar(request, pk):
    """Whoever may see the event: that one event as an ``.ics`` download."""
    event = get_object_or_404(EventPage.objects.live().select_related("country"), pk=pk)
    if not can_view(request, event):
        return refuse(request)
    response = ics_response(calendar_bytes([event], event.title, request), f"{event.slug}.ics")
    return mark_private_if_personalised(request, response)


def ended_event_for_participant(request, pk):
    """The event if the request is a participant's and the event has ended; the refusal to send otherwise."""
    event = get_object_or_404(EventPage.objects.live(), pk=pk)
    if not participant_of(request, event):
        return None, private(render(request, "events/not_a_participant.html", {"event": event}, status=403))
    if not event.has_ended:
        messages.info(request, _("You can share your experience once the event has ended."))
        return None, redirect(event.url)
    return event, None


def own_contribution(request, event):
    contribution, _created = Contribution.objects.get_or_create(
        event=event.original, author=request.user, defaults={"language": get_language()}
    )
    return contribution


@full_member_required
def contribute(request, pk):
    """Participants of an ended event: write, save and submit their contribution (works without JavaScript)."""
    event, refusal = ended_event_for_participant(request, pk)
    if refusal is not None:
        return refusal
    contribution = Contribution.objects.filter(event=event.original, author=request.user).first()
    if contribution is not None and not contribution.is_editable:
        return render(request, "events/contribution_submitted.html", {"event": event, "contribution": contribution})
    if request.method == "POST":
        submitting = "submit" in request.POST
        contribution = contribution or own_contribution(request, event)
        form = ContributionForm(request.POST, instance=contribution, submitting=submitting)
        if form.is_valid():
            contribution = form.save()
            if submitting:
                try:
                    submit(contribution, request.user)
                except NoLibraryToFileUnder:
                    # The draft is saved; the form comes back as typed, and the staff learn from the error log.
                    logger.error(
                        "contribution %s to event %s not submitted: the site has no library index to file it under",
                        contribution.pk,
                        event.pk,
                    )
                    form.add_error(
                        None,
                        _(
                            "Your contribution is saved as a draft but could not be sent for review yet: the library "
                            "it goes into has not been set up. The problem is recorded for the site's team; please "
                            "try submitting again in a few days."
                        ),
                    )
                else:
                    messages.success(request, _("Thank you. Your contribution was sent to the editors for review."))
                    return redirect("events:contribute", pk=event.pk)
            else:
                messages.success(request, _("Your draft was saved. You can come back and finish it at any time."))
                return redirect("events:contribute", pk=event.pk)
    else:
        form = ContributionForm(instance=contribution)
    return render(
        request, "events/contribution_form.html", {"event": event, "form": form, "contribution": contribution}
    )


@require_POST
@full_member_required
def autosave(request, pk):
    """Participants of an ended event: save the draft in the background (``static/js/autosave.js``)."""
    event, refusal = ended_event_for_participant(request, pk)
    if refusal is not None:
        return JsonResponse({"saved": False}, status=403)
    contribution = own_contribution(request, event)
    if not contribution.is_editable:
        return JsonResponse({"saved": False, "error": _("This contribution was already submitted.")}, status=409)
    form = ContributionForm(request.POST, instance=contribution)
    if not form.is_valid():
        return JsonResponse({"saved": False, "errors": form.errors.get_json_data()}, status=400)
    form.save()
    saved_at = timezone.localtime()
    return JsonResponse(
        {"saved": True, "message": _("Draft saved at %(time)s.") % {"time": time_format(saved_at, "H:i")}}
    )


@require_POST
@full_member_required
def reply(request, pk):
    """Participants of the experience's event: post a short reply, shown once an editor approves it."""
    experience = get_object_or_404(ExperiencePage.objects.live().select_related("event"), pk=pk)
    if not can_view(request, experience):
        return refuse(request)
    if not participant_of(request, experience.event):
        return private(render(request, "events/not_a_participant.html", {"event": experience.event}, status=403))
    form = CommentForm(request.POST)
    if not form.is_valid():
        # The page again, with the reply as typed and what to correct next to it: nothing typed is lost.
        context = {**experience.get_context(request), "comment_form": form}
        return TemplateResponse(request, experience.get_template(request), context, status=400)
    comment = form.save(commit=False)
    comment.experience = experience
    comment.author = request.user
    comment.save()
    messages.success(request, _("Thank you. Your reply will appear once an editor has approved it."))
    return redirect(experience.url)
