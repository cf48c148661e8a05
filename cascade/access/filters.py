"""FilterSets for the audit log and role assignments: the list pages' filters and the API's parameters."""

import django_filters
from django.apps import apps
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cascade.core.filters import ScopedFilterSet
from cascade.core.registry import SCOPES
from cascade.organization.filters import SubtreeFilter

from .models import AuditEntry, RoleAssignment


def object_type_choices() -> list[tuple[str, str]]:
    """Every model Cascade scopes, as ``app_label.model`` with its verbose name."""
    choices = []
    for label in sorted(SCOPES):
        model = apps.get_model(label)
        choices.append((label, f"{capfirst(model._meta.verbose_name)} ({label})"))
    return choices


class AuditEntryFilterSet(ScopedFilterSet):
    action = django_filters.CharFilter(
        lookup_expr="startswith",
        label=_("Action"),
        help_text=_("An action or its beginning, e.g. “directive.”."),
    )
    user = django_filters.CharFilter(field_name="user__username", label=_("User name"))
    unit = SubtreeFilter(field_name="unit")
    at = django_filters.DateFromToRangeFilter(label=_("Date (from, to)"))
    object_type = django_filters.ChoiceFilter(
        label=_("Object type"), choices=object_type_choices, method="filter_object_type"
    )
    search_fields = ("object_repr", "object_id")

    class Meta:
        model = AuditEntry
        fields = ["q", "action", "user", "unit", "at", "object_type"]

    def filter_object_type(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        if not value:
            return qs
        app_label, model = value.split(".", 1)
        return qs.filter(content_type__app_label=app_label, content_type__model=model)


class RoleAssignmentFilterSet(ScopedFilterSet):
    user = django_filters.CharFilter(field_name="user__username", label=_("User name"))
    unit = SubtreeFilter(field_name="unit")
    search_fields = ("user__username", "user__first_name", "user__last_name")

    class Meta:
        model = RoleAssignment
        fields = ["q", "role", "user", "unit", "include_descendants"]
