"""Backend selection, the Elasticsearch index we generate (checked without a cluster), the fallback to the database
when Elasticsearch cannot answer, and live Elasticsearch tests when ``ELASTICSEARCH_URL`` is set."""

import io
import json
import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from modelsearch.query import PlainText

from search.analysis import analyse, query_terms

CLOSED_PORT_URL = "http://127.0.0.1:9"


def es_backend_config(url):
    return {
        "default": settings.WAGTAILSEARCH_BACKENDS["default"],
        "elasticsearch": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [url],
            "INDEX_PREFIX": "enlace_test_",
            "TIMEOUT": 2,
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
        },
    }


def settings_with_env(**env):
    """The search settings as ``config.settings.base`` derives them from this environment."""
    code = (
        "import json, config.settings.base as s; print(json.dumps([s.ENLACE_SEARCH_BACKEND, s.WAGTAILSEARCH_BACKENDS]))"
    )
    environment = {k: v for k, v in os.environ.items() if k != "ELASTICSEARCH_URL"} | env
    output = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True)
    return json.loads(output.stdout)


def test_without_elasticsearch_url_only_the_database_backend_is_configured():
    chosen, backends = settings_with_env()

    assert chosen == "default"
    assert backends == {"default": {"BACKEND": "search.backends.database"}}


def test_elasticsearch_url_adds_a_short_timeout_backend_and_selects_it():
    chosen, backends = settings_with_env(ELASTICSEARCH_URL="https://search.internal:9200")

    assert chosen == "elasticsearch"
    assert backends["default"] == {"BACKEND": "search.backends.database"}
    assert backends["elasticsearch"]["URLS"] == ["https://search.internal:9200"]
    assert backends["elasticsearch"]["TIMEOUT"] <= 3
    assert backends["elasticsearch"]["OPTIONS"]["max_retries"] == 0


def test_documents_are_analysed_in_their_language_and_queries_in_both():
    assert analyse("Extradiciones e investigaciones financieras", "es") == "extradicion investig financ"
    assert analyse("Interviewing victims", "en") == "interview victim"
    assert query_terms("interviewing") == [{"interview", "interviewing"}]
    assert query_terms("la extradición") == [{"extradicion"}]


@pytest.fixture
def es_backend(db):
    from wagtail.search.backends import get_search_backend

    with override_settings(WAGTAILSEARCH_BACKENDS=es_backend_config(CLOSED_PORT_URL)):
        yield get_search_backend("elasticsearch")


def test_index_settings_define_spanish_and_english_analyzers_with_ascii_folding(es_backend):
    analysis = es_backend.settings["settings"]["analysis"]

    for name, language in (("enlace_es", "light_spanish"), ("enlace_en", "light_english")):
        analyzer = analysis["analyzer"][name]
        assert "asciifolding" in analyzer["filter"] and "lowercase" in analyzer["filter"]
        stemmers = [analysis["filter"].get(f, {}).get("language") for f in analyzer["filter"]]
        assert language in stemmers


def test_every_text_field_is_indexed_in_spanish_with_an_english_subfield(es_backend):
    from practices.models import CaseStudyPage

    properties = es_backend.mapping_class(CaseStudyPage).get_mapping()["properties"]

    summary = properties["practices_libraryitempage__summary"]
    assert summary["analyzer"] == "enlace_es"
    assert summary["fields"]["en"]["analyzer"] == "enlace_en"
    assert properties["_all_text"]["fields"]["en"]["analyzer"] == "enlace_en"
    countries = properties["practices_libraryitempage__countries"]["properties"]
    assert all(field["fields"]["en"]["analyzer"] == "enlace_en" for field in countries.values())
    assert properties["_edgengrams"]["analyzer"] == "edgengram_analyzer"


def test_queries_match_both_language_analyses(es_backend):
    from practices.models import LibraryItemPage

    compiler = es_backend.query_compiler_class(LibraryItemPage.objects.live(), PlainText("extradicion"))
    query = json.dumps(compiler.get_query())

    assert '"_all_text"' in query and '"_all_text.en"' in query


def test_page_answers_from_the_database_when_elasticsearch_is_unreachable(client, make_item, make_event):
    make_item("es", title="Extradición de un tratante", summary="Cooperación con Guatemala.")
    make_event(title="Curso sobre extradición", summary="Cooperación.")
    with translation.override("en"):
        url = reverse("search:search")

    with override_settings(
        WAGTAILSEARCH_BACKENDS=es_backend_config(CLOSED_PORT_URL), ENLACE_SEARCH_BACKEND="elasticsearch"
    ):
        started = time.monotonic()
        response = client.get(url, {"q": "extradicion"})
        elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert response.context["search"].degraded
    titles = [r.page.title for r in response.context["search"].page.object_list]
    assert sorted(titles) == ["Curso sobre extradición", "Extradición de un tratante"]
    assert "may be incomplete" in response.content.decode()
    assert "no-store" in response["Cache-Control"]  # an incomplete answer is never cached
    assert elapsed < 5


live = pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="needs a live cluster (ELASTICSEARCH_URL)")


@live
def test_live_cluster_finds_accent_and_inflection_variants(client, make_item, make_event):
    from django.core.management import call_command

    config = es_backend_config(os.environ["ELASTICSEARCH_URL"])
    with override_settings(WAGTAILSEARCH_BACKENDS=config, ENLACE_SEARCH_BACKEND="elasticsearch"):
        make_item("es", title="Extradición de un tratante", summary="Investigaciones financieras.")
        make_item("en", title="Victim interview protocol", summary="Interview guide.")
        make_event(title="Curso sobre extradiciones", summary="Cooperación.")
        call_command("update_index", backend="elasticsearch", stdout=io.StringIO())
        with translation.override("es"):
            url = reverse("search:search")
        for query, title in [
            ("extradicion", "Extradición de un tratante"),
            ("investigación financiera", "Extradición de un tratante"),
            ("interviewing", "Victim interview protocol"),
            ("extradicion", "Curso sobre extradiciones"),
        ]:
            response = client.get(url, {"q": query})
            assert not response.context["search"].degraded
            assert title in [r.page.title for r in response.context["search"].page.object_list]
