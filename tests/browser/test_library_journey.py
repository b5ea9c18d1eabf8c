"""An editor writes a case study in the Wagtail admin, submits it to the "Library review" workflow, approves it
as the Editor role's reviewer, and it is published; an anonymous visitor then sees it if it is public and is sent
to sign in if it is members-only.
"""

import pytest
from django.urls import reverse

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # Open bug (issue #5): the editor's submitted case study is sometimes not saved in this journey (always on
    # PostgreSQL, intermittently on SQLite). Not strict, so a fix shows up as XPASS and the marker is removed.
    pytest.mark.xfail(reason="issue #5: the editor journey does not always save the case study", strict=False),
]

SUBMIT = "main form button[type=submit]"
PASSWORD = "demo-enlace-2026"


@pytest.fixture
def editor():
    from django.contrib.auth.models import Group

    from members.factories import MembershipFactory

    membership = MembershipFactory(vetted=True, user__email="editora.biblioteca@example.org", user__totp_secret=True)
    membership.user.groups.add(Group.objects.get(name="Editor"))
    return membership.user


@pytest.fixture
def spanish_library(home_pages):
    from practices.factories import LibraryIndexPageFactory

    return LibraryIndexPageFactory(parent=home_pages["es"], title="Biblioteca", slug="biblioteca")


def sign_in(tab, email, totp_secret):
    from members.factories import totp_code

    tab.goto(reverse("account_login"))
    tab.fill("input[name=login]", email)
    tab.fill("input[name=password]", PASSWORD)
    tab.locator(SUBMIT).first.click()
    tab.wait_for_selector("input[name=code]")
    tab.fill("input[name=code]", totp_code(totp_secret))
    tab.locator(SUBMIT).first.click()
    tab.wait_for_url(lambda url: "/2fa/" not in url)


def write_and_submit(tab, library, title, visibility):
    tab.goto(reverse("wagtailadmin_pages:add", args=("practices", "casestudypage", library.pk)))
    tab.fill("#id_title", title)
    tab.select_option("select[name=visibility]", visibility)
    tab.fill(
        "textarea[name=summary]",
        "Una red trasladaba migrantes por la frontera sur; la fiscalía coordinó con la policía.",
    )
    tab.fill("input[name=year]", "2022")
    assert tab.locator("button[name=action-publish]").count() == 0, "nobody may publish a library item directly"
    with tab.expect_navigation():
        tab.locator("button[name=action-submit]").evaluate("button => button.click()")


def approve(tab, item):
    tab.goto(reverse("wagtailadmin_pages:edit", args=[item.pk]))
    button = tab.locator("button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
    with tab.expect_navigation():
        button.evaluate("button => button.click()")


@pytest.mark.parametrize(("visibility", "anonymous_sees"), [("public", True), ("members", False)])
def test_editor_writes_submits_and_approves_a_case_study_then_visitors_see_it_by_visibility(
    page, browser, live_server, editor, spanish_library, visibility, anonymous_sees
):
    from practices.models import CaseStudyPage

    title = f"Entrega vigilada coordinada ({visibility})"
    sign_in(page, editor.email, editor.totp_secret)
    write_and_submit(page, spanish_library, title, visibility)
    item = CaseStudyPage.objects.get(title=title, alias_of__isnull=True)
    assert not item.live

    approve(page, item)
    item.refresh_from_db()
    assert item.live

    anonymous = browser.new_context(locale="es-ES", base_url=live_server.url).new_page()
    try:
        response = anonymous.goto(item.url)
        if anonymous_sees:
            assert response.status == 200
            assert title in anonymous.content()
            anonymous.goto(spanish_library.url)
            assert title in anonymous.content()
        else:
            assert "/accounts/login/" in anonymous.url
            assert title not in anonymous.content()
            anonymous.goto(spanish_library.url)
            assert title not in anonymous.content()
    finally:
        anonymous.context.close()
