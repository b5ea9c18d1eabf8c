from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from members import views as members_views
from search import views as search_views

# A database lost while a response is on its way out is an outage (503), not a bug (home/server_errors.py).
handler500 = "home.server_errors.server_error"
# A form over DATA_UPLOAD_MAX_MEMORY_SIZE gets a page that says the limit and what to do, not a bare 400.
handler400 = "home.server_errors.bad_request"

urlpatterns = [
    path("healthz", home_views.healthz, name="healthz"),
    # The admin signs in through allauth only (rate limits, MFA); Wagtail's own login form is never served.
    path("admin/login/", members_views.admin_login, name="admin_login_via_allauth"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("search/", search_views.search_in_language, name="search_in_language"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("members/", include("members.urls")),
    path("", include("practices.urls")),
    path("", include("events.urls")),
    path("", include("network.urls")),
    path("", include("search.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL + "images/", document_root=settings.MEDIA_ROOT / "images") + urlpatterns
