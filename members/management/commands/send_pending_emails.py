"""Send again the members' e-mails the mail server did not take (members.emails). Run it every few minutes (cron).

Each pending message waits 5 minutes after its first failure, then twice as long after each one (at most 6 hours),
and is given up after ``members.emails.MAX_ATTEMPTS`` (logged as an error). A run stops at the first message when
the server cannot be reached at all, so a long outage costs one connection attempt per run, not one per message.
Safe to run at any time, also twice at once: each message is claimed before it is sent, so it goes out once.
Delivered records older than 30 days are deleted. Exits with status 1 when messages were given up in this run, so
cron's monitoring notices.
"""

from django.core.management.base import BaseCommand, CommandError

from members.emails import send_pending
from members.models import OutgoingEmail


class Command(BaseCommand):
    help = "Retry the members' e-mails that could not be delivered (safe to run often, for cron)."

    def handle(self, *args, **options):
        sent, failed, given_up, stopped = send_pending()
        waiting = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING).count()
        self.stdout.write(
            f"E-mails sent: {sent}; failed again (will retry): {failed}; given up: {given_up}; "
            f"still pending: {waiting}."
        )
        if stopped:
            self.stdout.write("The mail server could not be reached: stopped; the rest waits for the next run.")
        if given_up:
            raise CommandError(f"{given_up} e-mails could not be delivered after every attempt (see the log).")
