"""``python manage.py import_practices FILE.jsonl [--dry-run]``: load library items, all or nothing."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from practices.library_import import LibraryImport


class Command(BaseCommand):
    help = _(
        "Import case studies and good practices from a JSON Lines file. Every line is checked first; any error "
        "(printed with its line number) means nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("Path of the .jsonl file"))
        parser.add_argument("--dry-run", action="store_true", help=_("Check the file and report; write nothing."))

    def handle(self, *args, file, dry_run=False, **options):
        library_import = LibraryImport(file, stdout=self.stdout)
        try:
            library_import.validate()
        except OSError as exc:
            raise CommandError(_("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc}) from exc
        errors = library_import.run.errors
        if errors:
            for error in sorted(errors):
                self.stderr.write(str(error))
            raise CommandError(
                ngettext(
                    "%(count)d error: nothing was imported.", "%(count)d errors: nothing was imported.", len(errors)
                )
                % {"count": len(errors)}
            )
        to_create, to_update = library_import.plan()
        if dry_run:
            self.stdout.write(
                _("Dry run: the file is valid. %(create)d items would be created and %(update)d updated.")
                % {"create": to_create, "update": to_update}
            )
            return
        summary = library_import.write()
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported %(total)d items (%(created)d new, %(updated)d updated).")
                % {"total": summary.created + summary.updated, "created": summary.created, "updated": summary.updated}
            )
        )
        self.stdout.write(_("Published: %(count)d") % {"count": len(summary.published)})
        self.stdout.write(_("Awaiting review: %(count)d") % {"count": len(summary.awaiting_review)})
        for slug in summary.awaiting_review:
            self.stdout.write(f"  - {slug}")
