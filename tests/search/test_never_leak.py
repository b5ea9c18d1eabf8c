"""Never leak: no search, facet count, snippet or suggestion shows restricted items or directory entries to
anonymous visitors, applicants or vetted members without MFA; full members find them; named groups stay named."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

CANARY = "Zqxcanary"
GROUP_CANARY = "Wyvgroupcanary"
NOT_FULL_MEMBERS = ["anonymous", "applicant", "vetted_no_mfa"]


def url(name):
    with translation.override("es"):
        return reverse(name)


@pytest.fixture
def seeded(make_item, working_group):
    """A public case, a members-only case and a group-only case (with canaries), and a listed directory entry."""
    from members.factories import MembershipFactory

    make_item("es", title="Caso público de trata", summary="Trata de personas en México.", countries=["MX"])
    make_item(
        "es",
        title=f"Caso {CANARY} de trata",
        summary=f"Trata de personas: expediente {CANARY} reservado.",
        countries=["BZ"],
        year=1999,
        visibility="members",
    )
    make_item(
        "es",
        title=f"Caso {GROUP_CANARY} de trata",
        summary=f"Trata de personas: expediente {GROUP_CANARY}.",
        countries=["BZ"],
        visibility="groups",
        restricted_to_groups=[working_group],
    )
    MembershipFactory(
        vetted=True,
        user__email="listed@example.org",
        user__first_name="Elena",
        user__last_name=CANARY,
        position="Fiscal de trata",
        consent_listed=True,
    )


def answered(response):
    """The search answered the page (vetted members without MFA are sent to set it up first: nothing shown)."""
    if response.status_code == 302:
        assert CANARY.lower() not in response.url.lower().replace("q%3dzqxcanary", "")
        assert response.content == b""
        return False
    assert response.status_code == 200
    return True


def facet_values(response, param):
    return {o.value: o.count for f in response.context["search"].facets if f.param == param for o in f.options}


@pytest.mark.parametrize("role", NOT_FULL_MEMBERS)
def test_search_never_shows_restricted_items_or_directory(role, seeded, as_role):
    client = as_role(role)

    for query in ("zqxcanary", "trata", "reservado", "elena"):
        response = client.get(url("search:search"), {"q": query})
        content = response.content.decode()
        assert CANARY not in content and GROUP_CANARY not in content
        if not answered(response):
            continue
        assert CANARY not in content and GROUP_CANARY not in content
        assert all(r.page.visibility == "public" for r in response.context["search"].page.object_list)
        assert response.context["search"].directory_results == []


@pytest.mark.parametrize("role", NOT_FULL_MEMBERS)
def test_facet_counts_never_count_restricted_items(role, seeded, as_role):
    client = as_role(role)

    browse = client.get(url("search:search"))
    query = client.get(url("search:search"), {"q": "trata"})

    for response in (browse, query):
        if not answered(response):
            return
        assert response.context["search"].total == 1
        assert facet_values(response, "country") == {"MX": 1}
        assert "1999" not in facet_values(response, "year")
    narrowed = client.get(url("search:search"), {"q": "trata", "country": "BZ"})
    assert narrowed.context["search"].total == 0
    assert facet_values(narrowed, "country") == {"MX": 1, "BZ": 0}


@pytest.mark.parametrize("role", NOT_FULL_MEMBERS)
def test_autocomplete_never_suggests_restricted_titles(role, seeded, as_role):
    client = as_role(role)

    for prefix in ("zqx", "caso", "wyv", "cas"):
        response = client.get(url("search:autocomplete"), {"q": prefix})
        assert CANARY not in response.content.decode() and GROUP_CANARY not in response.content.decode()
        if not answered(response):
            return
        assert not any(CANARY in title or GROUP_CANARY in title for title in response.json()["suggestions"])
    assert client.get(url("search:autocomplete"), {"q": "caso"}).json()["suggestions"] == ["Caso público de trata"]


def test_full_member_finds_members_only_items_and_directory_entries_privately(seeded, member_client):
    response = member_client.get(url("search:search"), {"q": "zqxcanary"})

    titles = [r.page.title for r in response.context["search"].page.object_list]
    assert titles == [f"Caso {CANARY} de trata"]
    assert [entry.name for entry in response.context["search"].directory_results] == [f"Elena {CANARY}"]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert GROUP_CANARY not in response.content.decode()
    suggestions = member_client.get(url("search:autocomplete"), {"q": "zqx"}).json()["suggestions"]
    assert suggestions == [f"Caso {CANARY} de trata"]


def test_group_items_only_for_members_of_the_group(seeded, group_member_client):
    response = group_member_client.get(url("search:search"), {"q": "wyvgroupcanary"})

    assert [r.page.title for r in response.context["search"].page.object_list] == [f"Caso {GROUP_CANARY} de trata"]
    assert facet_values(group_member_client.get(url("search:search"), {"q": "trata"}), "country") == {"MX": 1, "BZ": 2}


def test_anonymous_answer_is_not_marked_private(seeded, client):
    response = client.get(url("search:search"), {"q": "trata"})

    assert "no-store" not in response.get("Cache-Control", "")
