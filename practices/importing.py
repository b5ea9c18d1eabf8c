"""The one import framework for line-oriented files (JSON Lines and CSV): read, validate, report by line.

Every bulk import of the project (library items here, members' CSV lists elsewhere) follows the same rules:

- each record knows the line it came from, numbered as an editor shows the file: from 1, blank lines included
  (for CSV, the line its row starts on; a quoted cell may span several lines);
- validation collects *every* problem as a :class:`LineError` instead of stopping at the first, so the person
  fixing the file sees them all at once;
- nothing is written unless the whole file is valid (the caller writes inside one transaction, after
  :meth:`ImportRun.raise_if_errors`);
- long files show their progress.

This module depends on no model and no other app, so any app can import it without a dependency cycle.

Usage::

    run = ImportRun()
    for record in run.read(path):            # Record(line=…, data={…}) for each parsable line
        slug = run.require(record, "slug")    # records an error and returns None when missing or blank
        ...
    run.raise_if_errors()                     # ImportFailed with every LineError, sorted by line
"""

import csv
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _


@dataclass(frozen=True, order=True)
class LineError:
    """One problem in the file: the line, the field if any, and a message for the person fixing the file."""

    line: int
    message: str
    field: str = ""

    def __str__(self):
        if self.field:
            return _("line %(line)d: %(field)s: %(message)s") % {
                "line": self.line,
                "field": self.field,
                "message": self.message,
            }
        return _("line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class Record:
    """A parsed line (JSON object or CSV row as a dict) and the line number it starts on."""

    line: int
    data: dict


class ImportFailed(Exception):
    """The file had errors: nothing was imported. ``errors`` lists every :class:`LineError` by line."""

    def __init__(self, errors):
        self.errors = sorted(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


@dataclass
class ImportRun:
    """Reading and validating one file: the records read and every line-numbered error found."""

    errors: list = field(default_factory=list)

    def error(self, line, message, field=""):
        self.errors.append(LineError(line, str(message), field))

    @property
    def has_errors(self):
        return bool(self.errors)

    def raise_if_errors(self):
        if self.errors:
            raise ImportFailed(self.errors)

    def read(self, source, file_format=None):
        """Yield a :class:`Record` per data line of ``source`` (a path or an open text file).

        The format is ``jsonl`` or ``csv``, from ``file_format`` or the file's extension (JSON Lines by default).
        Lines are numbered as an editor shows them, from 1, blank lines included. Unparsable JSON lines are
        recorded as errors and skipped, so reading goes on to the end; an unreadable CSV line is recorded as an
        error and ends the reading (the csv module cannot tell where the next row starts).
        """
        if isinstance(source, (str, Path)):
            path = Path(source)
            file_format = file_format or ("csv" if path.suffix.lower() == ".csv" else "jsonl")
            with path.open(encoding="utf-8-sig", newline="") as stream:
                yield from self.read(stream, file_format)
            return
        if (file_format or "jsonl") == "csv":
            yield from self._read_csv(source)
        else:
            yield from self._read_jsonl(source)

    def _read_jsonl(self, stream):
        for number, text in enumerate(stream, start=1):
            if not text.strip():
                continue
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                self.error(number, _("not valid JSON (%(detail)s)") % {"detail": exc.msg})
                continue
            if not isinstance(data, dict):
                self.error(number, _("each line must be one JSON object"))
                continue
            yield Record(number, data)

    def _read_csv(self, stream):
        """Rows as dicts keyed by the header's titles (the first line that is not empty).

        ``reader.line_num`` counts the physical lines read so far: an empty line (which gives no row) counts, and
        so does every line of a quoted cell spanning several. A row therefore starts on the line after the one
        the previous read ended on, and a ``csv.Error`` is on the line the reader stopped at; reading ends there,
        since what follows an unreadable line cannot be trusted to start a row.
        """
        reader = csv.reader(stream)
        header = None
        read_so_far = 0
        try:
            for row in reader:
                start, read_so_far = read_so_far + 1, reader.line_num
                if not row:  # an empty line
                    continue
                if header is None:
                    header = [title.strip() for title in row]
                elif len(row) > len(header):
                    self.error(start, _("more values than columns"))
                elif any(value.strip() for value in row):
                    values = [value.strip() for value in row] + [""] * (len(header) - len(row))
                    yield Record(start, dict(zip(header, values, strict=True)))
        except csv.Error as exc:
            self.error(reader.line_num, _("not valid CSV (%(detail)s)") % {"detail": exc})

    def require(self, record, name):
        """The value of a required field, or ``None`` after recording "missing" for the record's line."""
        value = record.data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()) or value == []:
            self.error(record.line, _("this field is required"), name)
            return None
        return value

    def choice(self, record, name, allowed, required=True):
        """A value that must be one of ``allowed``; an error names the allowed values."""
        value = self.require(record, name) if required else record.data.get(name)
        if value in (None, ""):
            return None
        if value not in allowed:
            self.error(
                record.line,
                _("unknown value %(value)r; expected one of: %(allowed)s")
                % {"value": value, "allowed": ", ".join(sorted(allowed))},
                name,
            )
            return None
        return value

    def codes(self, record, name, known, required=False):
        """A list of codes (JSON list, or a ``;``/``,``-separated CSV cell) that must all be in ``known``."""
        value = self.require(record, name) if required else record.data.get(name)
        if value in (None, "", []):
            return []
        if isinstance(value, str):
            value = [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.error(record.line, _("expected a list of codes"), name)
            return []
        unknown = [item for item in value if item not in known]
        if unknown:
            self.error(record.line, _("unknown code(s): %(codes)s") % {"codes": ", ".join(unknown)}, name)
            return []
        return value

    def integer(self, record, name, minimum=None, maximum=None, required=False):
        value = self.require(record, name) if required else record.data.get(name)
        if value in (None, ""):
            return None
        try:
            number = int(value)
        except (TypeError, ValueError):
            self.error(record.line, _("expected a whole number"), name)
            return None
        if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
            self.error(
                record.line,
                _("must be between %(minimum)s and %(maximum)s") % {"minimum": minimum, "maximum": maximum},
                name,
            )
            return None
        return number


class Progress:
    """A one-line progress report for long imports, written every ``step`` percent (nothing for short files)."""

    def __init__(self, total, stream=None, label="", minimum=200, step=10):
        self.total = total
        self.stream = stream or sys.stdout
        self.label = label
        self.enabled = total >= minimum
        self.step = step
        self.next_percent = step

    def advance(self, done):
        if not self.enabled:
            return
        percent = done * 100 // self.total
        if percent >= self.next_percent or done == self.total:
            filled = percent // 5
            self.stream.write(f"{self.label} [{'#' * filled}{'.' * (20 - filled)}] {done}/{self.total} ({percent}%)\n")
            while self.next_percent <= percent:
                self.next_percent += self.step


def count_lines(path):
    """The number of non-blank lines of a file (the progress bar's total)."""
    with Path(path).open(encoding="utf-8-sig") as stream:
        return sum(1 for text in stream if text.strip())
