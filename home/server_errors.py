"""The site's 400 and 500 handlers.

400: a form larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (2.5 MB; a whole spreadsheet column pasted into a list) is
refused before any view sees it. Django would answer a bare "Bad Request"; :func:`bad_request` answers a page in the
reader's language that gives the limit and says what to do instead. Any other bad request keeps Django's page.

500: a lost database is an outage (503, "come back soon"), not a bug (500).

:class:`home.middleware.DatabaseUnavailableMiddleware` turns a connection error raised by a *view* into the 503
page, but middleware that queries the database on its way out (Wagtail's redirects look every 404 up) raises
after that point, and Django then calls this handler instead. It answers the same generic 503 for connection-level
errors and Django's plain 500 page for anything else; neither shows a trace.
"""

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.views.defaults import bad_request as django_bad_request
from django.views.defaults import server_error as django_server_error

from .views import service_unavailable


def server_error(request, template_name="500.html"):
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        return service_unavailable(request)
    return django_server_error(request, template_name=template_name)


def bad_request(request, exception, template_name="400.html"):
    if isinstance(exception, RequestDataTooBig):
        # 413 Content Too Large: the request was refused for its size, and nothing it carried was saved.
        context = {"limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}
        return render(request, "request_too_large.html", context, status=413)
    return django_bad_request(request, exception, template_name=template_name)
