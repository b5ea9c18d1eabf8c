"""The anonymization check applied to library items: scan, remember, block publication until resolved.

A library item may be published only when no finding of the engine is left unresolved in the revision being
published. "Resolved" means fixed (the next scan no longer finds the text) or dismissed by an editor as "not
personal data", with a reason; a dismissal is matched on (item, kind, exact text), so it holds on every later
scan of the same words.

One rule, every route:

- the "Library review" workflow's first task (:class:`~practices.models.AnonymizationCheckTask`) runs
  :func:`run_check` and sends the item back to its author ("changes requested") with the list;
- ``LibraryItemPage.publish`` calls :func:`guard_publication` before Wagtail publishes any revision, which is the
  single path of the workflow's final approval, of a direct publish, of ``publish_scheduled`` and of
  ``import_practices`` (all of them end in ``Revision.publish()``);
- ``import_practices`` asks :func:`findings_for` whether an item may be published at once or must wait in the
  workflow (see ``practices.library_import``).

Every save of a revision re-scans the item (see :mod:`practices.anonymization.receivers`), so the editor's panel
shows the findings of the latest draft.
"""

import logging
import time
from bisect import bisect_right
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.actions.publish_page_revision import PublishPagePermissionError

from .engine import scan
from .kinds import KIND_LABELS
from .page_text import field_label, page_texts

logger = logging.getLogger(__name__)

CHECK_TASK_NAME = "Anonymization check"
DISPLAY_NAMES = {CHECK_TASK_NAME: gettext_lazy("Anonymization check")}

# Characters of text shown on each side of a finding in the editor's panel.
CONTEXT_CHARS = 60
# The directory's names are read at most this often per process (and again at once after a membership changes).
KNOWN_NAMES_SECONDS = 60
SEPARATOR = "\n\n"
# The library keeps its own message templates (changes_requested_subject.txt / _message.txt) for members.emails.
EMAIL_FOLDER = "practices/anonymization/email"


class PersonalDataBlocksPublication(PublishPagePermissionError):
    """Raised instead of publishing a revision in which personal data is left unresolved."""


def anonymization_check_task():
    """The workflow's "Anonymization check" task (created once; ``practices.workflow`` puts it first)."""
    from practices.models import AnonymizationCheckTask

    task, _created = AnonymizationCheckTask.objects.get_or_create(name=CHECK_TASK_NAME)
    return task


# --- The names of the directory ------------------------------------------------------------------------------------

_known_names = {"names": None, "read_at": 0.0}


def directory_names():
    """The full names of the members the directory lists (vetted, current, consenting), read in one query.

    Kept for :data:`KNOWN_NAMES_SECONDS` so that a run that scans many items (an import) reads them once;
    :func:`forget_directory_names` drops them when a membership or an account changes.
    """
    if _known_names["names"] is None or time.monotonic() - _known_names["read_at"] > KNOWN_NAMES_SECONDS:
        from members.access import listed_members

        names = listed_members().values_list("user__first_name", "user__last_name")
        _known_names["names"] = tuple(
            full for full in (" ".join(f"{first} {last}".split()) for first, last in names) if " " in full
        )
        _known_names["read_at"] = time.monotonic()
    return _known_names["names"]


def forget_directory_names(**kwargs):
    _known_names["names"] = None


# --- Scanning a page -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Occurrence:
    """A finding placed in the page: the field it is in, its offsets there and the text around it."""

    kind: str
    text: str
    field: str
    start: int
    end: int
    score: float
    context: str
    context_start: int

    @property
    def key(self):
        return (self.kind, self.text)


def normalized(text):
    return " ".join(text.split())[:500]


def scan_page(page):
    """Every finding in the texts of ``page``, each once per (kind, text), in the order an editor reads them.

    The texts are scanned together (so that a surname mentioned alone after the full name is found everywhere)
    in the page's language.
    """
    pieces = page_texts(page)
    if not pieces:
        return []
    offsets, position = [], 0
    for piece in pieces:
        offsets.append(position)
        position += len(piece.text) + len(SEPARATOR)
    whole = SEPARATOR.join(piece.text for piece in pieces)
    language = getattr(getattr(page, "locale", None), "language_code", "auto")
    found = scan(whole, language=language if language in ("es", "en") else "auto", known_names=directory_names())
    occurrences = {}
    for finding in found:
        index = bisect_right(offsets, finding.start) - 1
        piece, base = pieces[index], offsets[index]
        start, end = finding.start - base, min(finding.end - base, len(piece.text))
        occurrence_text = normalized(piece.text[start:end])
        if not occurrence_text or (finding.kind, occurrence_text) in occurrences:
            continue
        context_begin = max(0, start - CONTEXT_CHARS)
        context_end = min(len(piece.text), end + CONTEXT_CHARS)
        occurrences[(finding.kind, occurrence_text)] = Occurrence(
            kind=finding.kind,
            text=occurrence_text,
            field=piece.field,
            start=start,
            end=end,
            score=finding.score,
            context=piece.text[context_begin:context_end],
            context_start=start - context_begin,
        )
    return list(occurrences.values())


