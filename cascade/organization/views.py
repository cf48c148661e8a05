"""Organisation pages: units and people scoped to the viewer, countries, and moving a unit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from treebeard.exceptions import InvalidMoveToDescendant, InvalidPosition, PathOverflow

from cascade.core.tables import Table
from cascade.core.views import RecordDetailView, RecordListView

from . import filters, tables
from .domain import move_unit
from .forms import UnitMoveForm
from .models import Membership, Person, Unit, UnitMove


def related_block(title, table_class: type[Table], rows: models.QuerySet) -> dict[str, Any]:
    """One related-records table of a detail page (``common/record_detail.html``)."""
    return {"title": capfirst(str(title)), "table": table_class(table_class.queryset(rows))}


def can_write_unit(user, unit: Unit) -> bool:
    return Unit.objects.filter(pk=unit.pk).restrict(user, "write").exists()


class UnitList(RecordListView):
    table_class = tables.UnitTable
    import_kind = "units"
    filterset_class = filters.UnitFilterSet


class UnitDetail(RecordDetailView):
    model = Unit
    template_name = "organization/unit_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        unit = self.object
        readable = Unit.objects.restrict(user, "read")
        ancestors = list(Unit.objects.get_ancestors(unit))
        visible = set(readable.filter(pk__in=[a.pk for a in ancestors]).values_list("pk", flat=True))
        context.update(
            {
                "unit": unit,
                "ancestors": [{"unit": a, "link": a.pk in visible} for a in ancestors],
                "related": [
                    related_block(
                        gettext_lazy("units directly below"),
                        tables.UnitTable,
                        Unit.objects.get_children(unit).restrict(user, "read"),
                    ),
                    related_block(
                        Membership._meta.verbose_name_plural,
                        tables.UnitMembershipTable,
                        Membership.objects.filter(unit=unit).restrict(user, "read"),
                    ),
                    related_block(
                        UnitMove._meta.verbose_name_plural,
                        tables.UnitMoveTable,
                        UnitMove.objects.filter(unit=unit).restrict(user, "read"),
                    ),
                ],
                "can_move": can_write_unit(user, unit),
                "move_form": UnitMoveForm(user=user),
            }
        )
        return context


class UnitMoveView(LoginRequiredMixin, View):
    """Re-parent a unit: needs ``organization.unit:write`` over the unit and over its new parent."""

    template_name = "organization/unit_move.html"

    def get_unit(self, request: HttpRequest, pk: int) -> Unit:
        unit = get_object_or_404(Unit.objects.restrict(request.user, "read"), pk=pk)
        if not can_write_unit(request.user, unit):
            raise PermissionDenied(_("You may not move this unit."))
        return unit

    def render_form(self, request: HttpRequest, unit: Unit, form: UnitMoveForm) -> HttpResponse:
        context = {"unit": unit, "form": form, "title": _("Move %(unit)s") % {"unit": unit}}
        return render(request, self.template_name, context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        unit = self.get_unit(request, pk)
        return self.render_form(request, unit, UnitMoveForm(user=request.user))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        unit = self.get_unit(request, pk)
        form = UnitMoveForm(request.POST, user=request.user)
        if form.is_valid():
            parent = form.cleaned_data["new_parent"]
            if not can_write_unit(request.user, parent):
                form.add_error("new_parent", _("You may not move units under “%(unit)s”.") % {"unit": parent})
            else:
                try:
                    move_unit(
                        unit=unit, new_parent=parent, user=request.user, reason=form.cleaned_data["reason"]
                    )
                except ValidationError as exc:
                    form.add_error(None, exc)
                except (InvalidMoveToDescendant, InvalidPosition, PathOverflow):
                    form.add_error(None, _("The unit cannot be moved there."))
                else:
                    messages.success(
                        request, _("%(unit)s now stands under %(parent)s.") % {"unit": unit, "parent": parent}
                    )
                    return redirect("organization:unit_detail", pk=unit.pk)
        return self.render_form(request, unit, form)


class PersonList(RecordListView):
    table_class = tables.PersonTable
    import_kind = "people"
    filterset_class = filters.PersonFilterSet

    def get_queryset(self, action: str = "read") -> models.QuerySet:
        # Each person's memberships only in units the viewer may see, on the page and in exports.
        return tables.PersonTable.for_user(super().get_queryset(action), self.request.user)


class PersonDetail(RecordDetailView):
    model = Person

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["related"] = [
            related_block(
                Membership._meta.verbose_name_plural,
                tables.PersonMembershipTable,
                self.object.memberships.restrict(self.request.user, "read"),
            )
        ]
        return context


class CountryList(RecordListView):
    table_class = tables.CountryTable
    filterset_class = filters.CountryFilterSet
