"""Quality and speed of the anonymization engine.

Run from the repository root:  .venv/bin/python bench/anonymization.py [-v]

Prints precision, recall and F1 on tests/practices/anonymization_eval.jsonl,
overall and per kind (a finding matches an annotated entity when the kinds are
the same and the spans overlap), then the median time to scan a generated
5,000-word case study. With -v, lists every miss and every spurious finding.
Targets: recall >= 0.97, precision >= 0.90, scan < 1 s.
"""

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from practices.anonymization import scan  # noqa: E402
from practices.anonymization.evaluation import evaluate, load_examples  # noqa: E402

EVALUATION_SET = ROOT / "tests" / "practices" / "anonymization_eval.jsonl"


def case_study(words: int = 5000) -> str:
    """A long case study made by repeating the evaluation sentences."""
    sentences = [example.text for example in load_examples(EVALUATION_SET)]
    parts, count, index = [], 0, 0
    while count < words:
        sentence = sentences[index % len(sentences)]
        parts.append(sentence)
        count += len(sentence.split())
        index += 1
    return " ".join(parts)


def main(verbose: bool = False) -> None:
    scores = evaluate(load_examples(EVALUATION_SET))
    if verbose:
        print("\n".join(scores.errors), end="\n\n")
    print(f"{'kind':<16} {'precision':>9} {'recall':>7} {'f1':>6}")
    for kind in scores.kinds():
        print(f"{kind:<16} {scores.precision(kind):>9.3f} {scores.recall(kind):>7.3f} {scores.f1(kind):>6.3f}")
    print(f"{'overall':<16} {scores.precision():>9.3f} {scores.recall():>7.3f} {scores.f1():>6.3f}")

    text = case_study()
    scan(text)  # warm up: gazetteers, regex caches
    timings = []
    for _ in range(7):
        started = time.perf_counter()
        scan(text)
        timings.append(time.perf_counter() - started)
    print(f"scan of a {len(text.split())}-word case study: p50 {statistics.median(timings) * 1000:.0f} ms")


if __name__ == "__main__":
    main(verbose="-v" in sys.argv[1:])
