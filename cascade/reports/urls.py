from django.urls import path

from . import briefing_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("units/<int:pk>/", views.unit_dashboard, name="unit-dashboard"),
    path("units/<int:pk>/briefing/", briefing_views.unit_briefing, name="unit-briefing"),
    path("briefings/files/<int:pk>/", briefing_views.briefing_file, name="briefing-file"),
    path(
        "briefings/files/<int:pk>/download/",
        briefing_views.briefing_file_download,
        name="briefing-file-download",
    ),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications-read"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification-read"),
]
