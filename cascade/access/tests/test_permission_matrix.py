"""The permission matrix: every model by every path, for a user scoped to unit A.

A clerk of A must see A's records and never B's (B is A's sibling): lists leave B's rows
out, details and actions on B's rows answer 404, the admin shows none of them. The
test walks the URL configuration, the API routes and the admin registry, so a new model
or a new path that is not in the matrix makes it fail, naming what is missing.
"""

from __future__ import annotations

import importlib
from urllib.parse import urlencode

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cascade.access.choices import Role
from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory
from cascade.api import api
from cascade.core.api import RECORD_ROUTES
from cascade.core.filters import ScopedFilterSet
from cascade.core.registry import INTERNAL, SCOPES, scope_for
from cascade.core.tables import detail_url
from cascade.core.tests.queries import page_queries
from cascade.organization.models import Unit
from cascade.organization.tests.factories import UnitFactory

CASCADE_APPS = ("organization", "campaigns", "conferences", "reports", "intake", "access")
FACTORY_MODULES = [f"cascade.{app}.tests.factories" for app in CASCADE_APPS]
FILTER_MODULES = ["cascade.core.filters", *(f"cascade.{app}.filters" for app in CASCADE_APPS)]

# Paths that take a record's pk but are not ``<app>:<model>_detail``: the model behind the pk.
PAGE_MODELS = {
    "unit-dashboard": "organization.unit",
    "unit-briefing": "organization.unit",
    "organization:unit_move": "organization.unit",
    "campaigns:studyactivity_roster": "campaigns.studyactivity",
    "campaigns:studysession_checkin": "campaigns.studysession",
    "campaigns:studysession_sheet": "campaigns.studysession",
    "campaigns:researchtopic_claim": "campaigns.researchtopic",
    "campaigns:rectificationitem_transition": "campaigns.rectificationitem",
    "campaigns:rectificationevidence_file": "campaigns.rectificationevidence",
    "conferences:arrangement_issue": "conferences.arrangement",
    "conferences:directive_notice": "conferences.directive",
    "conferences:conference_checkin": "conferences.conference",
    "conferences:conference_sheet": "conferences.conference",
    "conferences:delivery_acknowledge": "conferences.directiverecipient",
    "conferences:delivery_status": "conferences.directiverecipient",
    "conferences:delivery_cascade": "conferences.directiverecipient",
    "conferences:delivery_progress": "conferences.directiverecipient",
    "intake:narrativereport_extract": "intake.narrativereport",
    "intake:narrativereport_reconcile": "intake.narrativereport",
    "intake:extractedfact_decide": "intake.extractedfact",
    "intake:import_page": "intake.importjob",
    "intake:import_commit": "intake.importjob",
    "access:roleassignment_delete": "access.roleassignment",
    # A user's own token (not a unit's: tested in test_tokens.py).
    "access:apitoken_revoke": "access.apitoken",
    # A user's own notification (not a unit's: tested in reports' test_notifications.py).
    "notification-read": "reports.notification",
    # A user's own briefing file (tested in reports' test_briefing_files.py).
    "briefing-file": "reports.briefingfile",
    "briefing-file-download": "reports.briefingfile",
}
# Every record's own pages by their URL name: ``<app>:<model>_detail`` / ``_edit`` / ``_delete``.
RECORD_PAGES = ("_detail", "_edit", "_delete")
# Of those, the pages read with GET (the others are actions, POSTed).
PAGE_GETS = {
    "unit-dashboard",
    "briefing-file",
    "briefing-file-download",
    "unit-briefing",
    "campaigns:rectificationevidence_file",
    "campaigns:studysession_checkin",
    "campaigns:studysession_sheet",
    "conferences:directive_notice",
    "intake:import_page",
}
# API routes that take a pk, and the model behind it.
API_MODELS = {
    "get_unit": "organization.unit",
    "list_unit_children": "organization.unit",
    "get_person": "organization.person",
    "get_study_activity": "campaigns.studyactivity",
    "get_research_topic": "campaigns.researchtopic",
    "get_rectification_item": "campaigns.rectificationitem",
    "transition_rectification_item": "campaigns.rectificationitem",
    "get_conference": "conferences.conference",
    "get_directive": "conferences.directive",
    "acknowledge": "conferences.directiverecipient",
    "set_status": "conferences.directiverecipient",
    "cascade": "conferences.directiverecipient",
    "progress": "conferences.directiverecipient",
    "get_report": "intake.narrativereport",
    "list_report_facts": "intake.narrativereport",
    "extract_report_facts": "intake.narrativereport",
    "decide_extracted_fact": "intake.extractedfact",
    "reconcile_report": "intake.narrativereport",
    "get_audit_entry": "access.auditentry",
    "mark_notification_read": "reports.notification",
    "move_unit": "organization.unit",
    "claim_research_topic": "campaigns.researchtopic",
    "get_attendance": "campaigns.studyactivity",
    "record_study_attendance": "campaigns.studyactivity",
    "list_rectification_evidence": "campaigns.rectificationitem",
    "add_rectification_evidence": "campaigns.rectificationitem",
    "delete_rectification_evidence": "campaigns.rectificationevidence",
    "issue_arrangement": "conferences.arrangement",
    "get_role_assignment": "access.roleassignment",
    "revoke_role_assignment": "access.roleassignment",
    # The records' own routes (read, change, delete one): cascade.core.api.record_routes.
    **{
        name: label
        for name, (action, label) in RECORD_ROUTES.items()
        if action in ("get", "change", "delete")
    },
}
# Valid bodies for the API's POST routes, so that only the scope can refuse them.
API_BODIES = {
    "transition_rectification_item": {"to": "in_progress"},
    "set_status": {"to": "acknowledged"},
    "progress": {"text": "progress", "percent_done": 10},
    "decide_extracted_fact": {"accept": True},
    "move_unit": {"new_parent_id": 1},
    "claim_research_topic": {},
    "record_study_attendance": {"present": []},
}
# API list routes and the model whose rows they return.
API_LISTS = {
    "list_units": "organization.unit",
    "list_people": "organization.person",
    "list_countries": "organization.country",
    "list_campaigns": "campaigns.campaign",
    "list_study_activities": "campaigns.studyactivity",
    "list_research_topics": "campaigns.researchtopic",
    "list_steering_groups": "campaigns.steeringgroup",
    "list_rectification_items": "campaigns.rectificationitem",
    "list_outreach_events": "campaigns.outreachevent",
    "list_conferences": "conferences.conference",
    "list_directives": "conferences.directive",
    "list_reports": "intake.narrativereport",
    "list_audit": "access.auditentry",
    "list_role_assignments": "access.roleassignment",
    "list_notifications": "reports.notification",
    **{name: label for name, (action, label) in RECORD_ROUTES.items() if action == "list"},
}
# Creating records (their own test walks every kind: cascade/core/tests/test_api_records.py).
API_CREATES = {name for name, (action, _label) in RECORD_ROUTES.items() if action == "create"} | {
    # Tested in their apps' API tests.
    "grant_role",
    "submit_report",
}
# API routes with neither a pk nor a list of one model's rows (tested in their own apps).
API_OTHER = {"get_rollup", "me", "openapi-json", "openapi-view", "api-root", "mark_notifications_read"}


