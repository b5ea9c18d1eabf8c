"""Site-wide views: the health check and the error pages."""

import logging

from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """Open to everyone (load balancers): 200 when the database answers on a fresh connection, else 503.

    A fresh connection, not the request's pooled one, so a database that went away is noticed at once.
    """
    connection = connections.create_connection("default")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("health check: database unreachable")
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    finally:
        connection.close()
    return JsonResponse({"status": "ok", "database": "up"})


def service_unavailable(request, exception=None):
    """The 503 page shown when the database is down: no trace, both languages."""
    response = render(request, "503.html", status=503)
    response["Retry-After"] = "30"
    return response
