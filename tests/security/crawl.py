"""What the security tests walk: every URL pattern the resolver knows, and the forms and links on a page.

Generic on purpose: a URL or form added tomorrow is walked by the fuzz, XSS, matrix and canary tests without
anyone remembering to list it.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation

LANGUAGE = "es"


@dataclass(frozen=True)
class Route:
    """One URL pattern: its qualified name (or its route when unnamed), the route text, and its parameters."""

    name: str
    route: str
    parameters: tuple

    @property
    def has_parameters(self):
        return bool(self.parameters)

    def path(self):
        """The concrete path of a pattern without parameters (language prefix filled in)."""
        assert not self.has_parameters
        return "/" + self.route


def _pattern_text(pattern):
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix
    if isinstance(pattern, RoutePattern):
        return str(pattern._route)
    if isinstance(pattern, RegexPattern):
        return pattern._regex
    return str(pattern)


def _regex_to_route(text):
    """A regex route without groups as plain text (``^healthz$`` → ``healthz``); groups stay as markers."""
    text = text.lstrip("^").rstrip("$").replace("\\Z", "")
    text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", text)
    if "(" in text:
        text = re.sub(r"\([^)]*\)[*+?]?", "<group>", text)
    return text.replace("\\", "")


def routes(resolver=None, prefix="", namespace=""):
    """Every :class:`Route` of the project (``config.urls``), in the Spanish language prefix."""
    with translation.override(LANGUAGE):
        yield from _walk(resolver or get_resolver(), prefix, namespace)


def _walk(resolver, prefix, namespace):
    for entry in resolver.url_patterns:
        text = _pattern_text(entry.pattern)
        if isinstance(entry.pattern, RegexPattern):
            text = _regex_to_route(text)
        if isinstance(entry, URLResolver):
            child_namespace = namespace
            if entry.namespace:
                child_namespace = f"{namespace}{entry.namespace}:"
            yield from _walk(entry, prefix + text, child_namespace)
        elif isinstance(entry, URLPattern):
            route = prefix + text
            parameters = tuple(re.findall(r"<(?:\w+:)?(\w+)>", route))
            name = f"{namespace}{entry.name}" if entry.name else f"{namespace}<unnamed:{route}>"
            yield Route(name=name, route=route, parameters=parameters)


@dataclass
class Form:
    """A form found on a page: where it goes, how, and its fields with a plausible value for each."""

    action: str
    method: str
    fields: dict = field(default_factory=dict)
    text_fields: list = field(default_factory=list)


def forms_on(html, page_url):
    """The forms of a page, with hidden values, first options and checkboxes filled as a browser would."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all("form"):
        form = Form(
            action=urljoin(page_url, tag.get("action") or page_url), method=(tag.get("method") or "get").lower()
        )
        for control in tag.find_all(["input", "textarea", "select"]):
            name = control.get("name")
            if not name:
                continue
            kind = (control.get("type") or "text").lower() if control.name == "input" else control.name
            if kind in ("submit", "button", "image", "file", "reset"):
                continue
            if kind in ("checkbox", "radio"):
                if name not in form.fields:
                    form.fields[name] = control.get("value", "on")
                continue
            if kind == "select":
                option = control.find("option", value=True)
                form.fields[name] = option["value"] if option else ""
                form.text_fields.append(name)  # a tampered select value is as good a probe as a text box
                continue
            form.fields[name] = control.get("value", "")
            if kind not in ("hidden",) and name != "csrfmiddlewaretoken":
                form.text_fields.append(name)
        found.append(form)
    return found


def links_on(html, page_url):
    """Same-site paths linked from a page (anchors, alternates, feeds), without fragments."""
    soup = BeautifulSoup(html, "html.parser")
    paths = set()
    for tag in soup.find_all(["a", "link"], href=True):
        target = urlsplit(urljoin(page_url, tag["href"]))
        if target.scheme in ("http", "https", "") and target.netloc in ("", "testserver"):
            paths.add(target.path + (f"?{target.query}" if target.query else ""))
    return paths


def is_admin(path):
    return path.startswith("/admin/")
