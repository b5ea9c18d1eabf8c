"""Shortlists of frequent words (search/shortlists.py): a first search of frequent words ranks only the items that
use them the most, loses nothing when they are not enough, sees what was published since, and leaks nothing.

The shortlists are a PostgreSQL feature (SQLite's FTS5 ranks from its own index): those tests skip on SQLite.
"""

import io
import re
from datetime import timedelta

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
from search import shortlists
from search.models import FrequentWordShortlist
from search.service import candidates, live_items

pytestmark = pytest.mark.django_db

WORD = "trata"


@pytest.fixture(autouse=True)
def _small_shortlists(settings):
    """Words in 3 items or more are frequent; each shortlist keeps 2 items."""
    settings.ENLACE_SEARCH_SHORTLIST_MIN_ITEMS = 3
    settings.ENLACE_SEARCH_SHORTLIST_SIZE = 2


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("shortlists are built on PostgreSQL only")


@pytest.fixture
def heavy_and_light(make_item):
    """Two items that use the word a lot and two that mention it once (each also says "extradición" once)."""
    heavy = [
        make_item("es", title=f"Trata de personas {n}", summary="Trata, trata y trata. Extradición.") for n in (1, 2)
    ]
    light = [make_item("es", title=f"Informe {n}", summary="Un caso de trata. Extradición.") for n in (3, 4)]
    return published_long_ago(*heavy), published_long_ago(*light)


def published_long_ago(*items):
    """The items, as if published a month ago: before any shortlist a test writes."""
    LibraryItemPage.objects.filter(pk__in=[item.pk for item in items]).update(
        last_published_at=timezone.now() - timedelta(days=30)
    )
    return list(items)


def ranked_ids(query, limit, queryset=None):
    backend = get_search_backend("default")
    return [pk for pk, _score in backend.ranked_matches(query, queryset or LibraryItemPage.objects.all(), limit)]


def test_a_frequent_word_gets_the_items_that_use_it_most(postgresql, heavy_and_light):
    heavy, light = heavy_and_light
    output = io.StringIO()

    assert shortlists.build(progress=lambda line: output.write(line + "\n")) >= 2

    lists = dict(FrequentWordShortlist.objects.values_list("word", "item_ids"))
    assert sorted(lists["trat"]) == sorted(item.pk for item in heavy)
    assert "extradicion" in lists  # in every item, used once each: any two of them
    assert "inform" not in lists  # in two items only: not frequent
    assert "Shortlisted" in output.getvalue()


def ranked_candidates(query, limit):
    """The ids the ranked statement was limited to (its ``unnest('{…}'::…)``), or ``None``."""
    with CaptureQueriesContext(connection) as captured:
        ranked_ids(query, limit)
    statement = next(query["sql"] for query in captured if "ts_rank" in query["sql"])
    found = re.search(r"unnest\('\{([\d,]+)\}'::", statement)
    return {int(pk) for pk in found.group(1).split(",")} if found else None


def test_the_shortlisted_items_are_ranked_when_they_give_enough_matches(postgresql, heavy_and_light):
    heavy, light = heavy_and_light
    shortlists.build(progress=lambda line: None)

    # Only the shortlisted items are read and ranked (what makes a first search of frequent words fast)…
    assert ranked_candidates(WORD, limit=2) == {item.pk for item in heavy}
    assert set(ranked_ids(WORD, limit=2)) == {item.pk for item in heavy}
    # …but asked for more than they give, every match is ranked: nothing is lost.
    assert set(ranked_ids(WORD, limit=4)) == {item.pk for item in heavy + light}


def test_a_query_of_several_words_ranks_every_match(postgresql, heavy_and_light):
    heavy, light = heavy_and_light
    shortlists.build(progress=lambda line: None)

    # Both words are frequent, but items using both close together are on neither list: every match is ranked.
    assert ranked_candidates(f"{WORD} extradición", limit=2) is None
    assert set(ranked_ids(f"{WORD} extradición", limit=4)) == {item.pk for item in heavy + light}


def test_every_match_of_a_rare_stem_of_the_word_is_ranked(postgresql, heavy_and_light, make_item):
    heavy, light = heavy_and_light
    # In English "trata" stays "trata"; the Spanish items have "trat", which is frequent.
    english = published_long_ago(make_item("en", title="Trata Trata Trata", summary="Trata, trata and trata."))[0]
    shortlists.build(progress=lambda line: None)
    assert not FrequentWordShortlist.objects.filter(word="trata").exists()

    assert english.pk in ranked_candidates(WORD, limit=2)
    assert ranked_ids(WORD, limit=2)[0] == english.pk


