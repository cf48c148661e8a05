"""The demo scenario's accounts: one per role, each with its part of the tree."""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction

from cascade.access.choices import Role
from cascade.access.models import RoleAssignment

DEMO_CAMPAIGN_SLUG = "theme-education-2023"


def ensure_demo_accounts() -> list[tuple[str, str, str]]:
    """Create or refresh the demo accounts of the foreign-affairs scenario.

    Needs the scenario loaded (``load_scenario("foreign-affairs-2023")``). Every call gives
    each account a fresh random password, marks it staff, and leaves it exactly the role
    assignments listed here (so repeated runs never pile up duplicates). Returns
    ``(username, password, scope)`` for each account, in a fixed order.
    """
    from cascade.campaigns.models import SteeringGroup
    from cascade.intake.scenarios.foreign_affairs_2023 import DEMO_EMBASSY
    from cascade.organization.models import Unit

    office = Unit.objects.get(short_name="OCFAC")
    mfa = Unit.objects.get(short_name="MFA")
    embassy = Unit.objects.get(name=DEMO_EMBASSY)
    group = SteeringGroup.objects.get(campaign__slug=DEMO_CAMPAIGN_SLUG, unit=mfa, number=1)

    # username, role, unit, steering group, scope as shown to the person starting the demo
    plan = [
        (
            "office",
            Role.CAMPAIGN_OFFICE,
            office,
            None,
            f"campaign office: {office.label} and everything below",
        ),
        ("mfa", Role.UNIT_CLERK, mfa, None, f"unit clerk: {mfa.label} and its units"),
        ("embassy", Role.UNIT_CLERK, embassy, None, f"unit clerk: {embassy} and its units"),
        ("steering1", Role.STEERING_MEMBER, None, group, f"steering group member: units assigned to {group}"),
    ]

    User = get_user_model()
    accounts: list[tuple[str, str, str]] = []
    with transaction.atomic():
        for username, role, unit, steering_group, scope in plan:
            user = _demo_user(User, username, superuser=False)
            assignment, _created = RoleAssignment.objects.update_or_create(
                user=user,
                role=role,
                unit=unit,
                steering_group=steering_group,
                defaults={"include_descendants": True},
            )
            RoleAssignment.objects.filter(user=user).exclude(pk=assignment.pk).delete()
            accounts.append((username, _new_password(user), scope))

        admin = _demo_user(User, "admin", superuser=True)
        RoleAssignment.objects.filter(user=admin).delete()
        accounts.append(("admin", _new_password(admin), "superuser: everything, including the admin"))
    return accounts


def _demo_user(User, username: str, *, superuser: bool):
    user, _created = User.objects.get_or_create(username=username)
    user.is_active = True
    user.is_staff = True
    user.is_superuser = superuser
    return user


def _new_password(user) -> str:
    password = secrets.token_urlsafe(9)
    user.set_password(password)
    user.save()
    return password
