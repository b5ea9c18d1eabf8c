"""Stored scores of frequent words (search/word_scores.py): a first search of frequent words adds up stored scores
instead of reading every match, finds the same items in the same order, sees what was published since, and leaks
nothing.

The lists are a PostgreSQL feature (SQLite's FTS5 ranks from its own index): those tests skip on SQLite.
"""

import io
import re
from datetime import timedelta

import numpy
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from members import access
from practices.models import LibraryItemPage
from search import word_scores
from search.analysis import query_terms
from search.models import ReindexedItem, WordScoreList
from search.querysets import candidates
from search.service import live_items

pytestmark = pytest.mark.django_db

WORD = "trata"
EVERY_MATCH = "every match"


@pytest.fixture(autouse=True)
def _small_library(settings):
    """Stems in 3 items or more are frequent; more than 2 items indexed again since the build turn the lists off."""
    settings.ENLACE_SEARCH_WORD_SCORES_MIN_ITEMS = 3
    settings.ENLACE_SEARCH_WORD_SCORES_MAX_REINDEXED_SINCE = 2


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("word scores are built on PostgreSQL only")


@pytest.fixture
def heavy_and_light(make_item):
    """Two items that use the word a lot and two that mention it once (each also says "extradición" once)."""
    heavy = [
        make_item("es", title=f"Trata de personas {n}", summary="Trata, trata y trata. Extradición.") for n in (1, 2)
    ]
    light = [make_item("es", title=f"Informe {n}", summary="Un caso de trata. Extradición.") for n in (3, 4)]
    return indexed_long_ago(*heavy), indexed_long_ago(*light)


def indexed_long_ago(*items):
    """The items, as if indexed a month ago: before any list a test writes (a test runs in one transaction, which
    the build counts as still open)."""
    ReindexedItem.objects.filter(item_id__in=[item.pk for item in items]).update(
        reindexed_at=timezone.now() - timedelta(days=30)
    )
    return list(items)


def build():
    return word_scores.build(progress=lambda line: None)


def anonymous_visible():
    """The live items an anonymous visitor may see."""
    anonymous = RequestFactory().get("/")
    anonymous.user, anonymous.session = AnonymousUser(), {}
    return access.visible(anonymous, live_items())


@pytest.fixture
def members_first(make_item):
    """Eight members-only items using the word a lot and three public ones mentioning it once, listed long ago."""
    secret = [
        make_item("es", title=f"Trata {n}", summary="Trata, trata y trata.", visibility="members") for n in range(8)
    ]
    public = [make_item("es", title=f"Caso {n}", summary="Un caso de trata.") for n in range(3)]
    indexed_long_ago(*secret, *public)
    build()
    return secret, public


def stored(word):
    """``{item id: score}`` of the word's list."""
    row = WordScoreList.objects.get(word=word)
    ids = numpy.frombuffer(row.item_ids, dtype=word_scores.ID_TYPE).tolist()
    return dict(zip(ids, numpy.frombuffer(row.scores, dtype=word_scores.SCORE_TYPE).tolist(), strict=True))


def ranked(query, limit=10, queryset=None):
    backend = get_search_backend("default")
    return backend.ranked_matches(query, queryset or LibraryItemPage.objects.all(), limit)


def ranked_ids(query, limit=10, queryset=None):
    return [pk for pk, _score in ranked(query, limit, queryset)]


def scored_by_the_database(query, limit=10, queryset=None):
    """What the database scored with ``ts_rank`` for this query: ``None`` (nothing, the lists answered alone), the
    ids it was limited to, or :data:`EVERY_MATCH`."""
    with CaptureQueriesContext(connection) as captured:
        ranked(query, limit, queryset)
    statements = [query["sql"] for query in captured if "ts_rank" in query["sql"]]
    if not statements:
        return None
    (statement,) = statements
    found = re.search(r"unnest\('\{([\d,]+)\}'::", statement)
    return {int(pk) for pk in found.group(1).split(",")} if found else EVERY_MATCH


