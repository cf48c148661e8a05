"""List and detail pages for records, scoped to the viewer, filtered by the model's FilterSet.

Apps declare a subclass with ``table_class`` and ``filterset_class``; the queryset always
goes through ``.restrict(user, "read")``, so an out-of-scope record answers 404 and never
appears in a list. htmx requests get only the table partial.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.urls import resolve as resolve_url
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.views import View
from django.views.generic import DetailView

from . import checkin, documents, exports
from .audit import audit_model, audit_table, log_action
from .forms import parse_pk
from .records import delete_record
from .scopes import can, permission_for, readable_choices, units_of
from .tables import Table, detail_url, resolve

HISTORY_LIMIT = 50


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def writable_or_refused(queryset: models.QuerySet, pk: int, user, permission: str) -> models.Model:
    """The row ``pk`` of ``queryset`` for a page that acts on it: 404 where ``user`` cannot read
    it (as if it did not exist), 403 where they read it but may not ``permission`` it."""
    obj = get_object_or_404(queryset.restrict(user, "read"), pk=pk)
    if not can(user, permission, obj):
        raise PermissionDenied(gettext("You may not do this here."))
    return obj


class RecordListView(LoginRequiredMixin, View):
    table_class: ClassVar[type[Table]]
    filterset_class: ClassVar[type | None] = None
    paginate_by: ClassVar[int] = 50
    # Documents made of the filtered list besides the plain exports, by ``?export=`` key:
    # ``{key: label}``; ``document(request, queryset, key)`` makes them.
    documents: ClassVar[dict[str, Any]] = {}
    # The spreadsheet import that brings in rows of this list (``intake``'s kind), if any.
    import_kind: ClassVar[str | None] = None
    template_name = "common/record_list.html"
    partial_template_name = "common/_record_table.html"

    def get_queryset(self, action: str = "read") -> models.QuerySet:
        """The rows the list shows (``action="export"``: the rows its exports hold)."""
        model = self.table_class.model
        return self.table_class.queryset(model.objects.restrict(self.request.user, action))

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        """Hook for subclasses to add to the page's context."""
        return context

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        fmt = request.GET.get("export")
        if fmt is not None:
            return self.export(request, fmt)
        queryset = self.get_queryset()
        filterset = None
        if self.filterset_class is not None:
            filterset = self.filterset_class(request.GET or None, queryset=queryset, request=request)
            queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
            if filterset.is_bound and not filterset.is_valid():
                queryset = queryset.none()
        page = Paginator(queryset, self.paginate_by).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = self.get_context_data(
            create_url=_action_url(self.table_class.model, "create", request.user),
            import_url=self.import_url(request.user),
            documents=[(key, label) for key, label in self.documents.items()],
            title=capfirst(str(self.table_class.model._meta.verbose_name_plural)),
            filterset=filterset,
            table=self.table_class(page.object_list),
            page=page,
            query=query.urlencode(),
        )
        template = self.partial_template_name if is_htmx(request) else self.template_name
        return render(request, template, context)

    def import_url(self, user) -> str | None:
        """The import page for this list's rows, to who may write them somewhere."""
        model = self.table_class.model
        if self.import_kind is None or not can(user, permission_for(model, "write")):
            return None
        return f"{reverse('intake:imports')}?kind={self.import_kind}"

    def export(self, request: HttpRequest, fmt: str) -> HttpResponse:
        """The filtered list as a file, limited to what the user may export; logged in the audit trail."""
        if fmt not in exports.FORMATS and fmt not in self.documents:
            return HttpResponseBadRequest(gettext("Exports are .xlsx or .csv."))
        model = self.table_class.model
        queryset = self.get_queryset("export")
        params = request.GET.copy()
        params.pop("export", None)
        filterset = None
        if self.filterset_class is not None:
            filterset = self.filterset_class(params, queryset=queryset, request=request)
            if not filterset.is_valid():
                return HttpResponseBadRequest(gettext("Some filters are not valid; correct them to export."))
            queryset = filterset.qs
        log_action(
            f"{model._meta.model_name}.exported",
            user=request.user,
            data={"format": fmt, "filters": params.urlencode(), "model": model._meta.label_lower},
        )
        if fmt in self.documents:
            return self.document(
                request, queryset, fmt, chosen=filterset.form.cleaned_data if filterset else {}
            )
        content = exports.export(self.table_class, queryset, fmt)
        name = f"{model._meta.model_name}-{timezone.localdate().isoformat()}.{fmt}"
        response = HttpResponse(content, content_type=exports.FORMATS[fmt])
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def document(
        self, request: HttpRequest, queryset: models.QuerySet, key: str, *, chosen: dict[str, Any]
    ) -> HttpResponse:
        """The document ``key`` of the filtered ``queryset`` (``chosen``: the filters' values)."""
        raise NotImplementedError


