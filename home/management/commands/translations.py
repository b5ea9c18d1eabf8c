"""Keep the Spanish and English catalogues complete: extract, merge pending translations, compile, check.

One command for `make messages` and for the test that fails on a missing Spanish translation, so both extract
the same files the same way. Compiling uses polib, so a machine without GNU gettext can still build the .mo
files (extraction itself needs xgettext, a developer tool).
"""

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

LANGUAGES = ["es", "en"]
# What is not user-facing text of ours.
IGNORED = [".venv", "var", "static_collected", "tests", "bench", "node_modules", "test-artifacts", ".git"]
PENDING_DIR = "pending"


def catalogue(base, language):
    return Path(base) / "locale" / language / "LC_MESSAGES" / "django.po"


def extract(base):
    """Run Django's makemessages in ``base`` for every language."""
    command = [sys.executable, "manage.py", "makemessages", "--no-location", "--no-obsolete"]
    command += [f"--locale={code}" for code in LANGUAGES]
    command += [f"--ignore={pattern}/*" for pattern in IGNORED]
    subprocess.run(command, cwd=base, check=True, capture_output=True)  # noqa: S603 (our own manage.py)


def untranslated(po_path):
    """Spanish entries with no translation, or only a fuzzy one."""
    catalogue_entries = polib.pofile(str(po_path))
    return [
        entry.msgid
        for entry in catalogue_entries
        if not entry.obsolete and ("fuzzy" in entry.flags or not entry.translated())
    ]


def compile_catalogues(base):
    for language in LANGUAGES:
        po_path = catalogue(base, language)
        if po_path.exists():
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


def stale_compiled(base):
    """Catalogues whose compiled .mo says something else than the .po."""
    stale = []
    for language in LANGUAGES:
        po_path = catalogue(base, language)
        mo_path = po_path.with_suffix(".mo")
        if not po_path.exists():
            continue
        expected = {
            (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in polib.pofile(str(po_path)).translated_entries()
        }
        compiled = {}
        if mo_path.exists():
            compiled = {
                (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
                for e in polib.mofile(str(mo_path))
                if e.msgid
            }
        if expected != compiled:
            stale.append(str(mo_path.relative_to(base)))
    return stale


def merge_pending(base):
    """Fill Spanish entries from locale/pending/*.json ({msgid: msgstr or [singular, plural]}); return leftovers."""
    pending_dir = Path(base) / "locale" / PENDING_DIR
    translations = {}
    for path in sorted(pending_dir.glob("*.json")):
        translations.update(json.loads(path.read_text(encoding="utf-8")))
    po = polib.pofile(str(catalogue(base, "es")))
    used = set()
    for entry in po:
        value = translations.get(entry.msgid)
        if value is None:
            continue
        used.add(entry.msgid)
        if entry.msgid_plural:
            forms = value if isinstance(value, list) else [value, value]
            entry.msgstr_plural = {0: forms[0], 1: forms[-1]}
        else:
            entry.msgstr = value if isinstance(value, str) else value[0]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()
    return sorted(set(translations) - used)


class Command(BaseCommand):
    help = "Extract, merge and compile the es/en catalogues (update), or report missing Spanish translations (check)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["update", "check"])

    def handle(self, *args, action, **options):
        base = Path(settings.BASE_DIR)
        if action == "update":
            self.stdout.write("Extracting messages…")
            extract(base)
            leftovers = merge_pending(base)
            compile_catalogues(base)
            missing = untranslated(catalogue(base, "es"))
            self.stdout.write(f"Spanish: {len(missing)} missing; pending translations not used: {len(leftovers)}")
            for msgid in missing:
                self.stdout.write(f"  missing: {msgid!r}")
            return
        problems = check(base)
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write(
            self.style.SUCCESS("Every message has its Spanish translation; compiled catalogues are current.")
        )


def check(base):
    """Problems found by extracting a copy of the tree: missing Spanish translations, stale .mo files."""
    problems = [f"stale compiled catalogue: {path} (run `make messages`)" for path in stale_compiled(base)]
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "tree"
        shutil.copytree(base, copy, ignore=shutil.ignore_patterns(*IGNORED, "__pycache__", "*.sqlite3"))
        extract(copy)
        problems += [f"missing Spanish translation: {msgid!r}" for msgid in untranslated(catalogue(copy, "es"))]
    return problems
