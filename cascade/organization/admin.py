"""Admin for units (a treebeard tree), people, memberships and the history of unit moves.

Also home to the few admin helpers the other apps' admin modules share.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext_lazy as _
from treebeard.admin import TreeAdmin
from treebeard.forms import MoveNodeForm, movenodeform_factory

from cascade.core.admin import VersionedAdminMixin
from cascade.core.audit import explicit, log_action, snapshot
from cascade.core.forms import parse_pk

from .domain import move_unit
from .models import Country, Membership, Person, Unit, UnitMove

# --- shared helpers -------------------------------------------------------------------------


def _plain(value):
    """A form's initial value as the audit log stores it (objects as their keys, files as names)."""
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, list | tuple | set):
        return [getattr(v, "pk", v) for v in value]
    return getattr(value, "pk", value)


class CascadeAdminMixin(VersionedAdminMixin):
    """What every Cascade admin does on top of Django's.

    - Only superusers reach the admin (``CascadeAdminSite``): it is not scoped. A row that
      does not exist answers 404 on its change, delete and history pages (never Django's
      redirect to the admin index).
    - Every add, change and delete made here lands in the audit log (who, when, before,
      after), inline rows included, like the changes the domain functions make. Those
      writes run inside ``audit.explicit()``, so the model history does not log them twice;
      rows a deletion cascades to still get their own (``cascade.access.history``).
    - ``user_field`` names a user field filled with the signed-in user when an object is
      created here; ``inline_user_fields`` does the same for inline models.
    """

    user_field: str | None = None
    inline_user_fields: dict[type, str] = {}
    audit_exclude: tuple[str, ...] = ("password",)
    # Tables grow to millions of rows: skip the second, unfiltered COUNT(*) of every changelist.
    show_full_result_count = False

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    # -- audit

    def _audit_fields(self, model) -> list[str]:
        opts = model._meta
        return [
            f.name
            for f in [*opts.concrete_fields, *opts.many_to_many]
            if f.editable and f.name not in self.audit_exclude
        ]

    def _audit_snapshot(self, obj) -> dict:
        return snapshot(obj, fields=self._audit_fields(type(obj)))

    @staticmethod
    def _audit_unit(obj):
        return obj if isinstance(obj, Unit) else None

    def _audit(self, request, verb: str, obj, **kwargs) -> None:
        log_action(
            f"admin.{obj._meta.model_name}.{verb}",
            obj=obj,
            user=request.user,
            unit=self._audit_unit(obj),
            **kwargs,
        )

    def save_form(self, request, form, change):
        if change and form.instance.pk is not None:
            current = type(form.instance)._default_manager.filter(pk=form.instance.pk).first()
            form._audit_before = self._audit_snapshot(current) if current is not None else None
        with explicit():  # a tree's form writes here (treebeard)
            return super().save_form(request, form, change)

    def save_model(self, request, obj, form, change):
        if not change and self.user_field and getattr(obj, f"{self.user_field}_id", None) is None:
            setattr(obj, self.user_field, request.user)
        with explicit():
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        with explicit():
            super().save_related(request, form, formsets, change)
        obj = form.instance
        before = getattr(form, "_audit_before", None)
        after = self._audit_snapshot(obj)
        if change and before == after:
            return  # only inline rows changed; they have their own entries
        self._audit(request, "changed" if change else "created", obj, before=before, after=after)

    def save_formset(self, request, form, formset, change):
        with explicit():
            self._save_formset(request, form, formset, change)

    def _save_formset(self, request, form, formset, change):
        model = formset.model
        doomed = [f.instance.pk for f in formset.deleted_forms if f.instance.pk is not None]
        for obj in model._default_manager.filter(pk__in=doomed):
            self._audit(request, "deleted", obj, before=self._audit_snapshot(obj))

        field = self.inline_user_fields.get(model)
        if field is None:
            super().save_formset(request, form, formset, change)
        else:
            for instance in formset.save(commit=False):
                if instance._state.adding and getattr(instance, f"{field}_id", None) is None:
                    setattr(instance, field, request.user)
                instance.save()
            for obj in formset.deleted_objects:
                obj.delete()
            formset.save_m2m()

        for obj in formset.new_objects:
            self._audit(request, "created", obj, after=self._audit_snapshot(obj))
        initial = {f.instance.pk: f.initial for f in formset.initial_forms}
        for obj, changed in formset.changed_objects:
            fields = [name for name in changed if name not in self.audit_exclude]
            old = initial.get(obj.pk, {})
            self._audit(
                request,
                "changed",
                obj,
                before={name: _plain(old.get(name)) for name in fields},
                after=snapshot(obj, fields=fields),
            )

    def delete_model(self, request, obj):
        self._audit(request, "deleted", obj, before=self._audit_snapshot(obj))
        with explicit([obj]):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        doomed = list(queryset)
        for obj in doomed:
            self._audit(request, "deleted", obj, before=self._audit_snapshot(obj))
        with explicit(doomed):
            super().delete_queryset(request, queryset)


