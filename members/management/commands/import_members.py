"""``python manage.py import_members FILE.csv [--dry-run]``: onboard focal points nominated by institutions."""

from django.core.management.base import BaseCommand, CommandError

from members import importing


class Command(BaseCommand):
    help = (
        "Import members from a CSV file (columns: "
        + ", ".join(importing.COLUMNS)
        + "). All or nothing: any bad row and nothing is imported; every error is listed with its line."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file, UTF-8, with a header line.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report; import nothing.")

    def handle(self, *args, file, dry_run=False, **options):
        rows, run = importing.validate(file)
        if run.has_errors:
            errors = sorted(run.errors)
            raise CommandError(
                f"{len(errors)} error(s), nothing was imported:\n" + "\n".join(str(error) for error in errors)
            )
        if dry_run:
            self.stdout.write(f"Dry run: {len(rows)} member(s) would be imported; nothing was changed.")
            return
        users = importing.import_rows(rows)
        importing.send_set_password_emails(users)
        self.stdout.write(self.style.SUCCESS(f"Imported {len(users)} member(s); each was sent a set-password e-mail."))
