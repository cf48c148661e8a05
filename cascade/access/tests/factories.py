"""Factories for accounts, role assignments, audit entries and API tokens."""

import factory
from django.contrib.auth import get_user_model
from django.test import Client

from cascade.access.choices import Role
from cascade.access.domain import token_digest
from cascade.access.models import ApiToken, AuditEntry, RoleAssignment
from cascade.organization.tests.factories import UnitFactory

TEST_PASSWORD = "cascade-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    """An active user whose password is ``TEST_PASSWORD`` unless ``password=`` is given."""

    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password(TEST_PASSWORD)
    is_active = True


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    """A role over a unit and its subtree; pass ``unit=None, steering_group=...`` for a group role."""

    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.UNIT_CLERK
    unit = factory.SubFactory(UnitFactory)
    include_descendants = True
    steering_group = None


class AuditEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEntry

    action = "test.action"
    user = factory.SubFactory(UserFactory)
    object_repr = factory.Sequence(lambda n: f"object {n}")
    after = factory.LazyFunction(dict)


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """A token stored straight away (no audit entry); ``raw=`` chooses its plain text, which
    the factory does not keep. ``domain.create_token`` is how tokens are really made."""

    class Meta:
        model = ApiToken

    class Params:
        raw = factory.Sequence(lambda n: f"csc_factory-token-{n:032d}")

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"token {n}")
    prefix = factory.LazyAttribute(lambda o: o.raw[:12])
    digest = factory.LazyAttribute(lambda o: token_digest(o.raw))


def signed_in(user) -> Client:
    """A test client signed in as ``user``."""
    client = Client()
    client.force_login(user)
    return client
