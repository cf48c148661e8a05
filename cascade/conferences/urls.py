from django.urls import path

from . import views

app_name = "conferences"

urlpatterns = [
    path("", views.ConferenceList.as_view(), name="conference_list"),
    path("<int:pk>/", views.ConferenceDetail.as_view(), name="conference_detail"),
    path("directives/", views.DirectiveList.as_view(), name="directive_list"),
    path("directives/<int:pk>/", views.DirectiveDetail.as_view(), name="directive_detail"),
    path("deliveries/", views.DeliveryList.as_view(), name="directiverecipient_list"),
    path("deliveries/<int:pk>/", views.DeliveryDetail.as_view(), name="directiverecipient_detail"),
    path("deliveries/<int:pk>/acknowledge/", views.AcknowledgeView.as_view(), name="delivery_acknowledge"),
    path("deliveries/<int:pk>/status/", views.StatusView.as_view(), name="delivery_status"),
    path("deliveries/<int:pk>/cascade/", views.CascadeView.as_view(), name="delivery_cascade"),
    path("deliveries/<int:pk>/progress/", views.ProgressView.as_view(), name="delivery_progress"),
]
