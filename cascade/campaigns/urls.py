from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("", views.CampaignList.as_view(), name="campaign_list"),
    path("<int:pk>/", views.CampaignDetail.as_view(), name="campaign_detail"),
    path("study/", views.StudyActivityList.as_view(), name="studyactivity_list"),
    path("study/<int:pk>/", views.StudyActivityDetail.as_view(), name="studyactivity_detail"),
    path("study/new/", views.StudyActivityEdit.as_view(), name="studyactivity_create"),
    path("study/<int:pk>/edit/", views.StudyActivityEdit.as_view(), name="studyactivity_edit"),
    path("study/<int:pk>/delete/", views.StudyActivityDelete.as_view(), name="studyactivity_delete"),
    path("research/", views.ResearchTopicList.as_view(), name="researchtopic_list"),
    path("research/<int:pk>/", views.ResearchTopicDetail.as_view(), name="researchtopic_detail"),
    path("field-visits/", views.FieldVisitList.as_view(), name="fieldvisit_list"),
    path("field-visits/<int:pk>/", views.FieldVisitDetail.as_view(), name="fieldvisit_detail"),
    path("field-visits/new/", views.FieldVisitEdit.as_view(), name="fieldvisit_create"),
    path("field-visits/<int:pk>/edit/", views.FieldVisitEdit.as_view(), name="fieldvisit_edit"),
    path("field-visits/<int:pk>/delete/", views.FieldVisitDelete.as_view(), name="fieldvisit_delete"),
    path("steering-groups/", views.SteeringGroupList.as_view(), name="steeringgroup_list"),
    path("steering-groups/<int:pk>/", views.SteeringGroupDetail.as_view(), name="steeringgroup_detail"),
    path("supervision/", views.SupervisionVisitList.as_view(), name="supervisionvisit_list"),
    path("supervision/<int:pk>/", views.SupervisionVisitDetail.as_view(), name="supervisionvisit_detail"),
    path("rectification/", views.RectificationItemList.as_view(), name="rectificationitem_list"),
    path("rectification/<int:pk>/", views.RectificationItemDetail.as_view(), name="rectificationitem_detail"),
    path("outreach/", views.OutreachEventList.as_view(), name="outreachevent_list"),
    path("outreach/<int:pk>/", views.OutreachEventDetail.as_view(), name="outreachevent_detail"),
    path("outreach/new/", views.OutreachEventEdit.as_view(), name="outreachevent_create"),
    path("outreach/<int:pk>/edit/", views.OutreachEventEdit.as_view(), name="outreachevent_edit"),
    path("outreach/<int:pk>/delete/", views.OutreachEventDelete.as_view(), name="outreachevent_delete"),
]