def every_match_scored(settings, query, limit=10):
    settings.ENLACE_SEARCH_WORD_SCORES = False
    try:
        return ranked(query, limit)
    finally:
        settings.ENLACE_SEARCH_WORD_SCORES = True


def assert_same_ranking(found, expected):
    """The same items in the same order, but for items whose scores are equal up to float rounding (the lists keep
    32-bit scores), which may trade places, or trade the last place for one another."""
    assert len(found) == len(expected)
    found_scores = dict(found)
    for (pk, score), (expected_pk, expected_score) in zip(found, expected, strict=True):
        assert score == pytest.approx(expected_score, rel=1e-5, abs=1e-9)
        if pk != expected_pk and expected_pk in found_scores:
            assert found_scores[expected_pk] == pytest.approx(expected_score, rel=1e-5, abs=1e-9)
    last = expected[-1][1] if expected else 0
    missing = {pk for pk, _score in expected} - set(found_scores)
    assert all(score == pytest.approx(last, rel=1e-5, abs=1e-9) for pk, score in expected if pk in missing)


def test_every_item_using_a_frequent_word_is_stored_with_its_score(postgresql, heavy_and_light, settings):
    heavy, light = heavy_and_light
    output = io.StringIO()

    assert word_scores.build(progress=lambda line: output.write(line + "\n")) >= 2

    trata = stored("trat")
    assert set(trata) == {item.pk for item in heavy + light}
    assert min(trata[item.pk] for item in heavy) > max(trata[item.pk] for item in light)
    # Each score is the one the database gives the item for that stem alone: "trata" is the mean of its stems' (the
    # Spanish "trat" and the English "trata", which these items lack).
    assert query_terms(WORD) == [{"trat", "trata"}]
    for pk, score in every_match_scored(settings, WORD):
        assert trata[pk] / 2 == pytest.approx(score, rel=1e-6)
    assert set(stored("extradicion")) == {item.pk for item in heavy + light}
    assert not WordScoreList.objects.filter(word="inform").exists()  # in two items only: not frequent
    assert "Scored" in output.getvalue()


def test_a_search_of_frequent_words_is_added_up_without_reading_the_matches(postgresql, heavy_and_light, settings):
    heavy, light = heavy_and_light
    build()

    for query in (WORD, f"{WORD} extradición"):
        assert scored_by_the_database(query) is None
        assert_same_ranking(ranked(query), every_match_scored(settings, query))
    assert set(ranked_ids(WORD, limit=2)) == {item.pk for item in heavy}


def test_a_list_is_read_once_until_it_is_written_again(postgresql, heavy_and_light, make_item, settings):
    """A process keeps the lists it read: the next search of the word reuses them, and a new build's lists (here
    with a third item using the word a lot) replace them at once."""
    build()
    first = word_scores.read_lists({"trat"})["trat"]
    assert word_scores.read_lists({"trat"})["trat"] is first

    third = make_item("es", title="Trata de personas 5", summary="Trata, trata y trata. Extradición.")
    build()
    again = word_scores.read_lists({"trat"})["trat"]

    assert again is not first
    assert dict(zip(again.ids.tolist(), again.scores.tolist(), strict=True)) == stored("trat")
    assert third.pk in set(ranked_ids(WORD, limit=3))


def test_a_query_scores_the_sum_of_its_words(postgresql, heavy_and_light, settings):
    build()

    each_word = [dict(every_match_scored(settings, word)) for word in (WORD, "extradición")]
    for scores in (dict(ranked(f"{WORD} extradición")), dict(every_match_scored(settings, f"{WORD} extradición"))):
        assert scores
        for pk, score in scores.items():
            assert score == pytest.approx(sum(word[pk] for word in each_word))


