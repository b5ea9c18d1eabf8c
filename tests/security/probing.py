"""Shared by the XSS and fuzz tests: which pages to probe, as whom, and how to submit their forms."""

from urllib.parse import urlsplit

from tests.security.crawl import forms_on, is_admin, links_on, routes

# Forms whose submission would end the probing session or lock the account out of the rest of the probe.
SESSION_ENDING_ACTIONS = ("logout", "deactivate", "password/change", "password/set", "2fa/")


def probe_paths(client):
    """Every parameter-free page outside the admin, plus the same-site pages they link to (one level)."""
    paths = [route.path() for route in routes() if not route.has_parameters and not is_admin("/" + route.route)]
    found = set(paths)
    for path in list(paths):
        response = client.get(path)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            for link in links_on(response.content.decode(), f"http://testserver{path}"):
                if not is_admin(link) and "logout" not in link and link not in found:
                    found.add(link)
                    paths.append(link)
    return paths


def probe_forms(client, paths):
    """The forms found on ``paths`` (deduplicated by action and method), minus session-ending ones."""
    forms = {}
    for path in paths:
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for form in forms_on(response.content.decode(), f"http://testserver{path}"):
            action = urlsplit(form.action).path
            if is_admin(action) or any(marker in action for marker in SESSION_ENDING_ACTIONS):
                continue
            if form.text_fields:
                forms.setdefault((action, form.method), form)
    return list(forms.values())


def submit(client, form, value):
    """Submit ``form`` with ``value`` in every text field (and select), keeping hidden and checkbox values."""
    data = dict(form.fields)
    for name in form.text_fields:
        data[name] = value
    action = urlsplit(form.action).path
    if form.method == "post":
        return client.post(action, data)
    return client.get(action, data)
