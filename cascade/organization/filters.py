"""FilterSets for units, people and countries: the list pages' filters and the API's query parameters."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cascade.common.filters import ScopedFilterSet, SubtreeFilter

from .models import Country, Person, Unit


class UnitFilterSet(ScopedFilterSet):
    within = SubtreeFilter(field_name="", label=_("Within unit (with its subtree)"))
    search_fields = ("name", "name_zh", "short_name", "short_name_zh")

    class Meta:
        model = Unit
        fields = ["q", "kind", "within"]


class MemberSubtreeFilter(SubtreeFilter):
    """People with a membership in the given unit's subtree (each person once)."""

    def filter(self, qs: QuerySet, value: Unit | None) -> QuerySet:
        if value is None:
            return qs
        return super().filter(qs, value).distinct()


class PersonFilterSet(ScopedFilterSet):
    unit = MemberSubtreeFilter(field_name="memberships__unit")
    search_fields = ("name", "name_zh", "post", "post_zh")

    class Meta:
        model = Person
        fields = ["q", "rank", "unit"]


class CountryFilterSet(ScopedFilterSet):
    search_fields = ("code", "name", "name_zh")

    class Meta:
        model = Country
        fields = ["q"]
