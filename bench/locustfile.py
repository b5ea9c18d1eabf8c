"""Load scenarios for bench/run.py (locust, headless): anonymous readers of public pages, members searching.

Anonymous readers carry no cookie, as a visitor's first request does, so they meet the anonymous page cache;
members send a session cookie of a real sign-in (password and TOTP) made by bench/run.py, one per simulated user.
"""

import itertools
import json
import os
import random

from locust import HttpUser, between, task


def public_pages():
    """The public URLs bench/run.py measured (home, listing with facets, a case study, search), plus /en/."""
    with open(os.environ["BENCH_URLS"]) as file:
        return [*json.load(file), "/en/"]


PUBLIC_PAGES = public_pages() if os.environ.get("BENCH_URLS") else ["/es/", "/en/"]
SEARCHES = ["entrega vigilada", "extradición", "cooperación internacional", "victim interview", "trata de personas"]


class AnonymousReader(HttpUser):
    """A visitor reading the public site: home, library listings with facets, a case study, a search."""

    wait_time = between(0, 0.05)

    def on_start(self):
        self.client.cookies.clear()

    @task
    def read(self):
        self.client.get(random.choice(PUBLIC_PAGES), name="public pages")


def load_sessions():
    """Session cookies of real sign-ins and the search page's path (reversed under Spanish by bench/run.py)."""
    with open(os.environ["BENCH_SESSIONS"]) as file:
        saved = json.load(file)
    if isinstance(saved, list):  # written by an older bench/run.py
        saved = {"sessions": saved}
    return itertools.cycle(saved["sessions"]), saved.get("search_path", "/es/buscar/")


SESSIONS, SEARCH_PATH = load_sessions() if os.environ.get("BENCH_SESSIONS") else (iter(()), "/es/buscar/")


class MemberSearcher(HttpUser):
    """A full member searching the library (results include members-only items; never cached)."""

    wait_time = between(0, 0.1)

    def on_start(self):
        self.client.cookies.set("sessionid", next(SESSIONS))

    @task
    def search(self):
        self.client.get(SEARCH_PATH, params={"q": random.choice(SEARCHES)}, name="member searches")