_ACTIONS = {"create": "write", "edit": "write", "delete": "delete"}


def _reverse(name: str, args=()) -> str | None:
    """The URL named ``name``, or None when the URL configuration has no such page."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _action_url(target, action: str, user) -> str | None:
    """The ``<app>:<model>_<action>`` page for ``target`` (a model, or a row), if it exists and
    ``user`` may do it there: what a list or detail page offers."""
    model = target if isinstance(target, type) else type(target)
    meta = model._meta
    args = [] if isinstance(target, type) else [target.pk]
    url = _reverse(f"{meta.app_label}:{meta.model_name}_{action}", args)
    if url is None:
        return None
    permission = permission_for(model, _ACTIONS[action])
    return url if can(user, permission, None if isinstance(target, type) else target) else None


def child_pages(model: type[models.Model], parent: str | None) -> dict[str, str] | None:
    """The edit pages of ``model`` kept under its foreign key ``parent``: the create page's URL
    and the edit and delete pages' URL names; None when it has none of that kind."""
    if parent is None:
        return None
    meta = model._meta
    prefix = f"{meta.app_label}:{meta.model_name}"
    create = _reverse(f"{prefix}_create")
    if create is None or getattr(resolve_url(create).func, "view_initkwargs", {}).get("parent") != parent:
        return None
    return {"create": create, "edit": f"{prefix}_edit", "delete": f"{prefix}_delete"}


class RecordDetailView(LoginRequiredMixin, DetailView):
    """A record's fields, and related records as tables. Out of scope: 404."""

    template_name = "common/record_detail.html"
    model: ClassVar[type[models.Model]]
    related: ClassVar[tuple[tuple[str, type[Table]], ...]] = ()

    def get_queryset(self) -> models.QuerySet:
        return self.model.objects.restrict(self.request.user, "read")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj = self.object
        fields = []
        for field in obj._meta.concrete_fields:
            if field.primary_key or field.name in {"path", "depth", "numchild", "parent_path"}:
                continue
            value = resolve(obj, field.name)
            if value in (None, ""):
                continue
            if isinstance(value, datetime):
                value = formats.localize(timezone.localtime(value))
            elif isinstance(value, date):
                value = formats.localize(value)
            url = detail_url(value) if isinstance(value, models.Model) else None
            fields.append({"label": capfirst(str(field.verbose_name)), "value": value, "url": url})
        related = [self.related_block(obj, accessor, table_class) for accessor, table_class in self.related]
        context.update(
            {
                "title": str(obj),
                "fields": fields,
                "related": related,
                "history": self.history(obj),
                "edit_url": _action_url(obj, "edit", self.request.user),
                "delete_url": _action_url(obj, "delete", self.request.user),
            }
        )
        return context

    def related_block(self, obj: models.Model, accessor: str, table_class: type[Table]) -> dict[str, Any]:
        """The records under ``obj`` as a table, with links to add, edit and delete them for who may.

        The links appear when the child model has edit pages keyed on this relation
        (``edit_pages(..., parent=<the foreign key>)``); whether the user may write is asked
        once, of a child placed under ``obj`` (``_write_target``).
        """
        user = self.request.user
        manager = getattr(obj, accessor)
        child = table_class.model
        rows = table_class.queryset(manager.all().restrict(user, "read"))
        block = {
            "title": capfirst(str(child._meta.verbose_name_plural)),
            "add_url": None,
            "accessor": accessor,
        }
        fk = getattr(getattr(manager, "field", None), "name", None)
        pages = child_pages(child, fk)
        actions = []
        if pages and can(user, permission_for(child, "write"), _write_target(child(**{fk: obj}))):
            block["add_url"] = f"{pages['create']}?{fk}={obj.pk}"
            actions.append((gettext("Edit"), pages["edit"]))
            if can(user, permission_for(child, "delete"), obj):
                actions.append((gettext("Delete"), pages["delete"]))
        block["table"] = table_class(rows, actions=actions)
        return block

    def history(self, obj: models.Model) -> dict[str, Any]:
        """The record's audit entries the viewer may read, newest first."""
        table_class = audit_table()
        entries = (
            audit_model()
            .objects.restrict(self.request.user, "read")
            .filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
        )
        return {
            "title": gettext("History"),
            "table": table_class(table_class.queryset(entries)[:HISTORY_LIMIT]),
        }