def test_a_rare_stem_of_a_word_is_scored_by_the_database(postgresql, heavy_and_light, make_item):
    # In English "trata" stays "trata"; the Spanish items have "trat", which is frequent.
    english = indexed_long_ago(make_item("en", title="Trata Trata Trata", summary="Trata, trata and trata."))[0]
    build()
    assert not WordScoreList.objects.filter(word="trata").exists()

    assert scored_by_the_database(WORD) == {english.pk}
    assert ranked_ids(WORD, limit=2)[0] == english.pk


def test_a_word_with_only_rare_stems_has_every_match_scored(postgresql, heavy_and_light):
    heavy, light = heavy_and_light
    build()

    assert scored_by_the_database("informe trata") == EVERY_MATCH
    assert set(ranked_ids("informe trata")) == {item.pk for item in light}


def test_an_item_published_after_the_build_is_scored_on_its_new_text(postgresql, heavy_and_light, make_item):
    heavy, light = heavy_and_light
    build()
    newer = make_item("es", title="Trata: trata interna, trata externa", summary=" ".join(["Trata."] * 12))
    rewritten = light[0]
    rewritten.title, rewritten.summary = "Trata, trata, trata", " ".join(["Trata de personas."] * 20)
    rewritten.save_revision().publish()

    assert scored_by_the_database(WORD) == {newer.pk, rewritten.pk}
    found = ranked_ids(WORD, limit=5)
    assert set(found[:2]) == {newer.pk, rewritten.pk}
    assert found[2:] == sorted((item.pk for item in heavy), reverse=True) + [light[1].pk]


def test_an_item_indexed_again_without_a_publication_is_scored_on_its_new_text(postgresql, heavy_and_light):
    """Saving a live page (a lock, a move, an alias converted) indexes it again without publishing it: its stored
    scores are stale, and the index has the text that counts."""
    heavy, light = heavy_and_light
    build()
    saved = LibraryItemPage.objects.get(pk=light[0].pk).specific
    published = saved.last_published_at
    saved.title = "Trata, trata, trata"
    saved.save()
    assert LibraryItemPage.objects.get(pk=saved.pk).last_published_at == published

    assert scored_by_the_database(WORD) == {saved.pk}
    assert ranked_ids(WORD, limit=1) == [saved.pk]


def test_too_many_items_published_since_the_build_turn_the_lists_off(postgresql, heavy_and_light, make_item):
    heavy, light = heavy_and_light
    build()
    for n in range(3):
        make_item("es", title=f"Nota {n}", summary="Nada que ver.")

    assert scored_by_the_database(WORD) == EVERY_MATCH
    assert set(ranked_ids(WORD, limit=4)) == {item.pk for item in heavy + light}


def test_a_stored_item_the_requester_may_not_see_is_never_found(postgresql, make_item):
    secret = make_item("es", title="Trata trata", summary="Trata, trata y trata.", visibility="members")
    public = [make_item("es", title=f"Caso {n}", summary="Trata.") for n in range(3)]
    indexed_long_ago(secret, *public)
    build()
    assert secret.pk in stored("trat")

    # What the search page asks the backend for an anonymous reader (search.service.LibrarySearch.best_matches).
    visible = candidates(anonymous_visible())

    assert scored_by_the_database(WORD, queryset=visible) is None
    for limit in (1, 10):
        found = ranked_ids(WORD, limit=limit, queryset=visible)
        assert found and secret.pk not in found
        assert set(found) <= {item.pk for item in public}


def test_a_reader_who_sees_few_of_the_best_items_still_gets_the_best_they_may_see(postgresql, members_first, settings):
    _secret, public = members_first
    visible = candidates(anonymous_visible())

    # The best items are all out of reach: the first batch finds none, the next reaches the public ones.
    found = ranked(WORD, limit=3, queryset=visible)
    settings.ENLACE_SEARCH_WORD_SCORES = False
    assert_same_ranking(found, ranked(WORD, limit=3, queryset=visible))
    assert {pk for pk, _score in found} == {item.pk for item in public}


