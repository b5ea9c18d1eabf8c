"""PostgreSQL dates read by psycopg's compiled loader (home/database.py) are the dates Django's own loader reads."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import register_tzloader

from home.database import LOADER
from practices.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db

MEXICO = zoneinfo.ZoneInfo("America/Mexico_City")
# Before the epoch, microseconds, Mexico's last summer of daylight saving time (2022), a leap day, far ahead.
INSTANTS = [
    datetime.datetime(1969, 7, 20, 20, 17, 40, 123456, tzinfo=datetime.UTC),
    datetime.datetime(2022, 7, 15, 12, 30, tzinfo=MEXICO),
    datetime.datetime(2024, 2, 29, 23, 59, 59, 999999, tzinfo=MEXICO),
    datetime.datetime(2099, 12, 31, 12, tzinfo=datetime.UTC),
]


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's date loader")


def read(cursor):
    cursor.execute(
        "SELECT moment FROM unnest(%s::timestamptz[]) AS moment UNION ALL SELECT NULL::timestamptz", [INSTANTS]
    )
    return [row[0] for row in cursor.fetchall()]


def test_dates_read_with_the_compiled_loader_are_those_django_reads(postgresql):
    with connection.cursor() as cursor:
        assert cursor.adapters.get_loader(1184, 0) is LOADER  # timestamptz, text
        ours = read(cursor)
    with connection.cursor() as cursor:
        register_tzloader(connection.timezone, cursor)  # Django's own loader, as it registers it
        djangos = read(cursor)
    assert ours == djangos == [*INSTANTS, None]
    assert [moment.tzinfo for moment in ours[:-1]] == [datetime.UTC] * len(INSTANTS)


def test_a_page_keeps_its_publication_date_to_the_microsecond():
    published = datetime.datetime(2025, 3, 9, 2, 30, 15, 250001, tzinfo=MEXICO)
    item = CaseStudyPageFactory(first_published_at=published)
    item.refresh_from_db()
    assert item.first_published_at == published
    assert item.first_published_at.tzinfo is datetime.UTC
