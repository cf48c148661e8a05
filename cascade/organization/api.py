"""Units and people over HTTP: scoped lists (query parameters = the FilterSets), details, children."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from cascade.core.api import Pagination, scoped_get, scoped_list

from . import filters
from .models import Country, Person, Unit
from .tables import PersonTable

router = Router(tags=["organization"])


class UnitOut(Schema):
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


class PersonOut(Schema):
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
    return PersonTable.for_user(scoped_list(request, Person, filters.PersonFilterSet), request.user)


@router.get("/people/{pk}", response=PersonOut)
def get_person(request: HttpRequest, pk: int):
    queryset = PersonTable.for_user(Person.objects.restrict(request.user, "read"), request.user)
    return get_object_or_404(queryset, pk=pk)


@router.get("/countries", response=list[CountryOut])
@paginate(Pagination)
def list_countries(request: HttpRequest):
    return scoped_list(request, Country, filters.CountryFilterSet)
