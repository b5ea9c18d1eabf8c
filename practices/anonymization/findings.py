"""The `Finding` value and the rule that resolves overlapping findings."""

from collections.abc import Iterable
from dataclasses import dataclass

from .kinds import SPECIFICITY


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data: its kind, its span in the text and a confidence."""

    kind: str
    start: int
    end: int
    text: str
    score: float

    def overlaps(self, other: "Finding") -> bool:
        return self.start < other.end and other.start < self.end

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": round(self.score, 3),
        }


def merge_overlapping(findings: Iterable[Finding]) -> list[Finding]:
    """Keep, from every group of overlapping findings, the best ones.

    Findings are taken greedily by score, then by the specificity of their
    kind, then by length; a finding that overlaps one already kept is dropped.
    The result is in text order.
    """
    ranked = sorted(
        findings,
        key=lambda f: (-f.score, -SPECIFICITY.get(f.kind, 0), -(f.end - f.start), f.start),
    )
    kept: list[Finding] = []
    for finding in ranked:
        if finding.end <= finding.start:
            continue
        if not any(finding.overlaps(other) for other in kept):
            kept.append(finding)
    kept.sort(key=lambda f: (f.start, f.end))
    return kept