def _models() -> list:
    """Every model a person is served, directly or not (the engine's bookkeeping left out)."""
    return [
        m
        for app in CASCADE_APPS
        for m in apps.get_app_config(app).get_models()
        if m._meta.label_lower not in INTERNAL
    ]


def _factories() -> dict:
    found = {}
    for name in FACTORY_MODULES:
        module = importlib.import_module(name)
        for value in vars(module).values():
            model = getattr(getattr(value, "_meta", None), "model", None)
            if model is not None and hasattr(value, "create"):
                found[model._meta.label_lower] = value
    return found


def _make(label: str, unit: Unit):
    """A row of ``label`` that belongs to ``unit`` through the model's scope lookup."""
    lookup = SCOPES[label].unit
    factories = _factories()
    if lookup == "":
        return UnitFactory(parent=Unit.objects.get(pk=unit.pk))
    if lookup == "memberships__unit":
        return factories["organization.membership"](unit=unit).person
    if lookup == "deliveries__unit":
        return factories["conferences.directiverecipient"](unit=unit).directive
    return factories[label](**{lookup: unit})


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            if p.namespace not in {"admin", "api"}:
                yield from _walk(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{prefix}{p.name}", p


@pytest.fixture
def world(db):
    root = UnitFactory(name="Root")
    a = UnitFactory(parent=Unit.objects.get(pk=root.pk), name="A")
    b = UnitFactory(parent=Unit.objects.get(pk=root.pk), name="B")
    a, b = Unit.objects.get(pk=a.pk), Unit.objects.get(pk=b.pk)
    user = UserFactory(is_staff=True)
    RoleAssignmentFactory(user=user, role=Role.UNIT_CLERK, unit=a, include_descendants=True)
    user.user_permissions.set(Permission.objects.all())
    rows = {}
    for label, scope in SCOPES.items():
        if scope.unit is not None:
            rows[label] = (_make(label, a), _make(label, b))
    return {"a": a, "b": b, "user": user, "rows": rows}


def test_every_model_is_in_the_scope_registry():
    missing = sorted(m._meta.label_lower for m in _models() if m._meta.label_lower not in SCOPES)
    assert missing == []


def test_every_model_has_a_factory():
    missing = sorted(m._meta.label_lower for m in _models() if m._meta.label_lower not in _factories())
    assert missing == []


def test_internal_models_are_served_nowhere():
    """The engine's tables have no scope, no admin, no page and no API route of their own."""
    internal = {apps.get_model(label) for label in INTERNAL}
    assert sorted(m._meta.label_lower for m in internal) == sorted(INTERNAL)
    assert set(SCOPES) & INTERNAL == set()
    assert internal & set(admin.site._registry) == set()
    served = {
        getattr(view, "model", None)
        for _name, p in _walk(get_resolver().url_patterns)
        for view in [getattr(p.callback, "view_class", None)]
    }
    assert internal & served == set()


def test_restrict_keeps_own_rows_and_drops_siblings(world):
    wrong = []
    for label, (own, other) in world["rows"].items():
        model = apps.get_model(label)
        visible = set(model.objects.restrict(world["user"], "read").values_list("pk", flat=True))
        if own.pk not in visible or other.pk in visible:
            wrong.append(label)
    assert wrong == []


def test_every_pk_page_is_in_the_matrix():
    unknown = []
    for name, pattern in _walk(get_resolver().url_patterns):
        if "pk" in pattern.pattern.converters and not name.endswith(RECORD_PAGES) and name not in PAGE_MODELS:
            unknown.append(name)
    assert unknown == []


def _page_model(name: str) -> str:
    if name in PAGE_MODELS:
        return PAGE_MODELS[name]
    app, view = name.split(":")
    return f"{app}.{view.rsplit('_', 1)[0]}"


def test_pages_answer_404_for_sibling_records(client, world):
    client.force_login(world["user"])
    wrong = []
    for name, pattern in _walk(get_resolver().url_patterns):
        if "pk" not in pattern.pattern.converters:
            continue
        label = _page_model(name)
        if label not in world["rows"]:
            continue
        own, other = world["rows"][label]
        method = client.get if name.endswith("_detail") or name in PAGE_GETS else client.post
        if method(reverse(name, args=[other.pk])).status_code != 404:
            wrong.append(f"{name} other")
        if name.endswith("_detail") and client.get(reverse(name, args=[own.pk])).status_code != 200:
            wrong.append(f"{name} own")
    assert wrong == []


def test_list_pages_show_own_rows_only(client, world):
    client.force_login(world["user"])
    wrong = []
    for name, _pattern in _walk(get_resolver().url_patterns):
        if not name.endswith("_list"):
            continue
        app, view = name.split(":")
        label = f"{app}.{view.removesuffix('_list')}"
        if scope_for(apps.get_model(label)).unit is None:
            continue
        own, other = world["rows"][label]
        html = client.get(reverse(name)).content.decode()
        if detail_url(own) not in html or f'href="{detail_url(other)}"' in html:
            wrong.append(name)
    assert wrong == []


def _api_routes():
    yield from _walk_api(api.urls[0])


def _walk_api(patterns):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk_api(p.url_patterns)
        elif p.name:
            yield p.name, p


def test_every_api_route_is_in_the_matrix():
    unknown = sorted(
        name
        for name, _p in _api_routes()
        if name not in API_MODELS | API_LISTS and name not in API_OTHER | API_CREATES
    )
    assert unknown == []


def test_api_answers_404_for_sibling_records(client, world):
    client.force_login(world["user"])
    wrong = []
    for name, _pattern in _api_routes():
        if name not in API_MODELS or API_MODELS[name] not in world["rows"]:
            continue
        _own, other = world["rows"][API_MODELS[name]]
        url = reverse(f"api:{name}", kwargs={"pk": other.pk})
        if name.startswith(("change_", "delete_")):
            # The record's own write routes: PATCH (an empty change) and DELETE.
            write = client.patch if name.startswith("change_") else client.delete
            codes = [write(url, data={}, content_type="application/json").status_code]
        else:
            codes = [
                client.get(url).status_code,
                client.post(url, data=API_BODIES.get(name, {}), content_type="application/json").status_code,
            ]
        if 404 not in codes or any(200 <= code < 300 for code in codes):
            wrong.append(name)
    assert wrong == []


def test_api_lists_show_own_rows_only(client, world):
    client.force_login(world["user"])
    wrong = []
    for name, label in API_LISTS.items():
        if label not in world["rows"]:
            continue
        own, other = world["rows"][label]
        ids = {item["id"] for item in client.get(reverse(f"api:{name}"), {"limit": 1000}).json()["items"]}
        if own.pk not in ids or other.pk in ids:
            wrong.append(name)
    assert wrong == []


def test_admin_turns_away_every_scoped_user(client, world):
    """The admin is for superusers: list, change, delete and history answer the admin's login,
    for a row in the user's own scope too, and a confirmed deletion deletes nothing."""
    client.force_login(world["user"])
    login = reverse("admin:login")
    wrong, checked = [], []
    for model, _model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        if label not in world["rows"]:
            continue
        checked.append(label)
        own, _other = world["rows"][label]
        info = (model._meta.app_label, model._meta.model_name)
        urls = [reverse("admin:{}_{}_changelist".format(*info))]
        urls += [
            reverse("admin:{}_{}_{}".format(*info, view), args=[own.pk])
            for view in ("change", "delete", "history")
        ]
        for url in urls:
            response = client.get(url)
            if response.status_code != 302 or not response["Location"].startswith(login):
                wrong.append(url)
        delete = reverse("admin:{}_{}_delete".format(*info), args=[own.pk])
        if (
            client.post(delete, {"post": "yes"}).status_code != 302
            or not model.objects.filter(pk=own.pk).exists()
        ):
            wrong.append(f"{label} delete POST")
    assert (wrong, len(checked) >= 20) == ([], True)


def test_steering_member_sees_exactly_assigned_units(db):
    from cascade.campaigns.tests.factories import SteeringAssignmentFactory, SteeringGroupFactory

    root = UnitFactory(name="Root")
    units = [UnitFactory(parent=Unit.objects.get(pk=root.pk), name=f"Unit {i}") for i in range(4)]
    group = SteeringGroupFactory(unit=Unit.objects.get(pk=root.pk))
    for unit in units[:2]:
        SteeringAssignmentFactory(group=group, unit=unit)
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.STEERING_MEMBER, unit=None, steering_group=group)
    visible = sorted(Unit.objects.restrict(user, "read").values_list("name", flat=True))
    assert visible == ["Unit 0", "Unit 1"]