class CascadeModelAdmin(CascadeAdminMixin, admin.ModelAdmin):
    pass


class TabularInline(admin.TabularInline):
    extra = 0


class StackedInline(admin.StackedInline):
    extra = 0


class HistoryAdminMixin:
    """A record of what happened: nobody adds or edits one here; only a superuser may delete."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)


class ReadOnlyInlineMixin:
    """An inline that only shows rows (history kept elsewhere)."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# --- units ----------------------------------------------------------------------------------

# The move form picks the reference node with the same AJAX search as every other unit
# field (a relation to Unit serves as the autocomplete's source), never a list of all units.
_UNIT_SEARCH_SOURCE = UnitMove._meta.get_field("new_parent")


class UnitMoveNodeForm(MoveNodeForm):
    """Treebeard's move form, with an autocomplete reference node and a sibling-name check."""

    # Our own labels, so that they are in this project's catalogue.
    _MoveNodeForm__position_choices_sorted = (
        ("sorted-child", _("Child of")),
        ("sorted-sibling", _("Sibling of")),
    )
    _MoveNodeForm__position_choices_unsorted = (
        ("first-child", _("First child of")),
        ("left", _("Before")),
        ("right", _("After")),
    )
    treebeard_position = forms.ChoiceField(required=True, label=_("Position"))
    treebeard_ref_node = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        label=_("Relative to"),
        help_text=_("Leave empty to place the unit at the top of the tree."),
    )

    def _set_ref_model_queryset(self, opts, instance):
        field = self.fields["treebeard_ref_node"]
        field.widget = AutocompleteSelect(_UNIT_SEARCH_SOURCE, admin.site)
        queryset = Unit.objects.all()
        if instance is not None and instance.pk:
            # Not inside its own subtree; a path range, never a list of descendants.
            queryset = queryset.exclude(instance.subtree_q())
        field.queryset = queryset

    def _new_parent_path(self) -> str | None:
        ref = self.cleaned_data.get("treebeard_ref_node")
        position = self.cleaned_data.get("treebeard_position")
        if ref is None:
            return ""
        if position in ("first-child", "last-child", "sorted-child"):
            return ref.path
        return ref.path[: -Unit.steplen]

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("name")
        if name and "treebeard_position" in cleaned:
            parent_path = self._new_parent_path()
            clash = Unit.objects.filter(parent_path=parent_path, name=name)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("name", _("A unit with this name already exists under the same parent."))
        return cleaned


class MembershipInline(TabularInline):
    model = Membership
    fk_name = "unit"
    extra = 0
    fields = ("person", "post", "is_leadership", "start_date", "end_date")
    autocomplete_fields = ("person",)