def visibility_checks(query, queryset, **options):
    """The matches and the number of queries that checked their visibility (an ``IN`` over the ids found)."""
    backend = get_search_backend("default")
    with CaptureQueriesContext(connection) as captured:
        found = backend.ranked_matches(query, queryset, 3, fields=(), **options)
    checks = [sql["sql"] for sql in captured if "unnest(" in sql["sql"] and "ts_rank" not in sql["sql"]]
    return [(pk, score) for pk, score, _row in found], len(checks)


def test_a_reader_of_public_items_has_the_best_checked_in_one_query(postgresql, members_first):
    """The lists flag the items for members or groups: for a reader who sees only public items they are left out
    before the check, which finds the best public ones at once (the check still decides: see the leak tests)."""
    _secret, public = members_first
    visible = anonymous_visible()

    found, checks = visibility_checks(WORD, visible, public_only=True)
    unflagged, unflagged_checks = visibility_checks(WORD, visible)

    assert {pk for pk, _score in found} == {item.pk for item in public}
    assert_same_ranking(found, unflagged)
    assert (checks, unflagged_checks) == (1, 2)


def test_an_item_made_public_after_the_build_is_found_by_every_reader(postgresql, make_item):
    secret = make_item("es", title="Trata reservada", summary="Trata, trata y trata.", visibility="members")
    others = [make_item("es", title=f"Caso {n}", summary="Un caso de trata.") for n in range(3)]
    indexed_long_ago(secret, *others)
    build()
    assert set(stored("trat")) >= {secret.pk, *(item.pk for item in others)}
    secret.visibility = "public"
    secret.save_revision().publish()

    found, _checks = visibility_checks(WORD, anonymous_visible(), public_only=True)

    assert found[0][0] == secret.pk


def test_update_index_writes_the_lists_again(postgresql, heavy_and_light):
    output = io.StringIO()
    call_command("update_index", stdout=output)

    assert WordScoreList.objects.filter(word="trat").exists()
    assert "Scored" in output.getvalue()


def test_on_sqlite_nothing_is_stored_and_every_match_is_ranked(heavy_and_light):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite side")
    heavy, light = heavy_and_light

    assert build() == 0
    assert not WordScoreList.objects.exists()
    assert set(ranked_ids(WORD, limit=4)) == {item.pk for item in heavy + light}


def test_turning_the_lists_off_scores_every_match_again(postgresql, heavy_and_light, settings):
    heavy, light = heavy_and_light
    build()
    settings.ENLACE_SEARCH_WORD_SCORES = False

    assert scored_by_the_database(WORD) == EVERY_MATCH
    assert set(ranked_ids(WORD, limit=2)) == {item.pk for item in heavy}


def test_the_nightly_command_writes_the_lists_again(heavy_and_light):
    output = io.StringIO()
    call_command("score_frequent_words", stdout=output)

    if connection.vendor == "postgresql":
        assert WordScoreList.objects.filter(word="trat").exists()
        assert "Scored" in output.getvalue()
    else:
        assert "Nothing to do" in output.getvalue()


def test_drafts_are_not_stored(postgresql, heavy_and_light, make_item):
    draft = make_item("es", title="Trata trata trata", summary=" ".join(["Trata."] * 12), publish=False)

    build()

    assert draft.pk not in stored("trat")


def test_searches_find_the_same_items_in_the_same_order_as_scoring_every_match(postgresql, library, settings):
    """On a seeded library, for its frequent words alone and in pairs: the same items in the same order either way."""
    from django.core.management.base import OutputWrapper
    from django.core.management.color import no_style

    from home.management.commands.seed_demo import DemoReport
    from practices import scale

    settings.ENLACE_SEARCH_WORD_SCORES_MIN_ITEMS = 20
    scale.seed(DemoReport(OutputWrapper(io.StringIO()), no_style()), 60)
    indexed_long_ago(*LibraryItemPage.objects.all())
    build()
    words = list(WordScoreList.objects.order_by("word").values_list("word", flat=True)[:40:4])
    queries = words + [f"{first} {second}" for first, second in zip(words, words[1:] + words[:1], strict=True)]
    assert len(words) >= 5

    matched = 0
    for query in queries:
        assert scored_by_the_database(query, limit=25) is None, query
        expected = every_match_scored(settings, query, limit=25)
        assert_same_ranking(ranked(query, limit=25), expected)
        matched += bool(expected)
    assert matched >= len(words)  # each word alone matches, and so do most pairs


