"""The site chrome every page shares (search box, main navigation, footer), rendered once and reused.

The reuse must never show one reader's header to another: a visitor after a member, a member after a visitor, the
home link marked on the home page only, the search box showing a query only on the search page that was asked.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

pytestmark = pytest.mark.django_db


def nav(html):
    start = html.index('<nav class="site-nav"')
    return html[start : html.index("</nav>", start)]


def search_box(html):
    start = html.index('<form class="search-box"')
    return html[start : html.index("</form>", start)]


def test_a_visitor_after_a_member_gets_the_sign_in_links_not_the_members(member_client, home_pages):
    visitor = Client()
    for _ in range(2):
        member = nav(member_client.get("/es/").content.decode())
        anonymous = nav(visitor.get("/es/").content.decode())
        assert "Cerrar sesión" in member and reverse("account_logout") in member
        assert "Cerrar sesión" not in anonymous and reverse("account_logout") not in anonymous
        assert reverse("account_login") in anonymous


def test_the_home_link_is_marked_current_on_the_home_page_only(client, home_pages):
    home = nav(client.get("/es/").content.decode())
    with override("es"):
        countries = nav(client.get(reverse("network:countries")).content.decode())
    assert 'href="/es/" aria-current="page"' in home
    assert 'aria-current="page"' not in countries


def test_the_header_search_box_shows_the_query_on_the_search_page_only(client, home_pages):
    with override("es"):
        search_url = reverse("search:search")
    searched = search_box(client.get(search_url, {"q": "entrega vigilada"}).content.decode())
    after = search_box(client.get("/es/").content.decode())
    assert 'value="entrega vigilada"' in searched
    assert 'value=""' in after and "entrega vigilada" not in after


def test_the_chrome_follows_the_readers_language(client, home_pages):
    spanish = client.get("/es/").content.decode()
    english = client.get("/en/").content.decode()
    assert "Iniciar sesión" in nav(spanish) and "Sign in" in nav(english)
    assert "Contact details in the directory are for vetted members only." in english
    assert "Contact details in the directory are for vetted members only." not in spanish
    with override("en"):
        assert f'action="{reverse("search:search")}"' in search_box(english)
