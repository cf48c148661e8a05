"""Forms for units, people and organisation actions; every one is written through ``cascade.organization.domain``."""

from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cascade.core.forms import ScopedModelForm, parse_pk

from . import domain
from .filters import UnitField
from .models import Membership, Person, Unit


class UnitMoveForm(forms.Form):
    """Re-parent a unit: the new parent is given by id, name or short name among the units the user sees."""

    new_parent = UnitField(
        label=_("new parent"),
        help_text=_("The unit's id, name, Chinese name or short name."),
    )
    reason = forms.CharField(label=_("reason"), max_length=300, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].user = user
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")


class UnitForm(ScopedModelForm):
    """A unit and where it sits: ``parent`` among the units where the user may add units."""

    write_units = ("parent",)
    parent = forms.ModelChoiceField(label=_("parent unit"), queryset=Unit.objects.all(), required=False)

    class Meta:
        model = Unit
        fields = ["name", "name_zh", "short_name", "short_name_zh", "kind", "country"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            # A stored unit changes place by a move (``domain.move_unit``), not by an edit.
            self.fields["parent"].disabled = True
            if self.instance.depth > 1:
                self.initial["parent"] = Unit.objects.get_parent(self.instance).pk

    def write(self) -> Unit:
        """A new unit is added under its parent (``domain.create_unit``); a stored one keeps its
        place (moving is ``domain.move_unit``'s work) and saves like a record."""
        if self.instance.pk is not None:
            return super().write()
        fields = {name: self.cleaned_data[name] for name in self._meta.fields}
        return domain.create_unit(parent=self.cleaned_data["parent"], user=self.user, **fields)


class PersonForm(ScopedModelForm):
    """A person and their membership of one unit (``unit``, among the units where the user may add people)."""

    write_units = ("unit",)
    unit = forms.ModelChoiceField(label=_("unit"), queryset=Unit.objects.all())
    is_leadership = forms.BooleanField(label=_("leadership team"), required=False)
    start_date = forms.DateField(label=_("start date"), required=False)

    class Meta:
        model = Person
        fields = ["name", "name_zh", "rank", "post", "post_zh"]
        # A person's name is 姓名, not the 名称 of a unit.
        labels = {"name": pgettext_lazy("person", "name"), "name_zh": pgettext_lazy("person", "Chinese name")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A stored person's membership of the unit named is what the membership fields start from.
        unit = parse_pk(str(self.data.get(self.add_prefix("unit"), ""))) if self.is_bound else None
        if self.instance.pk is not None and unit is not None:
            membership = (
                Membership.objects.filter(person=self.instance, unit_id=unit).order_by("-start_date").first()
            )
            if membership is not None:
                self.initial.update(
                    unit=unit, is_leadership=membership.is_leadership, start_date=membership.start_date
                )

    @classmethod
    def data_of(cls, instance: Person, *, user) -> dict:
        """The person, and as the membership fields their latest membership of a unit where
        ``user`` may write people."""
        data = super().data_of(instance, user=user)
        memberships = Membership.objects.filter(person=instance).restrict(user, domain.PERSON_WRITE)
        membership = memberships.order_by(F("start_date").desc(nulls_last=True), "-pk").first()
        if membership is not None:
            data.update(
                unit=membership.unit_id,
                is_leadership=membership.is_leadership or None,
                start_date=membership.start_date or "",
            )
        return data

    def write(self) -> Person:
        """The person and their membership of the unit named (``domain.save_person``)."""
        data = self.cleaned_data
        return domain.save_person(
            person=self.instance,
            unit=data["unit"],
            is_leadership=data["is_leadership"],
            start_date=data["start_date"],
            user=self.user,
        )
