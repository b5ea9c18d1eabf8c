"""Scoring the engine against an annotated evaluation set.

The set is a JSON Lines file; each line is
`{"text": ..., "language": "es"|"en", "entities": [{"kind": ..., "text": ...}]}`
with an optional `"known_names": [...]` for sentences that name directory
members. Entities are exact substrings; their offsets are those of the first
occurrence. A finding matches an entity when the kinds are the same and the
spans overlap.
"""

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .engine import scan
from .findings import Finding


@dataclass(frozen=True)
class Example:
    text: str
    language: str
    entities: tuple[Finding, ...]
    known_names: tuple[str, ...] = ()


@dataclass
class Scores:
    true_positives: Counter = field(default_factory=Counter)  # entities found
    matched_findings: Counter = field(default_factory=Counter)  # findings that match an entity
    false_positives: Counter = field(default_factory=Counter)
    false_negatives: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def precision(self, kind: str | None = None) -> float:
        tp, fp = self._count(self.matched_findings, kind), self._count(self.false_positives, kind)
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, kind: str | None = None) -> float:
        tp, fn = self._count(self.true_positives, kind), self._count(self.false_negatives, kind)
        return tp / (tp + fn) if tp + fn else 1.0

    def f1(self, kind: str | None = None) -> float:
        precision, recall = self.precision(kind), self.recall(kind)
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def kinds(self) -> list[str]:
        return sorted(set(self.true_positives) | set(self.false_positives) | set(self.false_negatives))

    @staticmethod
    def _count(counter: Counter, kind: str | None) -> int:
        return counter[kind] if kind else sum(counter.values())


def load_examples(path: str | Path) -> list[Example]:
    examples = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        text = record["text"]
        entities = []
        for entity in record["entities"]:
            start = text.find(entity["text"])
            if start < 0:
                raise ValueError(f"line {number}: {entity['text']!r} is not in the text")
            entities.append(Finding(entity["kind"], start, start + len(entity["text"]), entity["text"], 1.0))
        examples.append(Example(text, record["language"], tuple(entities), tuple(record.get("known_names", ()))))
    return examples


def evaluate(
    examples: Iterable[Example],
    scanner: Callable[..., list[Finding]] = scan,
) -> Scores:
    """Precision and recall of `scanner` on `examples`, overall and per kind."""
    scores = Scores()
    for example in examples:
        found = scanner(example.text, language=example.language, known_names=example.known_names)
        for entity in example.entities:
            if any(f.kind == entity.kind and f.overlaps(entity) for f in found):
                scores.true_positives[entity.kind] += 1
            else:
                scores.false_negatives[entity.kind] += 1
                scores.errors.append(f"missed {entity.kind} {entity.text!r} in: {example.text}")
        for finding in found:
            if any(finding.kind == e.kind and finding.overlaps(e) for e in example.entities):
                scores.matched_findings[finding.kind] += 1
            else:
                scores.false_positives[finding.kind] += 1
                scores.errors.append(f"spurious {finding.kind} {finding.text!r} in: {example.text}")
    return scores