def test_list_exports_hold_own_rows_only(client, world):
    import csv
    import io

    client.force_login(world["user"])
    wrong = []
    for name, _pattern in _walk(get_resolver().url_patterns):
        if not name.endswith("_list"):
            continue
        app, view = name.split(":")
        label = f"{app}.{view.removesuffix('_list')}"
        if scope_for(apps.get_model(label)).unit is None:
            continue
        own, other = world["rows"][label]
        response = client.get(reverse(name), {"export": "csv"})
        ids = {row[0] for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))}
        if response.status_code != 200 or str(own.pk) not in ids or str(other.pk) in ids:
            wrong.append(name)
    assert wrong == []


def _filtersets() -> list[type]:
    """Every FilterSet Cascade declares for a model (its apps' and the shared filters modules)."""
    for name in FILTER_MODULES:
        importlib.import_module(name)
    found, todo = [], [django_filters.FilterSet]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("cascade.") and sub._meta.model is not None:
                found.append(sub)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def test_every_filterset_is_scoped():
    unscoped = [c.__qualname__ for c in _filtersets() if not issubclass(c, ScopedFilterSet)]
    assert (unscoped, len(_filtersets()) > 0) == ([], True)


def _model_choice_fields(filterset) -> dict[str, forms.ModelChoiceField]:
    # ModelMultipleChoiceField is a ModelChoiceField.
    return {
        name: field
        for name, field in filterset.form.fields.items()
        if isinstance(field, forms.ModelChoiceField)
    }