@transaction.atomic
def reconcile(page, occurrences):
    """Store what a scan of ``page`` found; return its unresolved findings.

    New text: an open finding. Text found before: updated in place, reopened if it had been fixed, left as it
    is if an editor dismissed it. Open findings the scan no longer sees become fixed, and their context (which
    holds the personal data) is erased.
    """
    from practices.models import PersonalDataFinding
    from practices.models.anonymization import FindingStatus

    now = timezone.now()
    stored = {(f.kind, f.text): f for f in PersonalDataFinding.objects.filter(page_id=page.pk).select_for_update()}
    to_create, to_update = [], []
    for occurrence in occurrences:
        finding = stored.pop(occurrence.key, None)
        if finding is None:
            to_create.append(PersonalDataFinding(page_id=page.pk, **vars(occurrence)))
            continue
        for name in ("field", "start", "end", "score", "context", "context_start"):
            setattr(finding, name, getattr(occurrence, name))
        if finding.status == FindingStatus.FIXED:
            finding.status, finding.fixed_at = FindingStatus.OPEN, None
        finding.last_seen_at = now
        to_update.append(finding)
    for finding in stored.values():
        if finding.status == FindingStatus.OPEN:
            finding.status, finding.fixed_at, finding.context, finding.context_start = FindingStatus.FIXED, now, "", 0
            to_update.append(finding)
    PersonalDataFinding.objects.bulk_create(to_create)
    fields = ["field", "start", "end", "score", "context", "context_start", "status", "fixed_at", "last_seen_at"]
    PersonalDataFinding.objects.bulk_update(to_update, fields)
    order = {occurrence.key: position for position, occurrence in enumerate(occurrences)}
    unresolved = [f for f in [*to_create, *to_update] if f.status == FindingStatus.OPEN]
    return sorted(unresolved, key=lambda f: order.get((f.kind, f.text), len(order)))


def check_page(page):
    """Scan ``page`` (a specific page or a revision's ``as_object()``), store the result, return what blocks it.

    A page not saved yet has nothing to store: its findings are returned unsaved.
    """
    if page.pk is None:
        from practices.models import PersonalDataFinding

        return [PersonalDataFinding(**vars(occurrence)) for occurrence in scan_page(page)]
    return reconcile(page, scan_page(page))


def findings_for(item):
    """The unresolved findings in ``item``'s current content (the import's question: publish now or wait?)."""
    return check_page(item)


# --- The workflow task -----------------------------------------------------------------------------------------------


def findings_comment(page, findings):
    """The list sent back to the author with "changes requested", one line per finding."""
    lines = [
        _("Personal data found. Fix the text, or ask an editor to mark a finding as not personal data, then resubmit:")
    ]
    for finding in findings:
        lines.append(
            _("- %(kind)s: “%(text)s” (%(field)s)")
            % {
                "kind": KIND_LABELS.get(finding.kind, finding.kind),
                "text": finding.text,
                "field": field_label(type(page), finding.field),
            }
        )
    return "\n".join(lines)


def run_check(task_state):
    """Decide the anonymization task at once: approve a clean revision, reject one with findings (with the list)."""
    page = task_state.revision.as_object()
    findings = check_page(page)
    if findings:
        task_state.reject(user=None, update=False, comment=findings_comment(page, findings))
        tell_the_author(page, findings, task_state.workflow_state.requested_by)
    else:
        task_state.approve(user=None, update=False, comment=_("No unresolved personal data found."))


def tell_the_author(page, findings, author):
    """E-mail the list to whoever submitted the item, in their language.

    Wagtail's own "changes requested" e-mail is not sent here: it skips the user who triggered the rejection,
    and an automatic check rejects during the author's own submission. The message goes through the members'
    outbox, so a mail server outage never fails the submission: the item is still sent back with the list, and
    the e-mail waits for ``send_pending_emails``.
    """
    if author is None or not author.email:
        return
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    from members.emails import member_language, send_to_member

    language = member_language(author)
    with translation.override(language):
        # Field names are plain strings in the active language: label the findings in the author's.
        for finding in findings:
            finding.kind_label = KIND_LABELS.get(finding.kind, finding.kind)
            finding.field_label = field_label(type(page), finding.field)
        context = {
            "page": page,
            "findings": findings,
            "edit_url": settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_pages:edit", args=[page.pk]),
        }
    send_to_member(author, "changes_requested", context, language=language, folder=EMAIL_FOLDER)


# --- The publication guard -------------------------------------------------------------------------------------------


def guard_publication(page, revision):
    """Refuse to publish ``revision`` of ``page`` while personal data in it is unresolved.

    Raises :class:`PersonalDataBlocksPublication` (a permission error, which the admin reports as such). A
    scheduled publication reaching its time (``publish_scheduled``) is not raised from, so that the command goes
    on with the other pages: the schedule is withdrawn and the item stays as it was, with the finding in its panel.
    """
    findings = check_page(revision.as_object())
    if not findings:
        return True
    if revision.approved_go_live_at is not None and revision.approved_go_live_at <= timezone.now():
        type(revision).objects.filter(pk=revision.pk).update(approved_go_live_at=None)
        revision.approved_go_live_at = None
        logger.warning(
            "Scheduled publication of page %s withdrawn: %d unresolved personal data finding(s)", page.pk, len(findings)
        )
        return False
    raise PersonalDataBlocksPublication(
        ngettext(
            "This item cannot be published: %(count)d finding of personal data is unresolved.",
            "This item cannot be published: %(count)d findings of personal data are unresolved.",
            len(findings),
        )
        % {"count": len(findings)}
    )
