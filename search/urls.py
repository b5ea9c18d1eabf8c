from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "search"

urlpatterns = [
    path(_("search/"), views.search, name="search"),
    path(_("search/autocomplete/"), views.autocomplete, name="autocomplete"),
]
