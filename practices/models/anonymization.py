"""What the anonymization check stores: its workflow task and the personal data it found in each library item.

The detection itself is :mod:`practices.anonymization` (one engine for the command, the workflow, the editor
and the import); the rules that tie it to pages (which text is scanned, how a re-scan reconciles stored
findings, what blocks publication) are in :mod:`practices.anonymization.workflow`. This module only holds the
models, because Django wants them in the app's models package.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task

from practices.anonymization.kinds import KIND_LABELS


class AnonymizationCheckTask(Task):
    """An automatic workflow task: it scans the submitted revision and decides at once, nobody acts on it.

    Clean (or every finding dismissed as "not personal data"): the task approves itself and the item goes on to
    the editors' review. Findings left: the task is rejected with the list as its comment, so the item goes back
    to its author as "changes requested".
    """

    admin_form_fields = ["name"]

    class Meta:
        verbose_name = _("anonymization check")
        verbose_name_plural = _("anonymization checks")

    def start(self, workflow_state, user=None):
        from practices.anonymization.workflow import run_check

        task_state = super().start(workflow_state, user=user)
        run_check(task_state)
        return task_state

    def get_actions(self, obj, user):
        """Nobody approves or rejects by hand: the scan decides (see :meth:`start`)."""
        return []

    @classmethod
    def get_description(cls):
        return _("Scans the item for personal data; approves it when nothing is left unresolved.")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DISMISSED = "dismissed", _("Not personal data")
    FIXED = "fixed", _("Fixed")


class PersonalDataFindingQuerySet(models.QuerySet):
    def unresolved(self):
        """The findings that block publication: found by the last scan, neither fixed nor dismissed."""
        return self.filter(status=FindingStatus.OPEN)


class PersonalDataFinding(models.Model):
    """A piece of personal data the check found in a library item, and what became of it.

    One row per item, kind and text (``text`` is the exact words found), so that a decision survives re-scans:
    an editor's dismissal ("not personal data", with a reason, who and when) is matched on the same three on
    every later scan, and the finding stops blocking. A finding the next scan no longer sees was fixed by
    editing; it is kept (status "fixed") as the record of what was removed.
    """

    page = models.ForeignKey(
        "practices.LibraryItemPage",
        verbose_name=_("library item"),
        on_delete=models.CASCADE,
        related_name="personal_data_findings",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=list(KIND_LABELS.items()))
    text = models.CharField(_("text found"), max_length=500)
    field = models.CharField(_("field"), max_length=100, help_text=_("Where the text was found."))
    start = models.PositiveIntegerField(_("start"), default=0)
    end = models.PositiveIntegerField(_("end"), default=0)
    context = models.TextField(_("context"), blank=True)
    context_start = models.PositiveIntegerField(_("position in the context"), default=0)
    score = models.FloatField(_("confidence"), default=1.0)
    status = models.CharField(
        _("status"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN, db_index=True
    )
    found_at = models.DateTimeField(_("found on"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last seen on"), auto_now=True)
    fixed_at = models.DateTimeField(_("fixed on"), null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dismissed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dismissed_at = models.DateTimeField(_("dismissed on"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    objects = PersonalDataFindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("personal data finding")
        verbose_name_plural = _("personal data findings")
        ordering = ["page", "field", "start"]
        constraints = [
            models.UniqueConstraint(fields=["page", "kind", "text"], name="unique_personal_data_finding"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text}"

    @property
    def context_before(self):
        return self.context[: self.context_start]

    @property
    def context_match(self):
        return self.context[self.context_start : self.context_start + self.end - self.start]

    @property
    def context_after(self):
        return self.context[self.context_start + self.end - self.start :]


# The receivers that keep findings current (revision saved, item published, directory changed).
from practices.anonymization import receivers  # noqa: E402, F401