@admin.register(Unit)
class UnitAdmin(CascadeAdminMixin, TreeAdmin):
    form = movenodeform_factory(Unit, form=UnitMoveNodeForm)
    list_display = ("name", "name_zh", "short_name", "kind", "country", "leader", "depth", "numchild")
    list_select_related = ("country", "leader")
    list_filter = ("kind", "depth")
    search_fields = ("name", "name_zh", "short_name", "short_name_zh")
    autocomplete_fields = ("country", "leader")
    readonly_fields = ("path", "parent_path", "depth", "numchild", "created_at", "updated_at")
    inlines = (MembershipInline,)
    list_per_page = 100

    def save_form(self, request, form, change):
        if not change:
            return super().save_form(request, form, change)
        # A new parent chosen on the form is a move: domain.move_unit makes it after the
        # fields are saved (save_model), never treebeard's own form.
        unit = form.instance
        old_parent = Unit.objects.get_parent(unit, update=True)
        moved = {"treebeard_ref_node", "treebeard_position"} & set(form.changed_data)
        new_path = form._new_parent_path() if moved else None
        for name in moved:
            form.changed_data.remove(name)
        form._new_parent = None
        if new_path is not None and new_path != getattr(old_parent, "path", ""):
            if new_path == "":
                messages.error(request, _("A unit is not moved to the top of the tree here."))
            else:
                form._new_parent = Unit.objects.get(path=new_path)
        return super().save_form(request, form, change)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        new_parent = getattr(form, "_new_parent", None)
        if new_parent is not None:
            move_unit(unit=obj, new_parent=new_parent, user=request.user, reason=str(_("moved in the admin")))
            obj.refresh_from_db()

    def move_node(self, request):
        """Drag and drop: a new parent goes through ``domain.move_unit``; a reorder among siblings is not a move."""
        node_id, target_id = request.POST.get("node", ""), request.POST.get("target", "")
        node = Unit.objects.filter(pk=parse_pk(node_id)).first()
        target = Unit.objects.filter(pk=parse_pk(target_id)).first()
        if node is None or target is None:
            return super().move_node(request)
        parent = target if request.POST.get("relation") == "child" else Unit.objects.get_parent(target)
        old_parent = Unit.objects.get_parent(node)
        if parent is None or getattr(old_parent, "pk", None) == parent.pk:
            return super().move_node(request)
        try:
            move_unit(unit=node, new_parent=parent, user=request.user, reason=str(_("moved in the admin")))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return HttpResponseBadRequest(" ".join(exc.messages))
        messages.success(
            request, _("“%(unit)s” moved under “%(parent)s”.") % {"unit": node, "parent": parent}
        )
        return HttpResponse("OK")


@admin.register(Country)
class CountryAdmin(CascadeModelAdmin):
    list_display = ("code", "name", "name_zh")
    search_fields = ("code", "name", "name_zh")


class PersonMembershipInline(TabularInline):
    model = Membership
    fk_name = "person"
    extra = 0
    fields = ("unit", "post", "is_leadership", "start_date", "end_date")
    autocomplete_fields = ("unit",)


@admin.register(Person)
class PersonAdmin(CascadeModelAdmin):
    list_display = ("name", "name_zh", "rank", "post", "user")
    list_select_related = ("user",)
    list_filter = ("rank",)
    search_fields = ("name", "name_zh", "post", "post_zh", "user__username")
    autocomplete_fields = ("user",)
    readonly_fields = ("created_at", "updated_at")
    inlines = (PersonMembershipInline,)


@admin.register(Membership)
class MembershipAdmin(CascadeModelAdmin):
    list_display = ("person", "unit", "post", "is_leadership", "start_date", "end_date")
    list_select_related = ("person", "unit")
    list_filter = ("is_leadership",)
    search_fields = (
        "person__name",
        "person__name_zh",
        "unit__name",
        "unit__name_zh",
        "unit__short_name",
        "post",
    )
    autocomplete_fields = ("person", "unit")
    readonly_fields = ("created_at", "updated_at")


@admin.register(UnitMove)
class UnitMoveAdmin(HistoryAdminMixin, CascadeModelAdmin):
    list_display = ("unit", "old_parent", "new_parent", "old_path", "new_path", "moved_at", "moved_by")
    list_select_related = ("unit", "old_parent", "new_parent", "moved_by")
    search_fields = ("unit__name", "unit__name_zh", "old_path", "new_path", "reason")
    date_hierarchy = "moved_at"
    readonly_fields = (
        "unit",
        "old_parent",
        "new_parent",
        "old_path",
        "new_path",
        "moved_at",
        "moved_by",
        "reason",
    )


__all__ = [
    "CascadeAdminMixin",
    "CascadeModelAdmin",
    "HistoryAdminMixin",
    "ReadOnlyInlineMixin",
    "StackedInline",
    "TabularInline",
    "UnitMoveNodeForm",
]
