"""``seed_demo --practices N`` writes the search index in bulk (practices/scale.py); the rows must be exactly the
ones Wagtail's own indexer writes through our analysing backend (search/backends/database.py), on SQLite and on
PostgreSQL, or the benchmark would measure search over an index the site never has."""

import io

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import OutputWrapper
from django.core.management.color import no_style
from django.db import connection

from home.management.commands.seed_demo import DemoReport
from practices import scale
from practices.models import CaseStudyPage, GoodPracticePage, LibraryItemPage


def seed_items(count):
    """The scale step alone (the library indexes come from the ``library`` fixture, the terms from migrations)."""
    report = DemoReport(OutputWrapper(io.StringIO()), no_style())
    scale.seed(report, count)
    return report


def index_rows(models=(CaseStudyPage, GoodPracticePage), prefix="scale-practice-"):
    """Every index row of the scale pages, as text (PostgreSQL's vectors in their canonical text form)."""
    ids = [
        str(pk) for model in models for pk in model.objects.filter(slug__startswith=prefix).values_list("pk", flat=True)
    ]
    types = [ContentType.objects.get_for_model(model).pk for model in models]
    if connection.vendor == "postgresql":
        columns = "title::text, autocomplete::text, body::text, title_text, body_text"
    else:
        columns = "title, autocomplete, body"
    placeholders = ", ".join(["%s"] * len(ids)), ", ".join(["%s"] * len(types))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT content_type_id, object_id, {columns}, title_norm FROM wagtailsearch_indexentry "  # noqa: S608
            "WHERE object_id IN ({}) AND content_type_id IN ({}) ORDER BY content_type_id, object_id".format(
                *placeholders
            ),
            [*ids, *types],
        )
        rows = cursor.fetchall()
    return {row[:2]: (row[2:-1], round(row[-1], 9)) for row in rows}


def texts(rows):
    return {key: columns for key, (columns, _norm) in rows.items()}


def norms(rows):
    return {key: norm for key, (_columns, norm) in rows.items()}


def test_bulk_index_rows_are_the_ones_wagtails_update_index_writes(library, capsys):
    from wagtail.search.backends import get_search_backend

    seed_items(12)
    assert scale.SHORTCUTS["trusted"], capsys.readouterr().err  # the fast path was taken, not the fallback
    bulk = index_rows()
    # The title norms depend on the whole index (average title length) at the time they are computed: they must
    # be what Wagtail's own full refresh computes now, not the 1.0 rows start with.
    get_search_backend().get_index_for_model(CaseStudyPage)._refresh_title_norms(full=True)
    refreshed = index_rows()

    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())  # Wagtail's indexer, every row again
    normal = index_rows()

    assert len(bulk) == 12
    assert all(columns[2] for columns in texts(bulk).values())  # bodies of case-study length, not empty
    assert texts(bulk) == texts(normal)
    assert norms(bulk) == norms(refreshed)
    assert 1.0 not in norms(bulk).values()


def test_bulk_index_rows_of_scale_events_are_wagtails_too(home_pages):
    from events import scale as events_scale
    from events.models import EventPage

    events_scale.seed(DemoReport(OutputWrapper(io.StringIO()), no_style()), 6)
    bulk = index_rows((EventPage,), "scale-event-")

    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())

    assert len(bulk) == 6
    assert texts(bulk) == texts(index_rows((EventPage,), "scale-event-"))


def test_the_fast_path_checks_itself_and_falls_back_to_the_indexer(library, capsys):
    from wagtail.search.backends import get_search_backend

    seed_items(3)
    backend = get_search_backend()
    writer = scale.bulk_writer(backend)
    page = LibraryItemPage.objects.filter(slug__startswith="scale-practice-").first().specific
    page._analysed = {"summary": "not what the indexer makes of the summary"}
    try:
        (row,) = scale.index_rows(type(page), [page], backend, writer)
        assert not scale.SHORTCUTS["trusted"]
    finally:
        scale.SHORTCUTS["trusted"] = True
    del page._analysed

    (expected,) = scale.index_rows(type(page), [page], backend, writer)
    assert row == expected
    assert "indexing the slow way" in capsys.readouterr().err