def _query(name: str, field: forms.ModelChoiceField, obj) -> QueryDict:
    return QueryDict(urlencode({name: getattr(obj, field.to_field_name or "pk")}))


def test_filter_choices_offer_and_accept_readable_rows_only(rf, world):
    """Every model-choice filter of every FilterSet, for the clerk of A: nothing of B, nothing unreadable."""
    request = rf.get("/")
    request.user = world["user"]
    wrong, checked = [], []
    for filterset_class in _filtersets():
        model = filterset_class._meta.model
        queryset = model.objects.restrict(world["user"], "read")
        for name, field in _model_choice_fields(filterset_class(queryset=queryset, request=request)).items():
            where = f"{filterset_class.__qualname__}.{name}"
            checked.append(where)
            choice_model = field.queryset.model
            offered = set(field.queryset.values_list("pk", flat=True))
            readable = set(choice_model.objects.restrict(world["user"], "read").values_list("pk", flat=True))
            if not offered <= readable:
                wrong.append(f"{where} offers unreadable rows")
            rows = world["rows"].get(choice_model._meta.label_lower)
            if rows is None:
                continue  # reference data (campaigns, countries...): nobody's own
            own, other = rows
            if other.pk in offered or own.pk not in offered:
                wrong.append(f"{where} choices")
            if filterset_class(_query(name, field, other), queryset=queryset, request=request).is_valid():
                wrong.append(f"{where} accepts B's row")
            if not filterset_class(_query(name, field, own), queryset=queryset, request=request).is_valid():
                wrong.append(f"{where} refuses A's row")
    assert wrong == []
    assert "SupervisionVisitFilterSet.group" in checked


