from django.db import InterfaceError, OperationalError

from .views import service_unavailable


class DatabaseUnavailableMiddleware:
    """Turn a lost database into a plain 503 page instead of a 500 with a trace.

    Only connection-level errors (OperationalError, InterfaceError) qualify; other database errors are bugs and
    must stay visible as 500s.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            return service_unavailable(request)
        return None
