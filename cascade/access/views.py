"""The audit log and role assignments, scoped by ``access.audit`` permissions; granting a role;
a user's own API tokens."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.views import View

from cascade.core.forms import MAX_PK, parse_pk, style_widgets
from cascade.core.views import RecordDetailView, RecordListView

from . import filters, tables
from .domain import create_token, grantable_units, may_assign, revoke_role, revoke_token
from .forms import ApiTokenForm, RoleAssignmentForm
from .models import ApiToken, AuditEntry, RoleAssignment

CHANGE_FIELDS = ("before", "after", "data")


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def audited_object_url(entry: AuditEntry) -> str | None:
    """The page of the audited object, if its app has one (the page checks the viewer's scope)."""
    if entry.content_type_id is None or parse_pk(entry.object_id) is None:
        return None
    content_type = entry.content_type
    try:
        return reverse(f"{content_type.app_label}:{content_type.model}_detail", args=[int(entry.object_id)])
    except NoReverseMatch:
        return None


class AuditEntryList(RecordListView):
    table_class = tables.AuditEntryTable
    filterset_class = filters.AuditEntryFilterSet


class AuditEntryDetail(RecordDetailView):
    """One audited action: who, when, what, and each field before and after."""

    model = AuditEntry
    template_name = "access/auditentry_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("user", "content_type", "unit")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        entry = self.object
        hidden = {capfirst(str(AuditEntry._meta.get_field(name).verbose_name)) for name in CHANGE_FIELDS}
        before = entry.before if isinstance(entry.before, dict) else {}
        after = entry.after if isinstance(entry.after, dict) else {}
        changes = [
            {
                "field": key,
                "before": _show(before.get(key)),
                "after": _show(after.get(key)),
                "changed": before.get(key) != after.get(key),
            }
            for key in sorted(set(before) | set(after))
        ]
        context.update(
            {
                "fields": [f for f in context["fields"] if f["label"] not in hidden],
                "entry": entry,
                "object_url": audited_object_url(entry),
                "changes": changes,
                "details": [(key, _show(value)) for key, value in sorted((entry.data or {}).items())],
            }
        )
        return context


class RoleAssignmentList(RecordListView):
    table_class = tables.RoleAssignmentTable
    filterset_class = filters.RoleAssignmentFilterSet
    template_name = "access/roleassignment_list.html"

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context["can_grant"] = grantable_units(self.request.user).exists()
        return context


class RoleAssignmentDetail(RecordDetailView):
    """A role assignment; who may grant it there is offered to revoke it."""

    model = RoleAssignment

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        revocable = may_assign(self.request.user, self.object)
        context["delete_url"] = (
            reverse("access:roleassignment_delete", args=[self.object.pk]) if revocable else None
        )
        return context


class RoleAssignmentRevoke(LoginRequiredMixin, View):
    """Confirm, then take a role away (``domain.revoke_role``): for who may grant it there."""

    template_name = "common/record_confirm_delete.html"

    def get_assignment(self, request: HttpRequest, pk: int) -> RoleAssignment:
        assignment = get_object_or_404(
            RoleAssignment.objects.restrict(request.user, "read").select_related("user", "unit"), pk=pk
        )
        if not may_assign(request.user, assignment):
            raise PermissionDenied(gettext("You may not revoke this role here."))
        return assignment

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        assignment = self.get_assignment(request, pk)
        context = {
            "object": assignment,
            "title": gettext("Revoke %(assignment)s?") % {"assignment": assignment},
            "cancel_url": reverse("access:roleassignment_detail", args=[pk]),
        }
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        assignment = self.get_assignment(request, pk)
        revoke_role(user=request.user, assignment=assignment)
        messages.success(request, gettext("Revoked: %(assignment)s.") % {"assignment": assignment})
        return redirect("access:roleassignment_list")


class RoleAssignmentCreate(LoginRequiredMixin, View):
    """Grant a role over a unit in the granting user's ``access.audit:write`` scope (``domain.grant_role``)."""

    template_name = "access/roleassignment_form.html"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_authenticated and not grantable_units(request.user).exists():
            raise PermissionDenied(gettext("You may not grant roles."))
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, request: HttpRequest, form: RoleAssignmentForm) -> HttpResponse:
        return render(request, self.template_name, {"form": form, "title": gettext("Grant a role")})

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_form(request, RoleAssignmentForm(granted_by=request.user))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = RoleAssignmentForm(request.POST, granted_by=request.user)
        if not form.is_valid():
            return self.render_form(request, form)
        try:
            assignment = form.save()  # domain.grant_role: authorised, validated, audited
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.render_form(request, form)
        messages.success(request, gettext("Granted: %(assignment)s.") % {"assignment": assignment})
        return redirect("access:roleassignment_detail", pk=assignment.pk)


def own_token(request: HttpRequest, pk: int) -> ApiToken:
    """The user's own token; another's answers 404, like a record out of scope (a superuser
    too: revoking someone else's token is for the admin)."""
    if not 0 < pk <= MAX_PK:
        raise Http404
    return get_object_or_404(ApiToken.objects.restrict(request.user).filter(user=request.user), pk=pk)


class ApiTokenList(LoginRequiredMixin, View):
    """The signed-in user's API tokens, a form to make one, and a button to revoke each.

    A new token is shown on the answer to the form's POST only: it is never stored (only
    its digest is), so no later page, and no reload of this list, can show it again.
    """

    template_name = "access/apitoken_list.html"

    def render_page(
        self, request: HttpRequest, form: ApiTokenForm, *, created: ApiToken | None = None, raw: str = ""
    ) -> HttpResponse:
        now = timezone.now()
        rows = []
        for token in ApiToken.objects.restrict(request.user).filter(user=request.user):
            if token.revoked_at is not None:
                state = "revoked"
            elif token.expires_at is not None and token.expires_at <= now:
                state = "expired"
            else:
                state = "active"
            rows.append({"token": token, "state": state})
        context = {"title": gettext("API tokens"), "form": form, "rows": rows, "created": created, "raw": raw}
        response = render(request, self.template_name, context)
        response["Cache-Control"] = "private, no-store"  # the new token stays out of every cache
        return response

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_page(request, ApiTokenForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ApiTokenForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, form)
        try:
            token, raw = create_token(
                user=request.user, name=form.cleaned_data["name"], expires_at=form.expires_at()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.render_page(request, form)
        # Rendered here, never redirected to: the plain token is on this one answer only.
        return self.render_page(request, ApiTokenForm(), created=token, raw=raw)


class ApiTokenRevoke(LoginRequiredMixin, View):
    """Revoke one of the user's own tokens (``domain.revoke_token``)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        token = revoke_token(token=own_token(request, pk), user=request.user)
        messages.success(
            request,
            gettext("Revoked “%(token)s”: programs using it can no longer call the API.") % {"token": token},
        )
        return redirect("access:apitoken_list")


class SignInView(LoginView):
    """Cascade's own sign-in page, for every user (the admin's accepts staff only)."""

    redirect_authenticated_user = True

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        style_widgets(form)
        return form
