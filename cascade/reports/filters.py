"""Choosing units to look at figures for: a FilterSet over the units the viewer may read."""

from django.utils.translation import gettext_lazy as _

from cascade.core.filters import ScopedFilterSet
from cascade.organization.filters import SubtreeFilter
from cascade.organization.models import Unit


class FiguresUnitFilterSet(ScopedFilterSet):
    """Find the units whose figures to open: by name, kind, and within a subtree."""

    within = SubtreeFilter(field_name="", label=_("Within unit (with its subtree)"))
    search_fields = ("name", "name_zh", "short_name", "short_name_zh")

    class Meta:
        model = Unit
        fields = ["q", "kind", "within"]
