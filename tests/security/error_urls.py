"""The site's URLs plus one view that fails, so the 500 page can be requested through the whole middleware stack."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("a bug, on purpose")


urlpatterns = [path("__broken__/", broken_view), *site_urlpatterns]
