"""Events URLs inside the language prefix; the events themselves are Wagtail pages."""

from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("events/", views.index, name="index"),
    path("events/calendar.ics", views.calendar_feed, name="calendar"),
    path("events/<int:pk>/event.ics", views.event_calendar, name="event_calendar"),
    path("events/<int:pk>/share/", views.contribute, name="contribute"),
    path("events/<int:pk>/share/autosave/", views.autosave, name="autosave"),
    path("events/experiences/<int:pk>/reply/", views.reply, name="reply"),
]
