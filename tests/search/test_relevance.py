"""Relevance: a fictional bilingual corpus and the documents each query must show in its top 3.

The corpus (``relevance_corpus.jsonl``, in the library's import format) is loaded through ``import_practices``;
each query of ``relevance_queries.jsonl`` is run through the search page as an anonymous visitor. The hit rate is
the share of queries whose expected documents all appear among the first three results. Runs on SQLite and on
PostgreSQL (``DATABASE_URL``).
"""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

HERE = Path(__file__).parent
CORPUS = HERE / "relevance_corpus.jsonl"
QUERIES = HERE / "relevance_queries.jsonl"
MIN_HIT_RATE = 0.95


def load(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture
def corpus(library):
    call_command("import_practices", str(CORPUS), stdout=io.StringIO())
    # A bulk load is followed by a rebuild, as in production (the taxonomy names are indexed with each item).
    call_command("update_index", stdout=io.StringIO())
    return load(CORPUS)


def top_three(client, query, language):
    with translation.override(language):
        url = reverse("search:search")
    response = client.get(url, {"q": query})
    return [result.page.slug for result in response.context["search"].page.object_list[:3]]


def test_corpus_and_queries_are_large_enough_and_bilingual():
    corpus, queries = load(CORPUS), load(QUERIES)

    assert len(corpus) >= 40 and {d["language"] for d in corpus} == {"es", "en"}
    assert len(queries) >= 30
    slugs = {d["slug"] for d in corpus}
    assert all(set(q["expected"]) <= slugs for q in queries)


def test_top_three_hit_rate(client, corpus):
    from practices.models import LibraryItemPage

    assert LibraryItemPage.objects.live().count() == len(corpus), "every corpus item must be published"
    misses = []
    queries = load(QUERIES)
    for number, case in enumerate(queries):
        language = "es" if number % 2 else "en"  # half the queries from each language's page
        found = top_three(client, case["query"], language)
        if not set(case["expected"]) <= set(found):
            misses.append(f"{case['query']!r}: expected {case['expected']}, top 3 {found}")

    hit_rate = 1 - len(misses) / len(queries)
    print(f"\nrelevance: top-3 hit rate {hit_rate:.3f} over {len(queries)} queries")
    assert hit_rate >= MIN_HIT_RATE, "\n".join(misses)
