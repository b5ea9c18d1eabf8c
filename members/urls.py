from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.home, name="home"),
    path("join/", views.apply, name="apply"),
    path("join/invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("application/", views.under_review, name="under_review"),
    path("profile/", views.edit_profile, name="profile"),
    path("renew/", views.reconfirm, name="revalidate"),
    path("leave/", views.leave, name="leave"),
]
