from django.urls import path

from cascade.core.views import edit_pages

from . import forms, views
from .models import AgendaItem, Arrangement, Attendee, AttendeeCategory, Conference, Speech

app_name = "conferences"

urlpatterns = [
    path("", views.ConferenceList.as_view(), name="conference_list"),
    path("<int:pk>/", views.ConferenceDetail.as_view(), name="conference_detail"),
    path("<int:pk>/check-in/", views.ConferenceCheckInDesk.as_view(), name="conference_checkin"),
    path("<int:pk>/sign-in-sheet/", views.ConferenceCheckInDesk.as_view(sheet=True), name="conference_sheet"),
    path("check-in/<str:code>/", views.ConferenceCodeCheckIn.as_view(), name="conference_code"),
    *edit_pages("", Conference, forms.ConferenceForm),
    *edit_pages("agenda/", AgendaItem, forms.AgendaItemForm, parent="conference"),
    *edit_pages("speeches/", Speech, forms.SpeechForm, parent="conference"),
    *edit_pages("categories/", AttendeeCategory, forms.AttendeeCategoryForm, parent="conference"),
    *edit_pages("attendees/", Attendee, forms.AttendeeForm, parent="conference"),
    *edit_pages("arrangements/", Arrangement, forms.ArrangementForm, parent="conference"),
    path("arrangements/<int:pk>/issue/", views.IssueDirectiveView.as_view(), name="arrangement_issue"),
    path("directives/", views.DirectiveList.as_view(), name="directive_list"),
    path("directives/<int:pk>/", views.DirectiveDetail.as_view(), name="directive_detail"),
    path("directives/<int:pk>/notice.docx", views.DirectiveNotice.as_view(), name="directive_notice"),
    path("deliveries/", views.DeliveryList.as_view(), name="directiverecipient_list"),
    path("deliveries/<int:pk>/", views.DeliveryDetail.as_view(), name="directiverecipient_detail"),
    path("deliveries/<int:pk>/acknowledge/", views.AcknowledgeView.as_view(), name="delivery_acknowledge"),
    path("deliveries/<int:pk>/status/", views.StatusView.as_view(), name="delivery_status"),
    path("deliveries/<int:pk>/cascade/", views.CascadeView.as_view(), name="delivery_cascade"),
    path("deliveries/<int:pk>/progress/", views.ProgressView.as_view(), name="delivery_progress"),
]
