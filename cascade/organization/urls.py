from django.urls import path

from . import views

app_name = "organization"

urlpatterns = [
    path("units/", views.UnitList.as_view(), name="unit_list"),
    path("units/<int:pk>/", views.UnitDetail.as_view(), name="unit_detail"),
    path("units/<int:pk>/move/", views.UnitMoveView.as_view(), name="unit_move"),
    path("people/", views.PersonList.as_view(), name="person_list"),
    path("people/<int:pk>/", views.PersonDetail.as_view(), name="person_detail"),
    path("countries/", views.CountryList.as_view(), name="country_list"),
]
