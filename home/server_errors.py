"""The site's 500 handler: a lost database is an outage (503, "come back soon"), not a bug (500).

:class:`home.middleware.DatabaseUnavailableMiddleware` turns a connection error raised by a *view* into the 503
page, but middleware that queries the database on its way out (Wagtail's redirects look every 404 up) raises
after that point, and Django then calls this handler instead. It answers the same generic 503 for connection-level
errors and Django's plain 500 page for anything else; neither shows a trace.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.views.defaults import server_error as django_server_error

from .views import service_unavailable


def server_error(request, template_name="500.html"):
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        return service_unavailable(request)
    return django_server_error(request, template_name=template_name)
