"""Turning a submitted contribution into a library item of kind "experience" and starting the library's review.

Order matters so nothing is lost: the contribution and its draft page are saved in one transaction, the workflow
is started, and only then is the confirmation e-mail sent (its failure is recorded and retried, never raised).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify

from events.models import SECTIONS, Contribution, ContributionStatus, ContributionVisibility, ExperiencePage
from members.access import Visibility
from practices.models import LibraryIndexPage

SUMMARY_LENGTH = 280


class NoLibraryToFileUnder(LookupError):
    """No library index exists yet, in any language: a contribution cannot become a library item until an editor
    creates one. Raised before anything is written, so the contribution stays a draft."""


def library_index_for(language):
    """The library index of ``language``'s tree (falling back to any library)."""
    return (
        LibraryIndexPage.objects.filter(locale__language_code=language).first()
        or LibraryIndexPage.objects.order_by("pk").first()
    )


def summary_of(contribution):
    for _label, text in contribution.filled_sections():
        return Truncator(" ".join(text.split())).chars(SUMMARY_LENGTH)
    return ""


def experience_visibility(contribution):
    """The library visibility a contribution starts with. "Public if an editor agrees" starts as members-only:
    only the editor may make it public, and ``public_requested`` tells them the author agrees."""
    if contribution.visibility == ContributionVisibility.PARTICIPANTS:
        return Visibility.GROUPS
    return Visibility.MEMBERS


def build_experience(contribution):
    """A new, unpublished :class:`ExperiencePage` under the contributor's library, filled from the contribution."""
    index_page = library_index_for(contribution.language)
    if index_page is None:
        raise NoLibraryToFileUnder(f"No library index to file contribution {contribution.pk} under.")
    event = contribution.event
    page = ExperiencePage(
        title=contribution.title,
        slug=f"{slugify(contribution.title)[:60] or 'experience'}-{contribution.pk}",
        locale=index_page.locale,
        live=False,
        summary=summary_of(contribution),
        year=event.start_date.year,
        event=event,
        author=contribution.author,
        credit_author=contribution.credit_me,
        public_requested=contribution.visibility == ContributionVisibility.PUBLIC,
        visibility=experience_visibility(contribution),
        **{name: getattr(contribution, name) for name in SECTIONS},
    )
    index_page.add_child(instance=page)
    page.countries.set(contribution.countries.all())
    page.themes.set(contribution.themes.all())
    page.crime_types.set(contribution.crime_types.all())
    if page.visibility == Visibility.GROUPS and event.participants_group_id:
        page.restricted_to_groups.set([event.participants_group_id])
    page.save()
    return page


def submit(contribution: Contribution, user):
    """Submit a draft: create its library item, start the library workflow, then confirm by e-mail.

    Raises :class:`NoLibraryToFileUnder` (the contribution left a draft, unchanged) while the site has no library.
    """
    from events.emails import send_submission_confirmation

    with transaction.atomic():
        contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
        if contribution.status != ContributionStatus.DRAFT:
            return contribution
        page = build_experience(contribution)
        page.save_revision(user=user, log_action=True)
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, user)
        contribution.experience = page
        contribution.status = ContributionStatus.SUBMITTED
        contribution.submitted_at = timezone.now()
        contribution.save(update_fields=["experience", "status", "submitted_at", "updated_at"])
    send_submission_confirmation(contribution)
    return contribution
