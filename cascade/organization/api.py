"""Units and people over HTTP: scoped lists (query parameters = the FilterSets), details, children."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from cascade.core.api import Pagination, Versioned, record_routes, scoped_get, scoped_list
from cascade.core.forms import MAX_PK

from . import domain, filters, forms
from .models import Country, Person, Unit
from .tables import PersonTable

router = Router(tags=["organization"])


class UnitOut(Versioned):
    id: int
    name: str
    name_zh: str
    short_name: str
    short_name_zh: str
    kind: str
    path: str
    depth: int
    numchild: int
    country_id: int | None
    leader_id: int | None


class MembershipOut(Schema):
    unit_id: int
    unit_name: str
    post: str
    is_leadership: bool

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.unit.name


class PersonOut(Versioned):
    id: int
    name: str
    name_zh: str
    rank: str
    post: str
    post_zh: str
    memberships: list[MembershipOut]


class CountryOut(Schema):
    id: int
    code: str
    name: str
    name_zh: str


record_routes(router, "units", forms.UnitForm, out=UnitOut, read=False, delete=False)
record_routes(
    router,
    "people",
    forms.PersonForm,
    out=PersonOut,
    queryset=lambda request: _people(request.user),
    read=False,
    delete=False,
)


def _people(user):
    """People the user may read, with only the memberships they may read."""
    return PersonTable.for_user(Person.objects.restrict(user, "read"), user)


@router.get("/units", response=list[UnitOut])
@paginate(Pagination)
def list_units(request: HttpRequest):
    """Units the caller may read; ``within`` takes a unit's id or name and keeps its subtree."""
    return scoped_list(request, Unit, filters.UnitFilterSet)


@router.get("/units/{pk}", response=UnitOut)
def get_unit(request: HttpRequest, pk: int):
    return scoped_get(request, Unit, pk)


@router.get("/units/{pk}/children", response=list[UnitOut])
@paginate(Pagination)
def list_unit_children(request: HttpRequest, pk: int):
    """The units directly below a unit, those the caller may read."""
    unit = scoped_get(request, Unit, pk)
    return Unit.objects.get_children(unit).restrict(request.user, "read")


@router.get("/people", response=list[PersonOut])
@paginate(Pagination)
def list_people(request: HttpRequest):
    """People with a membership in a unit the caller may read; memberships elsewhere are left out."""
    return scoped_list(request, Person, filters.PersonFilterSet, queryset=_people(request.user))


@router.get("/people/{pk}", response=PersonOut)
def get_person(request: HttpRequest, pk: int):
    return scoped_get(request, Person, pk, queryset=_people(request.user))


@router.get("/countries", response=list[CountryOut])
@paginate(Pagination)
def list_countries(request: HttpRequest):
    return scoped_list(request, Country, filters.CountryFilterSet)


class MoveIn(Schema):
    new_parent_id: int = Field(..., ge=1, le=MAX_PK)
    reason: str = Field("", max_length=300)


@router.post("/units/{pk}/move", response=UnitOut)
def move_unit(request: HttpRequest, pk: int, payload: MoveIn):
    """Move a unit, with its subtree and records, under another parent (write rights over both)."""
    unit = scoped_get(request, Unit, pk)
    parent = Unit.objects.restrict(request.user, "read").filter(pk=payload.new_parent_id).first()
    if parent is None:
        raise HttpError(422, _("No such units: %(ids)s.") % {"ids": payload.new_parent_id})
    try:
        domain.move_unit(unit=unit, new_parent=parent, reason=payload.reason, user=request.user)
    except ValidationError as exc:
        raise HttpError(422, " ".join(exc.messages)) from exc
    return Unit.objects.get(pk=unit.pk)
