"""E-mail editors, once a day, the contributions and replies waiting for them.

Idempotent: a :class:`~events.models.ModerationDigest` row per day records that the day's digest went out, so a
second run the same day sends nothing. Nothing pending, nothing sent.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from events.emails import send_to, site_url
from events.models import CommentStatus, Contribution, ContributionComment, ContributionStatus, ModerationDigest
from practices.workflow import EDITOR_ROLE


class Command(BaseCommand):
    help = "Send editors the daily digest of contributions waiting for review (once per day)."

    def handle(self, *args, **options):
        today = timezone.localdate()
        if ModerationDigest.objects.filter(day=today).exists():
            self.stdout.write("Today's digest was already sent.")
            return
        contributions = list(
            Contribution.objects.filter(status=ContributionStatus.SUBMITTED)
            .select_related("event")
            .order_by("submitted_at")
        )
        comments = ContributionComment.objects.filter(status=CommentStatus.PENDING).count()
        if not contributions and not comments:
            self.stdout.write("Nothing waiting for review.")
            return
        try:
            with transaction.atomic():
                digest = ModerationDigest.objects.create(day=today, pending=len(contributions))
        except IntegrityError:  # another run got there first
            return
        editors = get_user_model().objects.filter(groups__name=EDITOR_ROLE, is_active=True).select_related("membership")
        context = {
            "contributions": contributions,
            "comments": comments,
            "total": len(contributions),
            "admin_url": site_url(reverse("wagtailadmin_home")),
        }
        sent = sum(1 for editor in editors if send_to(editor, "digest", context) is None)
        digest.recipients = sent
        digest.save(update_fields=["recipients"])
        self.stdout.write(f"Digest sent to {sent} editors: {len(contributions)} contributions, {comments} replies.")
