from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.urls import include, path

from cascade.access.views import SignInView
from cascade.api import api
from cascade.core import health
from cascade.reports.views import set_language

urlpatterns = [
    path("health/", health.health, name="health"),
    path("ready/", health.ready, name="ready"),
    # Django's language switch, keeping a signed-in user's choice for their emails too.
    path("i18n/setlang/", set_language, name="set_language"),
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
