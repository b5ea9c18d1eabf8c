from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "network"

urlpatterns = [
    path(_("countries/"), views.country_list, name="countries"),
    path(_("countries/<str:code>/"), views.country_detail, name="country"),
    path(_("find-a-counterpart/"), views.finder, name="finder"),
    path(_("directory/"), views.directory, name="directory"),
    path(_("directory/<str:token>/"), views.contact_detail, name="contact"),
    path(_("directory/<str:token>/vcard/"), views.contact_vcard, name="vcard"),
]
