from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("units/<int:pk>/", views.unit_dashboard, name="unit-dashboard"),
]
