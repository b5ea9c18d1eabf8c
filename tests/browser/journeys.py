"""Steps several browser journeys share: signing in (with a TOTP code when the account has one) and a reviewer's
approval in the Wagtail editor. Imported by the journeys as ``from journeys import …`` (pytest puts this folder on
the import path)."""

from django.urls import reverse

SUBMIT = "main form button[type=submit]"
DEMO_PASSWORD = "demo-enlace-2026"  # members.factories gives every account this password
APPROVE = "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"


def sign_in(tab, email, password=DEMO_PASSWORD, totp_secret=None):
    """Sign in through allauth's form; with ``totp_secret``, answer the second step with a current code."""
    from members.factories import totp_code

    tab.goto(reverse("account_login"))
    tab.fill("input[name=login]", email)
    tab.fill("input[name=password]", password)
    tab.locator(SUBMIT).first.click()
    if totp_secret:
        tab.wait_for_selector("input[name=code]")
        tab.fill("input[name=code]", totp_code(totp_secret))
        tab.locator(SUBMIT).first.click()
        tab.wait_for_url(lambda url: "/2fa/" not in url)


def type_into(tab, selector, text):
    """Type ``text`` into a field of the Wagtail editor key by key, replacing what it held, as the editor does:
    the keystrokes are what make the editor fill in the slug from the title (a programmatic fill does not)."""
    field = tab.locator(selector)
    field.fill("")
    field.press_sequentially(text)


def click_and_wait(tab, selector):
    """Click a button of the editor's action menu (it sits in a dropdown, so through the DOM, as the menu does) and
    wait for the page the submission leads to; return the messages that page shows."""
    with tab.expect_navigation():
        tab.locator(selector).evaluate("button => button.click()")
    return " | ".join(tab.locator(".messages").all_inner_texts())


def approve_in_editor(tab, page_id):
    """Open the page in the Wagtail editor and approve the workflow task in progress; return the messages shown."""
    tab.goto(reverse("wagtailadmin_pages:edit", args=[page_id]))
    return click_and_wait(tab, APPROVE)