@pytest.mark.parametrize("role", ["anonymous", "applicant", "vetted_no_mfa", "member"])
def test_the_search_page_never_shows_a_stored_restricted_item_but_to_full_members(
    postgresql, role, make_item, working_group, as_role
):
    """The leak test of tests/search/test_never_leak.py, on the path of the lists: a frequent word whose best items
    are members-only and group-only (canaries in their titles), the lists built, then the page as each role."""
    canary, group_canary = "Zqxcanary", "Wyvgroupcanary"
    restricted = [
        make_item("es", title=f"Trata {canary} {n}", summary="Trata, trata y trata.", visibility="members")
        for n in range(3)
    ]
    restricted.append(
        make_item(
            "es",
            title=f"Trata {group_canary}",
            summary="Trata, trata y trata.",
            visibility="groups",
            restricted_to_groups=[working_group],
        )
    )
    public = [make_item("es", title=f"Caso {n}", summary="Un caso de trata.") for n in range(3)]
    indexed_long_ago(*restricted, *public)
    build()
    assert {item.pk for item in restricted} <= set(stored("trat"))
    client = as_role(role)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse_search(), {"q": WORD})

    assert not any("ts_rank" in query["sql"] and "practices_libraryitempage" in query["sql"] for query in captured)
    content = response.content.decode()
    assert group_canary not in content
    if role == "member":
        assert canary in content
        return
    assert canary not in content
    if response.status_code == 200:
        shown = {result.page.pk for result in response.context["search"].page.object_list}
        assert shown == {item.pk for item in public}


def reverse_search():
    from django.urls import reverse
    from django.utils import translation

    with translation.override("es"):
        return reverse("search:search")


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_the_search_page_finds_and_counts_the_same_matches_either_way(postgresql, library, settings, role, as_role):
    """On a seeded library (items of every visibility), the page on the lists' path shows the same results and
    facet counts as with every match scored, an item indexed after the build included; the query that checks the
    best items' visibility reads what the facets need, so they are not read again."""
    from django.core.cache import cache
    from django.core.management.base import OutputWrapper
    from django.core.management.color import no_style

    from home.management.commands.seed_demo import DemoReport
    from practices import scale

    settings.ENLACE_SEARCH_WORD_SCORES_MIN_ITEMS = 20
    scale.seed(DemoReport(OutputWrapper(io.StringIO()), no_style()), 60)
    indexed_long_ago(*LibraryItemPage.objects.all())
    build()
    query = WordScoreList.objects.order_by("word").values_list("word", flat=True)[0]
    late = LibraryItemPage.objects.filter(pk__in=stored(query), visibility="public").first().specific
    late.save()  # indexed again since the build: scored by the database, its row read with the others
    client = as_role(role)

    def page():
        cache.clear()  # nothing remembered from the other way
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse_search(), {"q": query})
        search = response.context["search"]
        shown = {(hit.is_event, hit.pk) for hit in search.hits}
        rows_read = [sql["sql"] for sql in captured if '"first_published_at"' in sql["sql"] and "unnest(" in sql["sql"]]
        return shown, search.facet_counts, rows_read

    shown, counts, rows_read = page()
    settings.ENLACE_SEARCH_WORD_SCORES = False
    expected_shown, expected_counts, expected_rows_read = page()

    assert (False, late.pk) in shown
    assert len(shown) > 10
    assert shown == expected_shown
    assert counts == expected_counts
    assert len(expected_rows_read) == 1  # every match scored, then the visible matches read once
    assert len(rows_read) == 1  # the visibility check of the best ids (the others flagged for an anonymous reader)
