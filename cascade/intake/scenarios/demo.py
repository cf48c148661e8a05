"""The demo scenario's accounts: one per role, each with its part of the tree."""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from cascade.access.choices import Role
from cascade.access.domain import grant_role, revoke_role
from cascade.access.models import RoleAssignment
from cascade.core.records import save_record
from cascade.core.scopes import SYSTEM

DEMO_CAMPAIGN_SLUG = "theme-education-2023"

# The accounts, in the order they are listed; ``admin`` (a superuser, no roles) comes last.
DEMO_USERNAMES = ("office", "mfa", "embassy", "leader", "steering1", "secretariat", "auditor", "admin")


def ensure_demo_accounts() -> list[tuple[str, str, str]]:
    """Create or refresh the demo accounts of the foreign-affairs scenario.

    Needs the scenario loaded (``load_scenario("foreign-affairs-2023")``). Every call gives
    each account a fresh random password and leaves it exactly the role assignment listed
    here, granted (and extra ones revoked) through ``cascade.access.domain`` as ``SYSTEM``,
    so repeated runs never pile up duplicates. Only ``admin`` is staff (and superuser);
    the others sign in on Cascade's own page. The ``leader`` account is the person of a
    member of MFA's leadership team, so it can claim MFA's research topics. Returns
    ``(username, password, scope)`` for each account, in the order of ``DEMO_USERNAMES``.
    """
    from cascade.campaigns.models import SteeringGroup
    from cascade.conferences.models import Conference
    from cascade.intake.scenarios.data import conference as conf
    from cascade.intake.scenarios.foreign_affairs_2023 import DEMO_EMBASSY
    from cascade.organization.models import Unit

    office = Unit.objects.get(short_name="OCFAC")
    mfa = Unit.objects.get(short_name="MFA")
    embassy = Unit.objects.get(name=DEMO_EMBASSY)
    group = SteeringGroup.objects.get(campaign__slug=DEMO_CAMPAIGN_SLUG, unit=mfa, number=1)
    secretariat = Conference.objects.select_related("secretariat").get(slug=conf.SLUG).secretariat
    leader = leadership_person(mfa)

    # username, role, unit, steering group, scope as shown to the person starting the demo
    plan = [
        (
            "office",
            Role.CAMPAIGN_OFFICE,
            office,
            None,
            _("campaign office: %(unit)s and everything below") % {"unit": office.label},
        ),
        ("mfa", Role.UNIT_CLERK, mfa, None, _("unit clerk: %(unit)s and its units") % {"unit": mfa.label}),
        (
            "embassy",
            Role.UNIT_CLERK,
            embassy,
            None,
            _("unit clerk: %(unit)s and its units") % {"unit": embassy},
        ),
        (
            "leader",
            Role.LEADER,
            mfa,
            None,
            _("leadership member: %(person)s, claims %(unit)s's research topics")
            % {"person": leader, "unit": mfa.label},
        ),
        (
            "steering1",
            Role.STEERING_MEMBER,
            None,
            group,
            _("steering group member: units assigned to %(group)s") % {"group": group},
        ),
        (
            "secretariat",
            Role.SECRETARIAT,
            secretariat,
            None,
            _(
                "conference secretariat: conferences and everything in them; reads %(unit)s and everything below"
            )
            % {"unit": secretariat.label},
        ),
        (
            "auditor",
            Role.AUDITOR,
            office,
            None,
            _("auditor: reads and exports %(unit)s and everything below, writes nothing")
            % {"unit": office.label},
        ),
    ]

    User = get_user_model()
    accounts: list[tuple[str, str, str]] = []
    with transaction.atomic():
        for username, role, unit, steering_group, scope in plan:
            user = _demo_user(User, username, superuser=False)
            assignment = grant_role(
                user=SYSTEM,
                target=user,
                role=role,
                unit=unit,
                steering_group=steering_group,
                include_descendants=True,
            )
            _revoke_all(user, keep=assignment)
            if username == "leader":
                _link_person(user, leader)
            accounts.append((username, _new_password(user), scope))

        admin = _demo_user(User, "admin", superuser=True)
        _revoke_all(admin, keep=None)
        accounts.append(("admin", _new_password(admin), _("superuser: everything, including the admin")))
    return accounts


def leadership_person(unit):
    """The person the demo leader is: ``unit``'s leader if on its leadership team, else the first member of it."""
    from cascade.organization.models import Person

    team = Person.objects.filter(memberships__unit=unit, memberships__is_leadership=True).distinct()
    person = team.filter(pk=unit.leader_id).first() if unit.leader_id else None
    person = person or team.order_by("name", "pk").first()
    if person is None:
        raise LookupError(_("%(unit)s has no leadership team; load the scenario first.") % {"unit": unit})
    return person


def _revoke_all(user, *, keep: RoleAssignment | None) -> None:
    others = RoleAssignment.objects.filter(user=user)
    if keep is not None:
        others = others.exclude(pk=keep.pk)
    for assignment in others:
        revoke_role(user=SYSTEM, assignment=assignment)


def _link_person(user, person) -> None:
    """``user``'s account is ``person``'s, and no one else's (the one write path for people)."""
    from cascade.organization.models import Person

    for other in Person.objects.filter(user=user).exclude(pk=person.pk):
        other.user = None
        save_record(user=SYSTEM, instance=other)
    if person.user_id != user.pk:
        person.user = user
        save_record(user=SYSTEM, instance=person)


def _demo_user(User, username: str, *, superuser: bool):
    user, _created = User.objects.get_or_create(username=username)
    user.is_active = True
    # Reminders are emailed too (printed by the worker unless CASCADE_EMAIL_HOST is set).
    user.email = f"{username}@example.org"
    user.is_staff = superuser  # the admin is for superusers; everyone signs in at /accounts/login/
    user.is_superuser = superuser
    return user


def _new_password(user) -> str:
    password = secrets.token_urlsafe(9)
    user.set_password(password)
    user.save()
    return password
