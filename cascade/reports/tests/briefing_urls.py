"""The project's URLs plus the briefing page, for the briefing tests (until the route is in reports/urls.py)."""

from django.urls import path

from cascade.reports import briefing_views
from cascade.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("units/<int:pk>/briefing/", briefing_views.unit_briefing, name="unit-briefing"),
    *project_urlpatterns,
]