def test_an_item_published_after_the_build_is_ranked(postgresql, heavy_and_light, make_item):
    shortlists.build(progress=lambda line: None)
    newer = make_item("es", title="Trata: trata interna, trata externa", summary=" ".join(["Trata."] * 12))

    assert newer.pk in shortlists.candidates([{"trat"}])
    assert ranked_ids(WORD, limit=2)[0] == newer.pk


def test_too_many_items_published_since_the_build_turn_the_shortlists_off(postgresql, heavy_and_light, make_item):
    heavy, light = heavy_and_light
    shortlists.build(progress=lambda line: None)
    for n in range(3):
        make_item("es", title=f"Nota {n}", summary="Nada que ver.")

    assert shortlists.candidates([{"trat"}]) is None
    assert set(ranked_ids(WORD, limit=4)) == {item.pk for item in heavy + light}


def test_a_shortlisted_item_the_requester_may_not_see_is_never_ranked(postgresql, make_item):
    secret = make_item("es", title="Trata trata", summary="Trata, trata y trata.", visibility="members")
    public = [make_item("es", title=f"Caso {n}", summary="Trata.") for n in range(3)]
    published_long_ago(secret, *public)
    shortlists.build(progress=lambda line: None)
    assert secret.pk in FrequentWordShortlist.objects.get(word="trat").item_ids

    anonymous = RequestFactory().get("/")
    anonymous.user, anonymous.session = AnonymousUser(), {}

    # What the search page asks the backend for an anonymous reader (search.service.LibrarySearch.best_matches).
    found = ranked_ids(WORD, limit=1, queryset=candidates(access.visible(anonymous, live_items())))

    assert found and secret.pk not in found
    assert set(found) <= {item.pk for item in public}


def test_update_index_writes_the_shortlists_again(postgresql, heavy_and_light):
    output = io.StringIO()
    call_command("update_index", stdout=output)

    assert FrequentWordShortlist.objects.filter(word="trat").exists()
    assert "Shortlisted" in output.getvalue()


def test_on_sqlite_nothing_is_shortlisted_and_every_match_is_ranked(heavy_and_light):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite side")
    heavy, light = heavy_and_light

    assert shortlists.build(progress=lambda line: None) == 0
    assert not FrequentWordShortlist.objects.exists()
    assert set(ranked_ids(WORD, limit=4)) == {item.pk for item in heavy + light}


def test_turning_the_shortlists_off_ranks_every_match_again(postgresql, heavy_and_light, settings):
    heavy, light = heavy_and_light
    shortlists.build(progress=lambda line: None)
    settings.ENLACE_SEARCH_SHORTLISTS = False

    assert ranked_candidates(WORD, limit=2) is None
    assert set(ranked_ids(WORD, limit=2)) == {item.pk for item in heavy}


def test_the_nightly_command_writes_the_shortlists_again(heavy_and_light):
    output = io.StringIO()
    call_command("shortlist_frequent_words", stdout=output)

    if connection.vendor == "postgresql":
        assert FrequentWordShortlist.objects.filter(word="trat").exists()
        assert "Shortlisted" in output.getvalue()
    else:
        assert "Nothing to do" in output.getvalue()


def test_drafts_take_no_place_on_a_shortlist(postgresql, heavy_and_light, make_item):
    heavy, light = heavy_and_light
    draft = make_item("es", title="Trata trata trata", summary=" ".join(["Trata."] * 12), publish=False)

    shortlists.build(progress=lambda line: None)

    assert draft.pk not in FrequentWordShortlist.objects.get(word="trat").item_ids


def test_a_one_word_search_finds_the_same_best_items_as_ranking_every_match(postgresql, library, settings):
    """On a seeded library, for its most frequent words: the same best items, in the same order, either way."""
    from django.core.management.base import OutputWrapper
    from django.core.management.color import no_style

    from home.management.commands.seed_demo import DemoReport
    from practices import scale
    from search.analysis import query_terms

    settings.ENLACE_SEARCH_SHORTLIST_MIN_ITEMS, settings.ENLACE_SEARCH_SHORTLIST_SIZE = 20, 10
    scale.seed(DemoReport(OutputWrapper(io.StringIO()), no_style()), 60)
    published_long_ago(*LibraryItemPage.objects.all())
    shortlists.build(progress=lambda line: None)
    words = list(FrequentWordShortlist.objects.order_by("word").values_list("word", flat=True))
    queries = [word for word in words if shortlists.candidates(query_terms(word)) is not None][:12]
    assert len(queries) >= 5

    for query in queries:
        assert ranked_candidates(query, limit=10) is not None
        shortlisted = ranked_ids(query, limit=10)
        settings.ENLACE_SEARCH_SHORTLISTS = False
        assert shortlisted == ranked_ids(query, limit=10), query
        settings.ENLACE_SEARCH_SHORTLISTS = True
