"""Scan text from standard input for personal data: `manage.py scan_personal_data < case.txt`.

Prints one line per finding (kind, offsets, text) and a count, or, with
`--format json`, a JSON list of `{"kind", "start", "end", "text", "score"}`.
The exit code is 0 whether or not anything is found: finding personal data is
the command's result, not an error.
"""

import json
import sys

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from practices.anonymization import KIND_LABELS, scan


class Command(BaseCommand):
    help = _(
        "Read a text on standard input and list the personal data found in it "
        "(names, aliases, phone numbers, identity documents, addresses...)."
    )

    # call_command(..., stdin=StringIO(text)) reads from a string instead, as tests do.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument(
            "--language",
            choices=("auto", "es", "en"),
            default="auto",
            help=_("Language of the text: es, en, or auto to detect it (default)."),
        )
        parser.add_argument(
            "--format",
            choices=("text", "json"),
            default="text",
            help=_("Output format: one line per finding (text, default) or a JSON list (json)."),
        )

    def handle(self, *args, **options):
        stdin = options.get("stdin") or sys.stdin
        findings = scan(stdin.read(), language=options["language"])
        if options["format"] == "json":
            self.stdout.write(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
            return
        for finding in findings:
            self.stdout.write(
                f"{finding.kind}\t{finding.start}-{finding.end}\t{finding.text}\t({KIND_LABELS[finding.kind]})"
            )
        count = len(findings)
        self.stdout.write(
            ngettext("%(count)d finding.", "%(count)d findings.", count) % {"count": count},
            style_func=self.style.WARNING if count else self.style.SUCCESS,
        )
