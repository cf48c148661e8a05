"""The whole API against its own OpenAPI document (schemathesis), called by a program with a token.

Every operation gets a bounded number of generated requests, valid and not; none may answer a
server error, a status code or a body the document does not list, or another content type.
Whether a semantically wrong but schema-valid value is refused (a date that does not parse in
a text parameter) is left to each router's own tests.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_schema_conformance,
    status_code_conformance,
)

from cascade.access import domain
from cascade.access.choices import Role
from cascade.access.tests.factories import RoleAssignmentFactory
from cascade.campaigns.tests.factories import CampaignFactory, RectificationItemFactory, StudyActivityFactory
from cascade.organization.tests.factories import UnitFactory
from cascade.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    ignored_auth,
]


@pytest.fixture
def connection_kept():
    """The calls go straight to the WSGI handler, whose end-of-request signal would close the
    test's database connection (and its transaction) as it would a server's; the test client
    keeps it open the same way."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def token(db, connection_kept):
    root = UnitFactory(name="Ministry")
    department = UnitFactory(parent=root, name="Department")
    campaign = CampaignFactory(office=root)
    StudyActivityFactory(unit=department, campaign=campaign)
    RectificationItemFactory(unit=department, campaign=campaign)
    user = RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=root).user
    return domain.create_token(user=user, name="schemathesis")[1]


@pytest.mark.slow
@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_answers_within_its_schema(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
