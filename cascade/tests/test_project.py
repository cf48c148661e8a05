"""Project-level checks: migrations in step with the models, lint clean, one layout for every app."""

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "cascade"

# The domain apps of DESIGN.md; each has the same set of modules so the layout shows the architecture.
APPS = ["organization", "campaigns", "conferences", "reports", "intake", "access"]

# Each entry is satisfied by any one of its alternatives (a module, or a package of that name).
APP_FILES = [
    ("models.py", "models/"),
    ("domain.py", "services/"),
    ("forms.py",),
    ("filters.py",),
    ("tables.py",),
    ("api.py",),
    ("views.py",),
    ("urls.py",),
    ("choices.py",),
    ("tests/",),
]


@pytest.mark.django_db
def test_migrations_match_models():
    out = io.StringIO()
    try:
        call_command("makemigrations", check=True, dry_run=True, interactive=False, stdout=out, stderr=out)
    except SystemExit as exc:
        pytest.fail(
            f"makemigrations --check found model changes with no migration (exit {exc.code}):\n"
            + out.getvalue()
        )


def _ruff() -> list[str]:
    beside = Path(sys.executable).with_name("ruff")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("ruff")
    return [found] if found else [sys.executable, "-m", "ruff"]


@pytest.mark.parametrize(
    "args", [["check", "--no-cache", "."], ["format", "--check", "--no-cache", "."]], ids=["check", "format"]
)
def test_ruff_is_clean(args):
    result = subprocess.run(
        [*_ruff(), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 0, f"ruff {' '.join(args)} failed:\n{result.stdout}{result.stderr}"


def _present(app_dir: Path, entry: str) -> bool:
    if entry.endswith("/"):
        return (app_dir / entry.rstrip("/") / "__init__.py").is_file()
    return (app_dir / entry).is_file()


def test_every_app_has_the_same_layout():
    missing = []
    for app in APPS:
        app_dir = PACKAGE / app
        for alternatives in APP_FILES:
            if not any(_present(app_dir, entry) for entry in alternatives):
                missing.append(f"cascade/{app}/{' or '.join(alternatives)}")
    assert not missing, "apps are missing modules of the common layout:\n  " + "\n  ".join(missing)


@pytest.mark.slow
@pytest.mark.django_db
def test_demo_prepares_the_scenario_and_accounts_idempotently():
    from collections import Counter

    from django.contrib.auth import authenticate, get_user_model

    from cascade.access.choices import Role
    from cascade.access.models import RoleAssignment
    from cascade.campaigns.choices import TopicStatus
    from cascade.campaigns.domain import claim_topic
    from cascade.campaigns.models import Campaign, ResearchTopic
    from cascade.campaigns.tests.factories import ResearchTopicFactory
    from cascade.conferences.models import Conference
    from cascade.intake.scenarios.foreign_affairs_2023 import DEMO_EMBASSY
    from cascade.organization.models import Membership, Unit

    def run() -> dict[str, str]:
        out = io.StringIO()
        call_command("demo", "--no-serve", stdout=out)
        lines = out.getvalue().splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("username")) + 2
        rows = [line.split(None, 2) for line in lines[start:] if line.strip()]
        return {row[0]: row[1] for row in rows}

    first = run()
    assignments_after_first = RoleAssignment.objects.count()
    second = run()
    assert RoleAssignment.objects.count() == assignments_after_first
    names = ["office", "mfa", "embassy", "leader", "steering1", "secretariat", "auditor", "admin"]
    assert list(second) == names
    assert all(first[name] != second[name] for name in second), "every run sets new passwords"
    for name, password in second.items():
        user = authenticate(username=name, password=password)
        assert user is not None, name
        assert (user.is_staff, user.is_superuser) == (name == "admin", name == "admin"), name

    held = {
        a.user.username: (
            a.role,
            a.unit_id,
            a.steering_group.number if a.steering_group_id else None,
            a.include_descendants,
        )
        for a in RoleAssignment.objects.filter(user__username__in=names).select_related(
            "user", "steering_group"
        )
    }
    office, mfa = Unit.objects.get(short_name="OCFAC"), Unit.objects.get(short_name="MFA")
    embassy = Unit.objects.get(name=DEMO_EMBASSY)
    conference = Conference.objects.get(slug="central-foreign-affairs-work-conference-2023")
    assert conference.secretariat_id == office.pk
    assert held == {
        "office": (Role.CAMPAIGN_OFFICE, office.pk, None, True),
        "mfa": (Role.UNIT_CLERK, mfa.pk, None, True),
        "embassy": (Role.UNIT_CLERK, embassy.pk, None, True),
        "leader": (Role.LEADER, mfa.pk, None, True),
        "steering1": (Role.STEERING_MEMBER, None, 1, True),
        "secretariat": (Role.SECRETARIAT, conference.secretariat_id, None, True),
        "auditor": (Role.AUDITOR, office.pk, None, True),
    }
    assert RoleAssignment.objects.filter(user__username__in=names).count() == 7  # one each, none for admin
    assert Counter(role for role, *_rest in held.values()) == {
        Role.CAMPAIGN_OFFICE: 1,
        Role.UNIT_CLERK: 2,
        Role.LEADER: 1,
        Role.STEERING_MEMBER: 1,
        Role.SECRETARIAT: 1,
        Role.AUDITOR: 1,
    }

    # The leader is a member of MFA's leadership team and claims an MFA research topic.
    leader = get_user_model().objects.get(username="leader")
    person = leader.person
    assert (person.name, person.pk == mfa.leader_id) == ("MFA Party Committee member 1", True)
    assert Membership.objects.filter(person=person, unit=mfa, is_leadership=True).count() == 1
    # Every topic of the scenario is claimed already: the leader gets a new one to take on.
    assert ResearchTopic.objects.filter(claimed_by=None).count() == 0
    topic = ResearchTopicFactory(
        campaign=Campaign.objects.get(slug="theme-education-2023"),
        unit=mfa,
        claimed_by=None,
        status=TopicStatus.PLANNED,
        started_on=None,
    )
    claimed = claim_topic(topic=topic, person=person, user=leader)
    assert (claimed.claimed_by_id, claimed.status) == (person.pk, TopicStatus.IN_PROGRESS)
    assert ResearchTopic.objects.get(pk=topic.pk).claimed_by_id == person.pk


CATALOGUE = PACKAGE / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def _entries(po: str) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) of every entry of a catalogue but its header."""
    entries = []
    for block in po.split("\n\n"):
        lines = block.strip().splitlines()
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        text = {"msgid": "", "msgstr": ""}
        current = None
        for line in lines:
            if line.startswith(("msgid ", "msgstr ", "msgstr[0] ")):
                current = line.split(" ", 1)[0].replace("[0]", "")
                text[current] = line.split(" ", 1)[1].strip('"')
            elif line.startswith('"') and current:
                text[current] += line.strip('"')
            elif line.startswith(("msgid_plural", "msgstr[")):
                current = None
        if text["msgid"]:
            entries.append((text["msgid"], text["msgstr"], fuzzy))
    return entries


def test_every_string_a_person_reads_has_a_chinese_translation(tmp_path):
    """The catalogue holds every translatable string of the code and templates, each translated."""
    assert shutil.which("xgettext"), "GNU gettext (xgettext) is needed to check the catalogue"
    copy = tmp_path / "cascade"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "zh_Hans", "--no-obsolete", "-v", "0"],
        cwd=copy,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cascade.settings", "PYTHONPATH": str(REPO)},
        check=True,
    )
    fresh = _entries((copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))
    kept = _entries(CATALOGUE.read_text(encoding="utf-8"))
    assert sorted({m for m, _s, _f in fresh} - {m for m, _s, _f in kept}) == []
    assert [m for m, s, fuzzy in kept if not s or fuzzy] == []