def _write_target(instance: models.Model) -> models.Model | None:
    """What a write of ``instance`` is authorised against before the domain checks the row:
    the row once its relations reach a unit (a session under its activity), else nothing in
    particular (a campaign's scope, a group's visit: their unit is still to be chosen)."""
    return instance if instance.pk is not None or units_of(instance) != [] else None


def _return_url(obj: models.Model, parent: str | None, *, own: bool = True) -> str | None:
    """Where a page about ``obj`` leads back to: its own detail page (``own``), else its parent's,
    else its list."""
    url = detail_url(obj) if own and obj.pk is not None else None
    if url is None and parent is not None and getattr(obj, f"{parent}_id", None) is not None:
        url = detail_url(getattr(obj, parent))
    if url is None:
        url = _reverse(f"{obj._meta.app_label}:{obj._meta.model_name}_list")
    return url


class RecordEditView(LoginRequiredMixin, View):
    """Create (no ``pk``) or change a record through its form and ``save_record`` (or ``save()``).

    The record is looked up among those the user may read (404 otherwise); writing it needs
    the permission the domain function checks (403 otherwise). Bad input shows the form
    again with field errors, and nothing is written. ``parent`` names the foreign key of a
    record kept under another (a session under its study activity): a new one takes the
    parent from ``?<parent>=<pk>``, and the pages lead back to the parent's page.
    """

    model: ClassVar[type[models.Model] | None] = None
    form_class: ClassVar[type | None] = None
    parent: ClassVar[str | None] = None
    template_name = "common/record_form.html"

    def get_object(self, pk: int | None) -> models.Model:
        if pk is not None:
            return get_object_or_404(self.model.objects.restrict(self.request.user, "read"), pk=pk)
        instance = self.model()
        value = self.request.GET.get(self.parent or "", "")
        if value:
            related = self.model._meta.get_field(self.parent).related_model
            choices = readable_choices(related._default_manager.all(), self.request.user)
            setattr(instance, self.parent, get_object_or_404(choices, pk=parse_pk(value)))
        return instance

    def get_form(self, instance: models.Model, data=None, files=None):
        return self.form_class(data, files, instance=instance, user=self.request.user)

    def save(self, form) -> models.Model:
        return form.write()

    def render_form(self, form, status: int = 200) -> HttpResponse:
        instance = form.instance
        if instance.pk is None:
            title = gettext("New %(thing)s") % {"thing": self.model._meta.verbose_name}
        else:
            title = gettext("Edit %(thing)s") % {"thing": instance}
        context = {
            "form": form,
            "title": title,
            "cancel_url": _return_url(instance, self.parent),
            "delete_url": _action_url(instance, "delete", self.request.user) if instance.pk else None,
            "object": instance,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        instance = self.get_object(pk)
        self.check_write(instance)
        return self.render_form(self.get_form(instance))

    def check_write(self, instance: models.Model) -> None:
        """Refuse the page to who may not write here at all (the domain function checks the row)."""
        permission = permission_for(self.model, "write")
        if not can(self.request.user, permission, _write_target(instance)):
            raise PermissionDenied(gettext("You may not do this here."))

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        instance = self.get_object(pk)
        self.check_write(instance)
        form = self.get_form(instance, request.POST, request.FILES)
        # One transaction: the form's version check reads the row under a lock held until saved.
        with transaction.atomic():
            if not form.is_valid():
                return self.render_form(form, status=422)
            try:
                saved = self.save(form)
            except ValidationError as exc:
                form.add_error(None, exc)
                return self.render_form(form, status=422)
        messages.success(request, gettext("Saved: %(thing)s.") % {"thing": saved})
        return redirect(_return_url(saved, self.parent) or request.path)


class RecordDeleteView(LoginRequiredMixin, View):
    """Confirm, then delete a record through ``delete_record`` (404 out of read scope, 403 without delete)."""

    model: ClassVar[type[models.Model] | None] = None
    parent: ClassVar[str | None] = None
    template_name = "common/record_confirm_delete.html"

    def get_object(self, pk: int) -> models.Model:
        instance = get_object_or_404(self.model.objects.restrict(self.request.user, "read"), pk=pk)
        if not can(self.request.user, permission_for(self.model, "delete"), instance):
            raise PermissionDenied(gettext("You may not do this here."))
        return instance

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        instance = self.get_object(pk)
        title = gettext("Delete %(thing)s?") % {"thing": instance}
        context = {"object": instance, "title": title, "cancel_url": _return_url(instance, self.parent)}
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        instance = self.get_object(pk)
        delete_record(user=request.user, instance=instance)
        messages.success(request, gettext("Deleted: %(thing)s.") % {"thing": instance})
        return redirect(_return_url(instance, self.parent, own=False) or "/")


def edit_pages(
    route: str,
    model: type[models.Model],
    form_class: type,
    *,
    parent: str | None = None,
    edit_view: type[RecordEditView] = RecordEditView,
    delete_view: type[RecordDeleteView] = RecordDeleteView,
) -> list:
    """URL patterns ``<model>_create`` (``<route>new/``), ``_edit`` and ``_delete`` for ``model``."""
    name = model._meta.model_name
    edit = edit_view.as_view(model=model, form_class=form_class, parent=parent)
    return [
        path(f"{route}new/", edit, name=f"{name}_create"),
        path(f"{route}<int:pk>/edit/", edit, name=f"{name}_edit"),
        path(
            f"{route}<int:pk>/delete/", delete_view.as_view(model=model, parent=parent), name=f"{name}_delete"
        ),
    ]


class CheckInDeskView(LoginRequiredMixin, View):
    """The organiser's check-in desk for an occasion (a study session, a conference day), and
    with ``sheet=True`` its printable sign-in sheet.

    The desk shows the occasion's QR code (a signed, expiring link, refreshed every few
    minutes), the arrivals so far (the page polls them: an htmx request gets that list only),
    a way to mark people present by hand and to take a check-in back. Subclasses say what the
    occasion is and call their domain functions; a POST carries ``mark=<person>`` or
    ``undo=<check-in>``.
    """

    template_name = "common/check_in_desk.html"
    partial_template_name = "common/_check_in_arrivals.html"
    code_template_name = "common/_check_in_code.html"
    sheet_template_name = "common/sign_in_sheet.html"
    sheet = False
    # How often the desk shows a fresh code, in seconds (the code itself works for longer).
    code_refresh = 600

    def get_occasion(self, request: HttpRequest, **kwargs: Any) -> Any:
        raise NotImplementedError

    def describe(self, occasion: Any) -> dict[str, Any]:
        """``occasion`` (its name), ``subtitle``, ``day`` (when the code works), ``back_url``,
        ``desk_url``, ``sheet_url``, ``code_path`` and optionally ``days`` (tabs)."""
        raise NotImplementedError

    def arrivals(self, occasion: Any) -> list[dict[str, Any]]:
        """Who has checked in: dicts with ``pk`` (of the check-in), ``person`` (its pk),
        ``name``, ``detail``, ``at`` and ``method``."""
        raise NotImplementedError

    def expected(self, occasion: Any) -> list[tuple[Any, str, str, str]]:
        """Who is expected: ``(person pk, name, post, group)``, in the order of the sheet."""
        raise NotImplementedError

    def mark(self, occasion: Any, pk: int | None, user) -> str:
        """Mark the person ``pk`` present; the message to show."""
        raise NotImplementedError

    def undo(self, occasion: Any, pk: int | None, user) -> str:
        """Take the check-in ``pk`` back; the message to show."""
        raise NotImplementedError

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        occasion = self.get_occasion(request, **kwargs)
        if self.sheet:
            return self.render_sheet(request, occasion)
        return self.render_desk(request, occasion)

    def _context(self, request: HttpRequest, occasion: Any) -> dict[str, Any]:
        described = self.describe(occasion)
        return {**described, "arrivals": self.arrivals(occasion), "poll_url": described["desk_url"]}

    def render_desk(self, request: HttpRequest, occasion: Any, *, error: str = "", status: int = 200):
        context = {**self._context(request, occasion), "error": error}
        if is_htmx(request) and request.GET.get("part") == "code":
            return render(request, self.code_template_name, self._code(request, context), status=status)
        expected = self.expected(occasion)
        context["expected"] = len(expected)
        if is_htmx(request):
            return render(request, self.partial_template_name, context, status=status)
        arrived = {a["person"] for a in context["arrivals"]}
        context["candidates"] = [(pk, name) for pk, name, _post, _group in expected if pk not in arrived]
        return render(request, self.template_name, self._code(request, context), status=status)

    def _code(self, request: HttpRequest, context: dict[str, Any]) -> dict[str, Any]:
        code_url = request.build_absolute_uri(context["code_path"])
        return {
            **context,
            "code_url": code_url,
            "qr": checkin.qr_svg(code_url),
            "expires_at": checkin.expires_at(),
            "code_refresh": self.code_refresh,
            "works_today": context["day"] == timezone.localdate(),
        }

    def render_sheet(self, request: HttpRequest, occasion: Any) -> HttpResponse:
        context = self._context(request, occasion)
        at = {a["person"]: a["at"] for a in context["arrivals"]}
        groups: dict[str, list[dict[str, Any]]] = {}
        for pk, name, post, group in self.expected(occasion):
            groups.setdefault(group, []).append({"name": name, "post": post, "at": at.get(pk)})
        context.update(
            groups=[{"title": title, "rows": rows} for title, rows in groups.items()],
            checked_in=sum(1 for rows in groups.values() for row in rows if row["at"]),
            total=sum(len(rows) for rows in groups.values()),
        )
        if request.GET.get("format") == "docx":
            title = gettext("Sign-in sheet: %(occasion)s") % {"occasion": context["occasion"]}
            document = documents.sign_in_sheet_docx(
                title=title, subtitle=context["subtitle"], groups=context["groups"]
            )
            return documents.docx_response(document, name=documents.file_name(title, extension="docx"))
        context["docx_url"] = (
            f"{context['sheet_url']}{'&' if '?' in context['sheet_url'] else '?'}format=docx"
        )
        return render(request, self.sheet_template_name, context)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        if self.sheet:
            return HttpResponseNotAllowed(["GET"])
        occasion = self.get_occasion(request, **kwargs)
        try:
            if "undo" in request.POST:
                message = self.undo(occasion, parse_pk(request.POST["undo"]), request.user)
            else:
                message = self.mark(occasion, parse_pk(request.POST.get("mark", "")), request.user)
        except ValidationError as exc:
            return self.render_desk(request, occasion, error=" ".join(exc.messages), status=422)
        if is_htmx(request):
            return self.render_desk(request, occasion)
        messages.success(request, message)
        return redirect(request.get_full_path())


class CodeCheckInView(LoginRequiredMixin, View):
    """An attendee opens a check-in code on their phone: GET says what for and as whom (or why
    not), POST checks in, once.

    Signing in first is the login page's work (the code survives in ``next``). Subclasses
    call their domain functions; a stale or forged code, another day's code or a person not
    expected there gets the reason in the user's language and writes nothing.
    """

    template_name = "common/check_in.html"

    def who(self, *, code: str, user) -> tuple[str, Any]:
        """``(occasion, person)`` if ``user`` may check in with ``code``; else ``ValidationError``."""
        raise NotImplementedError

    def check_in(self, *, code: str, user) -> tuple[str, bool]:
        """Check in; ``(occasion, new?)``."""
        raise NotImplementedError

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        try:
            occasion, person = self.who(code=code, user=request.user)
        except ValidationError as exc:
            return render(request, self.template_name, {"error": " ".join(exc.messages)}, status=400)
        return render(request, self.template_name, {"occasion": occasion, "person": person})

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        try:
            occasion, created = self.check_in(code=code, user=request.user)
        except ValidationError as exc:
            return render(request, self.template_name, {"error": " ".join(exc.messages)}, status=400)
        return render(request, self.template_name, {"occasion": occasion, "created": created, "done": True})
