from django.urls import path

from . import views

app_name = "intake"

urlpatterns = [
    path("reports/", views.NarrativeReportList.as_view(), name="narrativereport_list"),
    path("reports/new/", views.NarrativeReportCreate.as_view(), name="narrativereport_create"),
    path("reports/<int:pk>/", views.NarrativeReportDetail.as_view(), name="narrativereport_detail"),
    path("reports/<int:pk>/extract/", views.NarrativeReportExtract.as_view(), name="narrativereport_extract"),
    path(
        "reports/<int:pk>/reconcile/",
        views.NarrativeReportReconcile.as_view(),
        name="narrativereport_reconcile",
    ),
    path("facts/<int:pk>/decide/", views.ExtractedFactDecide.as_view(), name="extractedfact_decide"),
    path("imports/", views.ImportListView.as_view(), name="imports"),
    path("imports/<int:pk>/", views.ImportDetailView.as_view(), name="import_page"),
    path("imports/<int:pk>/import/", views.ImportCommitView.as_view(), name="import_commit"),
    path("imports/template/<slug:kind>.xlsx", views.ImportTemplateView.as_view(), name="import_template"),
]
