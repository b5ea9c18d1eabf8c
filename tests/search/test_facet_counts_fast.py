"""A first search applies the visibility rule once, then counts over the ids it let through: the counts and the
results must be exactly those of the visible matching items, for every audience and any chosen facets."""

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

PARAMS = ("country", "crime_type", "theme", "kind", "language", "year")
# Who sees which visibility level (items restricted to another group are seen by none of them).
SEES = {
    "anonymous": {"public"},
    "applicant": {"public"},
    "member": {"public", "members"},
    "group_member": {"public", "members", "working_group"},
}
# (language, kind, visibility, countries, crime types, themes, year), each about "trata" unless said otherwise.
CORPUS = [
    ("es", "case_study", "public", ["MX"], ["trafficking_in_persons"], ["case_management"], 2020),
    ("es", "good_practice", "public", ["MX", "GT"], [], ["mla_tools"], 2021),
    ("en", "case_study", "public", ["GT"], ["smuggling_of_migrants"], ["case_management", "mla_tools"], 2020),
    ("es", "case_study", "members", ["MX"], ["trafficking_in_persons"], ["case_management"], 2019),
    ("en", "good_practice", "members", ["MX", "SV"], [], ["victim_witness_protection"], 2020),
    ("es", "case_study", "working_group", ["MX"], ["smuggling_of_migrants"], ["mla_tools"], 2018),
    ("es", "good_practice", "working_group", ["GT"], [], ["case_management"], 2020),
    ("es", "case_study", "other_group", ["MX", "GT"], ["trafficking_in_persons"], ["case_management"], 2020),
    ("en", "case_study", "other_group", ["SV"], [], ["mla_tools"], 2017),
]


@pytest.fixture
def corpus(make_item, working_group):
    """The items of :data:`CORPUS` (each with its facet values), plus a visible item the query does not match."""
    from django.contrib.auth.models import Group

    other_group = Group.objects.create(name="Another working group")
    groups = {"working_group": [working_group], "other_group": [other_group]}
    items = []
    for n, (language, kind, visibility, countries, crime_types, themes, year) in enumerate(CORPUS):
        make_item(
            language,
            kind=kind,
            title=f"Trata de personas, expediente {n}",
            summary="Investigación de trata.",
            visibility="groups" if visibility in groups else visibility,
            restricted_to_groups=groups.get(visibility),
            countries=countries,
            crime_types=crime_types,
            themes=themes,
            year=year,
        )
        values = {"country": countries, "crime_type": crime_types, "theme": themes}
        values.update(kind=[kind], language=[language], year=[str(year)])
        items.append((visibility, {param: set(chosen) for param, chosen in values.items()}))
    make_item("es", title="Extradición pasiva", summary="Cooperación judicial.", countries=["MX"], year=2020)
    return items


def expected_counts(items, role, chosen):
    """Each facet counted directly over the items the role may see, with every *other* chosen facet applied."""
    visible = [values for visibility, values in items if visibility in SEES[role]]

    def passes(values, skip=None):
        return all(values[param] & set(wanted) for param, wanted in chosen.items() if param != skip)

    counts = {
        param: dict(Counter(value for values in visible if passes(values, skip=param) for value in values[param]))
        for param in PARAMS
    }
    for param, wanted in chosen.items():
        for value in wanted:
            counts[param].setdefault(value, 0)  # a chosen value stays listed, with its count
    return counts, sum(passes(values) for values in visible)


def searched(client, params):
    with translation.override("es"):
        response = client.get(reverse("search:search"), params)
    assert response.status_code == 200
    search = response.context["search"]
    return {facet.param: {o.value: o.count for o in facet.options} for facet in search.facets}, search.total


@pytest.mark.parametrize("role", list(SEES))
@pytest.mark.parametrize(
    "chosen",
    [
        {},
        {"country": ["MX"]},
        {"country": ["MX", "GT"], "theme": ["case_management"]},
        {"theme": ["case_management", "mla_tools"], "year": ["2020"], "kind": ["case_study"]},
        {"language": ["es"], "crime_type": ["trafficking_in_persons"]},
    ],
)
def test_counts_and_results_are_those_of_the_visible_matching_items(role, chosen, corpus, as_role):
    counts, total = searched(as_role(role), {"q": "trata", **chosen})

    assert (counts, total) == expected_counts(corpus, role, chosen)


def test_the_counts_never_repeat_the_visibility_rule(client, corpus):
    """Applied once to the matched ids; the taxonomy facets are then counted in one query over the relation tables,
    without the join of items and pages."""
    with CaptureQueriesContext(connection) as captured:
        counts, _ = searched(client, {"q": "trata", "country": "MX"})

    count_queries = [query["sql"] for query in captured if "COUNT(" in query["sql"]]
    assert len(count_queries) == 1  # country, crime type and theme; the column facets come from the visible matches
    for table in ("countries", "crime_types", "themes"):
        assert f"practices_libraryitempage_{table}" in count_queries[0]
    assert "visibility" not in count_queries[0]
    assert counts["country"] == {"MX": 2, "GT": 2}


def test_the_counts_follow_an_editor_who_files_an_item_elsewhere(client, make_item):
    """The facets count each item under the taxonomy terms its last publication gave it (the publication drops the
    counts the first search remembered)."""
    from network.models import Country
    from practices.models import Theme

    item = make_item("es", title="Trata en la frontera", summary="Trata.", countries=["MX"], themes=["mla_tools"])
    before, _ = searched(client, {"q": "trata"})

    item.countries = [Country.objects.get(code="GT"), Country.objects.get(code="SV")]
    item.themes = [Theme.objects.get(slug="case_management")]
    item.save_revision().publish()
    after, _ = searched(client, {"q": "trata"})  # the same search again

    assert (before["country"], before["theme"]) == ({"MX": 1}, {"mla_tools": 1})
    assert (after["country"], after["theme"]) == ({"GT": 1, "SV": 1}, {"case_management": 1})
