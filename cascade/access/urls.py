from django.urls import path

from . import views

app_name = "access"

urlpatterns = [
    path("audit/", views.AuditEntryList.as_view(), name="auditentry_list"),
    path("audit/<int:pk>/", views.AuditEntryDetail.as_view(), name="auditentry_detail"),
    path("roles/", views.RoleAssignmentList.as_view(), name="roleassignment_list"),
    path("roles/new/", views.RoleAssignmentCreate.as_view(), name="roleassignment_create"),
    path("roles/<int:pk>/", views.RoleAssignmentDetail.as_view(), name="roleassignment_detail"),
    path("roles/<int:pk>/delete/", views.RoleAssignmentRevoke.as_view(), name="roleassignment_delete"),
    path("tokens/", views.ApiTokenList.as_view(), name="apitoken_list"),
    path("tokens/<int:pk>/revoke/", views.ApiTokenRevoke.as_view(), name="apitoken_revoke"),
]
