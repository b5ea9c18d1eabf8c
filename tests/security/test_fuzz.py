"""Fuzz: whatever a visitor or a member puts in a form or a query string, the site answers without a 5xx.

Pages and forms are discovered from the URL resolver and the pages' own HTML (tests/security/probing.py), so new
ones are fuzzed without being listed here.
"""

from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.probing import probe_forms, probe_paths, submit

pytestmark = pytest.mark.django_db

EDGE_VALUES = [
    "",
    " ",
    "0",
    "-1",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "../../etc/passwd",
    "%00",
    "\x00",
    "' OR 1=1 --",
    "${7*7}{{7*7}}",
    "a" * 5000,
    "🙂" * 50,
    "[]",
    "{}",
    "es",
    "zz",
]
values = st.one_of(st.sampled_from(EDGE_VALUES), st.text(max_size=60))
COMMON_PARAMETERS = ["q", "page", "sort", "order", "country", "need", "language", "kind", "type", "year", "format"]
FUZZ_SETTINGS = settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), database=None)


def get_parameters(forms):
    """Query parameter names worth fuzzing: the common ones plus every field of every GET form."""
    names = set(COMMON_PARAMETERS)
    for form in forms:
        if form.method == "get":
            names.update(form.fields)
    return sorted(names)


def assert_no_server_errors(client):
    paths = [path for path in probe_paths(client) if "?" not in path]
    forms = probe_forms(client, paths)
    parameters = get_parameters(forms)

    @FUZZ_SETTINGS
    @given(value=values, parameter=st.sampled_from(parameters))
    def query_strings(value, parameter):
        for path in paths:
            response = client.get(path, {parameter: value})
            assert response.status_code < 500, f"GET {path}?{parameter}=… answered {response.status_code}"

    @FUZZ_SETTINGS
    @given(value=values)
    def forms_with_any_text(value):
        for form in forms:
            response = submit(client, form, value)
            assert response.status_code < 500, f"{form.method.upper()} {urlsplit(form.action).path} answered 5xx"

    query_strings()
    forms_with_any_text()


def test_anonymous_input_never_causes_a_server_error(client, home_pages):
    assert_no_server_errors(client)


def test_member_input_never_causes_a_server_error(member_client, home_pages):
    assert_no_server_errors(member_client)
