"""Word lists kept as text files: one or more words a line, `#` starts a comment."""

from functools import cache
from pathlib import Path

_DIRECTORY = Path(__file__).resolve().parent


@cache
def words(name: str) -> frozenset[str]:
    """The words of `<name>.txt` in this directory."""
    found: set[str] = set()
    for line in (_DIRECTORY / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        found.update(line.split("#", 1)[0].split())
    return frozenset(found)
