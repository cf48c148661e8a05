from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.urls import include, path

from cascade.access.views import SignInView
from cascade.api import api
from cascade.core import health

urlpatterns = [
    path("health/", health.health, name="health"),
    path("ready/", health.ready, name="ready"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/logout/", LogoutView.as_view(next_page="login"), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("organization/", include("cascade.organization.urls")),
    path("campaigns/", include("cascade.campaigns.urls")),
    path("conferences/", include("cascade.conferences.urls")),
    path("intake/", include("cascade.intake.urls")),
    path("access/", include("cascade.access.urls")),
    path("", include("cascade.reports.urls")),
]
