"""Invite the participants of ended events to share their experience; retry e-mails that failed before.

Only participants vetted now are written to (a suspended one would be invited to a form they cannot open); the
others are written to once vetted again. Idempotent: a participant is written to once (``followup_sent_at``), a
failed attempt is recorded and retried on the next run, up to ``events.emails.MAX_ATTEMPTS``. Confirmations of
submitted contributions that could not be sent are retried here too. Run it daily (cron).
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from events.emails import MAX_ATTEMPTS, send_followup, send_submission_confirmation
from events.models import Contribution, ContributionStatus, EventParticipant
from members.models import Membership


class Command(BaseCommand):
    help = "E-mail participants of ended events an invitation to share their experience (safe to run again)."

    def handle(self, *args, **options):
        today = timezone.localdate()
        due = EventParticipant.objects.filter(
            event__live=True,
            event__end_date__lt=today,
            followup_sent_at=None,
            followup_attempts__lt=MAX_ATTEMPTS,
            user__is_active=True,
            user__membership__in=Membership.objects.vetted(),  # the others are written to once vetted again
        ).select_related("event", "user__membership")
        sent = failed = 0
        for participation in due:
            if send_followup(participation):
                sent += 1
            else:
                failed += 1
        confirmations = Contribution.objects.filter(
            status__in=[ContributionStatus.SUBMITTED, ContributionStatus.PUBLISHED],
            confirmation_sent_at=None,
            confirmation_attempts__lt=MAX_ATTEMPTS,
        ).select_related("event", "author__membership")
        retried = sum(1 for contribution in confirmations if send_submission_confirmation(contribution))
        self.stdout.write(
            f"Invitations to share sent: {sent}; failed (will retry): {failed}; confirmations re-sent: {retried}."
        )
