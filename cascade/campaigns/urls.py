from django.urls import path

from cascade.core.views import edit_pages

from . import forms, views
from .models import (
    AdoptedMeasure,
    Campaign,
    CampaignPhase,
    CampaignScope,
    FieldVisit,
    OutreachEvent,
    RectificationEvidence,
    RectificationItem,
    ResearchTopic,
    SteeringGroup,
    StudyActivity,
    StudySession,
    SupervisionFinding,
    SupervisionVisit,
)

app_name = "campaigns"

urlpatterns = [
    path("", views.CampaignList.as_view(), name="campaign_list"),
    path("<int:pk>/", views.CampaignDetail.as_view(), name="campaign_detail"),
    *edit_pages("", Campaign, forms.CampaignForm),
    *edit_pages("phases/", CampaignPhase, forms.CampaignPhaseForm, parent="campaign"),
    *edit_pages("scopes/", CampaignScope, forms.CampaignScopeForm, parent="campaign"),
    path("study/", views.StudyActivityList.as_view(), name="studyactivity_list"),
    path("study/<int:pk>/", views.StudyActivityDetail.as_view(), name="studyactivity_detail"),
    path("study/<int:pk>/attendance/", views.AttendanceRosterView.as_view(), name="studyactivity_roster"),
    *edit_pages("study/", StudyActivity, forms.StudyActivityForm),
    *edit_pages("study/sessions/", StudySession, forms.StudySessionForm, parent="activity"),
    path(
        "study/sessions/<int:pk>/check-in/", views.SessionCheckInDesk.as_view(), name="studysession_checkin"
    ),
    path(
        "study/sessions/<int:pk>/sign-in-sheet/",
        views.SessionCheckInDesk.as_view(sheet=True),
        name="studysession_sheet",
    ),
    path("study/check-in/<str:code>/", views.SessionCodeCheckIn.as_view(), name="studysession_code"),
    path("research/", views.ResearchTopicList.as_view(), name="researchtopic_list"),
    path("research/<int:pk>/", views.ResearchTopicDetail.as_view(), name="researchtopic_detail"),
    path("research/<int:pk>/claim/", views.ClaimTopicView.as_view(), name="researchtopic_claim"),
    *edit_pages("research/", ResearchTopic, forms.ResearchTopicForm),
    *edit_pages("research/measures/", AdoptedMeasure, forms.AdoptedMeasureForm, parent="topic"),
    path("field-visits/", views.FieldVisitList.as_view(), name="fieldvisit_list"),
    path("field-visits/<int:pk>/", views.FieldVisitDetail.as_view(), name="fieldvisit_detail"),
    *edit_pages("field-visits/", FieldVisit, forms.FieldVisitForm, parent="topic"),
    path("steering-groups/", views.SteeringGroupList.as_view(), name="steeringgroup_list"),
    path("steering-groups/<int:pk>/", views.SteeringGroupDetail.as_view(), name="steeringgroup_detail"),
    *edit_pages("steering-groups/", SteeringGroup, forms.SteeringGroupForm),
    path("supervision/", views.SupervisionVisitList.as_view(), name="supervisionvisit_list"),
    path("supervision/<int:pk>/", views.SupervisionVisitDetail.as_view(), name="supervisionvisit_detail"),
    *edit_pages("supervision/", SupervisionVisit, forms.SupervisionVisitForm, parent="group"),
    *edit_pages("supervision/findings/", SupervisionFinding, forms.SupervisionFindingForm, parent="visit"),
    path("rectification/", views.RectificationItemList.as_view(), name="rectificationitem_list"),
    path("rectification/<int:pk>/", views.RectificationItemDetail.as_view(), name="rectificationitem_detail"),
    path(
        "rectification/<int:pk>/move/",
        views.RectificationTransitionView.as_view(),
        name="rectificationitem_transition",
    ),
    *edit_pages("rectification/", RectificationItem, forms.RectificationItemForm),
    *edit_pages(
        "rectification/evidence/", RectificationEvidence, forms.RectificationEvidenceForm, parent="item"
    ),
    path(
        "rectification/evidence/<int:pk>/",
        views.EvidenceDownload.as_view(),
        name="rectificationevidence_file",
    ),
    path("outreach/", views.OutreachEventList.as_view(), name="outreachevent_list"),
    path("outreach/<int:pk>/", views.OutreachEventDetail.as_view(), name="outreachevent_detail"),
    *edit_pages("outreach/", OutreachEvent, forms.OutreachEventForm),
]