def test_filter_choices_without_user_offer_nothing(world):
    from cascade.campaigns.filters import SupervisionVisitFilterSet

    filterset = SupervisionVisitFilterSet(request=None)
    assert list(filterset.form.fields["group"].queryset) == []


# --- edit pages: every ``<app>:<model>_edit`` / ``_delete`` / ``_create`` of a unit-scoped model ---

# Roles held over unit A, in the order tried for "someone who may write this model there".
WRITERS = (Role.UNIT_CLERK, Role.LEADER, Role.SECRETARIAT, Role.CAMPAIGN_OFFICE)


def _edit_pages(world) -> list[tuple[str, str]]:
    """(URL name stem ``<app>:<model>``, model label) of every edit page of a unit-scoped model."""
    found = []
    for name, _pattern in _walk(get_resolver().url_patterns):
        if name.endswith("_edit"):
            label = _page_model(name)
            if label in world["rows"]:
                found.append((name.removesuffix("_edit"), label))
    return sorted(found)


def _writer(label: str, unit: Unit):
    from cascade.access.permissions import ROLE_PERMISSIONS
    from cascade.core.scopes import permission_for

    permission = permission_for(apps.get_model(label), "write")
    role = next(r for r in WRITERS if permission in ROLE_PERMISSIONS[r])
    return RoleAssignmentFactory(role=role, unit=unit, include_descendants=True).user


