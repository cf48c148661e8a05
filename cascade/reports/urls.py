from django.urls import path

from . import briefing_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("units/<int:pk>/", views.unit_dashboard, name="unit-dashboard"),
    path("units/<int:pk>/briefing/", briefing_views.unit_briefing, name="unit-briefing"),
]