def _form_data(form) -> dict:
    """What the browser posts back for ``form`` as it was rendered (files left as they are)."""
    data = {}
    for bound in form:
        if isinstance(bound.field, forms.FileField):
            continue
        value = bound.value()
        if isinstance(bound.field, forms.BooleanField):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        elif value is not None:
            data[bound.html_name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return data


def _rows(label: str) -> list[dict]:
    return list(apps.get_model(label).objects.order_by("pk").values())


def test_edit_pages_save_own_rows_for_who_may_write(client, world):
    """Opening each record's edit page and saving it as it is works for a writer over its unit."""
    from cascade.organization.models import Membership, Person

    # The people the rows name (owners, speakers...) belong to A, so that A's writers may pick them.
    for person in Person.objects.filter(memberships__isnull=True):
        Membership.objects.create(person=person, unit=world["a"])
    # A's visit is by a group A dispatched (a group sent from elsewhere is not A's to pick).
    visit = world["rows"]["campaigns.supervisionvisit"][0]
    type(visit.group).objects.filter(pk=visit.group_id).update(unit=world["a"])
    pages = _edit_pages(world)
    wrong = []
    for stem, label in pages:
        own, _other = world["rows"][label]
        client.force_login(_writer(label, world["a"]))
        url = reverse(f"{stem}_edit", args=[own.pk])
        response = client.get(url)
        if response.status_code != 200:
            wrong.append(f"{stem} GET {response.status_code}")
            continue
        posted = client.post(url, _form_data(response.context["form"]))
        if posted.status_code != 302:
            errors = posted.context["form"].errors if posted.context else posted.status_code
            wrong.append(f"{stem} POST {errors}")
    assert (wrong, len(pages)) == ([], 12)


def test_edit_pages_refuse_a_read_only_role_and_change_nothing(client, world):
    """An auditor over the whole tree gets 403 from every create, edit and delete page, GET or POST."""
    auditor = RoleAssignmentFactory(role=Role.AUDITOR, unit=Unit.objects.get(name="Root")).user
    client.force_login(auditor)
    wrong = []
    for stem, label in _edit_pages(world):
        own, _other = world["rows"][label]
        before = _rows(label)
        urls = [reverse(f"{stem}_create"), reverse(f"{stem}_edit", args=[own.pk])]
        urls.append(reverse(f"{stem}_delete", args=[own.pk]))
        for url in urls:
            codes = (client.get(url).status_code, client.post(url, {"unit": world["a"].pk}).status_code)
            if codes != (403, 403):
                wrong.append(f"{url} {codes}")
        if _rows(label) != before:
            wrong.append(f"{label} changed")
    assert wrong == []


def test_edit_pages_answer_404_out_of_scope_and_change_nothing(client, world):
    """The clerk of A posting to B's records' edit and delete pages: 404, and B's row as it was."""
    client.force_login(world["user"])
    wrong = []
    for stem, label in _edit_pages(world):
        _own, other = world["rows"][label]
        before = _rows(label)
        for view in ("edit", "delete"):
            url = reverse(f"{stem}_{view}", args=[other.pk])
            codes = (client.get(url).status_code, client.post(url, {"unit": world["a"].pk}).status_code)
            if codes != (404, 404):
                wrong.append(f"{url} {codes}")
        if _rows(label) != before:
            wrong.append(f"{label} changed")
    assert wrong == []


# Pages of PAGE_MODELS that only read (the others act on their record).
READ_PAGES = {
    "unit-dashboard",
    "unit-briefing",
    "campaigns:rectificationevidence_file",
    "campaigns:studysession_sheet",
    "conferences:directive_notice",
}
# Action pages whose GET shows a reader what the action would be based on.
SHOWN_TO_READERS = {"intake:narrativereport_reconcile"}


def _everything() -> dict[str, list[dict]]:
    return {m._meta.label_lower: list(m.objects.order_by("pk").values()) for m in _models()}


def test_action_pages_refuse_a_read_only_role_and_change_nothing(client, world):
    """An auditor over the whole tree gets 403 from every page that acts on a record (rosters,
    claims, moves, check-in desks, answers to directives...), and nothing anywhere changes."""
    auditor = RoleAssignmentFactory(role=Role.AUDITOR, unit=Unit.objects.get(name="Root")).user
    client.force_login(auditor)
    person = world["rows"]["organization.person"][0]
    body = {"mark": person.pk, "present": person.pk, "to": "in_progress", "unit": world["a"].pk, "text": "x"}
    before = _everything()
    wrong, checked = [], []
    for name, label in sorted(PAGE_MODELS.items()):
        if name in READ_PAGES or label not in world["rows"]:
            continue
        checked.append(name)
        url = reverse(name, args=[world["rows"][label][0].pk])
        codes = (client.get(url).status_code, client.post(url, body).status_code)
        if codes[0] not in ((200,) if name in SHOWN_TO_READERS else (403, 405)) or codes[1] != 403:
            wrong.append(f"{name} {codes}")
    assert (wrong, _everything() == before, len(checked)) == ([], True, 13)


def test_edit_pages_cost_the_same_with_more_rows_to_choose_from(client, world):
    """Each edit page's queries do not grow with the rows its choices list (1 vs 3 of each kind)."""

    def costs() -> dict[str, int]:
        out = {}
        for stem, label in _edit_pages(world):
            own, _other = world["rows"][label]
            client.force_login(_writer(label, world["a"]))
            out[stem] = page_queries(client, reverse(f"{stem}_edit", args=[own.pk]))
        return out

    before = costs()
    for label, scope in SCOPES.items():
        if scope.unit is not None:
            for _ in range(2):
                _make(label, world["a"])
    assert costs() == before


def _costs(client, urls: dict[str, str]) -> dict[str, int]:
    return {name: page_queries(client, url) for name, url in urls.items()}


def test_list_pages_cost_the_same_with_three_rows_as_with_one(client, world):
    client.force_login(world["user"])
    urls = {name: reverse(name) for name, _p in _walk(get_resolver().url_patterns) if name.endswith("_list")}
    before = _costs(client, urls)
    for label, scope in SCOPES.items():
        if scope.unit is not None:
            for _ in range(2):
                _make(label, world["a"])
    assert (_costs(client, urls), len(urls) >= 15) == (before, True)


def test_detail_pages_cost_the_same_with_three_related_rows_as_with_one(client, world):
    """Each record page's related tables (a session's check-ins, a visit's findings...) cost the
    same queries with one row or three under the record."""
    client.force_login(world["user"])
    factories = _factories()
    urls, children = {}, []
    for name, pattern in _walk(get_resolver().url_patterns):
        view = getattr(pattern.callback, "view_class", None)
        if not name.endswith("_detail") or _page_model(name) not in world["rows"]:
            continue
        own = world["rows"][_page_model(name)][0]
        urls[name] = reverse(name, args=[own.pk])
        for accessor, table in getattr(view, "related", ()):
            manager = getattr(own, accessor)
            fk = getattr(getattr(manager, "field", None), "name", None)
            if fk is not None and table.model._meta.label_lower in factories:
                # Rows with a unit of their own are placed below A too, where the user reads them.
                own_unit = fk != "unit" and any(f.name == "unit" for f in table.model._meta.fields)
                children.append((factories[table.model._meta.label_lower], {fk: own}, own_unit))
    before = _costs(client, urls)
    pages = {name: client.get(url).content.count(b"<tr") for name, url in urls.items()}
    for factory, kwargs, own_unit in children:
        for _ in range(2):
            below = {"unit": UnitFactory(parent=Unit.objects.get(pk=world["a"].pk))} if own_unit else {}
            factory(**kwargs, **below)
    grown = sorted(name for name, url in urls.items() if client.get(url).content.count(b"<tr") > pages[name])
    assert _costs(client, urls) == before
    # Not vacuous: the new rows show on the pages of most kinds of record.
    assert (len(children), len(grown)) == (11, 6), grown
