"""Factories for the campaigns app: one per model, each valid on its own."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from cascade.campaigns.choices import (
    GroupRole,
    OrganisationKind,
    OutreachKind,
    PhraseKind,
    RectificationSource,
    RectificationStatus,
    SessionLength,
    Severity,
    StudyKind,
    TopicStatus,
    VisitMode,
    WorkPlanKind,
)
from cascade.campaigns.models import (
    AdoptedMeasure,
    Campaign,
    CampaignPhase,
    CampaignPhrase,
    CampaignScope,
    CounterpartOrganisation,
    FieldVisit,
    OutreachEvent,
    Reading,
    RectificationEvent,
    RectificationEvidence,
    RectificationItem,
    ResearchMethod,
    ResearchTopic,
    SessionCheckIn,
    SteeringAssignment,
    SteeringGroup,
    SteeringGroupMember,
    StudyActivity,
    StudyAttendance,
    StudySession,
    SupervisionFinding,
    SupervisionVisit,
    WorkPlan,
)
from cascade.core.checkin import CheckInMethod
from cascade.organization.tests.factories import PersonFactory, UnitFactory

START = datetime.date(2023, 4, 1)

# --- campaign ---------------------------------------------------------------------------


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    slug = factory.Sequence(lambda n: f"campaign-{n}")
    title = factory.Sequence(lambda n: f"Campaign {n}")
    title_zh = factory.Sequence(lambda n: f"主题教育{n}")
    office = factory.SubFactory(UnitFactory, kind="commission_office")
    start_date = START
    end_date = datetime.date(2023, 12, 31)


class CampaignPhraseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignPhrase

    campaign = factory.SubFactory(CampaignFactory)
    kind = PhraseKind.REQUIREMENT
    order = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Requirement {n}")


class CampaignPhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignPhase

    campaign = factory.SubFactory(CampaignFactory)
    order = factory.Sequence(lambda n: n)
    name = factory.Sequence(lambda n: f"Phase {n}")


class CampaignScopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignScope

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)
    include_descendants = True


class WorkPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPlan

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)
    kind = WorkPlanKind.STUDY
    title = factory.Sequence(lambda n: f"Work plan {n}")
    issued_on = START


# --- study ------------------------------------------------------------------------------


class ReadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reading

    title = factory.Sequence(lambda n: f"Reading {n}")


class StudyActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudyActivity

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)
    kind = StudyKind.COLLECTIVE_STUDY
    title = factory.Sequence(lambda n: f"Study activity {n}")
    start_date = START
    end_date = START


class StudySessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudySession

    activity = factory.SubFactory(StudyActivityFactory)
    date = START
    length = SessionLength.HALF_DAY
    hours = Decimal("3.5")


class StudyAttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudyAttendance

    activity = factory.SubFactory(StudyActivityFactory)
    person = factory.SubFactory(PersonFactory)
    hours = Decimal("3.5")


class SessionCheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionCheckIn

    session = factory.SubFactory(StudySessionFactory)
    person = factory.SubFactory(PersonFactory)
    checked_in_at = factory.LazyFunction(timezone.now)
    method = CheckInMethod.CODE


# --- research ---------------------------------------------------------------------------


class ResearchMethodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResearchMethod

    code = factory.Sequence(lambda n: f"method-{n}")
    name = factory.Sequence(lambda n: f"Method {n}")


class ResearchTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResearchTopic

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"Research topic {n}")
    claimed_by = factory.SubFactory(PersonFactory)
    work_area = "consular work"
    status = TopicStatus.IN_PROGRESS
    started_on = START


class FieldVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldVisit

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)
    visited = factory.Sequence(lambda n: f"Project site {n}")
    date = START
    unannounced = True


class AdoptedMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdoptedMeasure

    topic = factory.SubFactory(ResearchTopicFactory)
    description = factory.Sequence(lambda n: f"Measure {n}")
    adopted_on = START


# --- supervision ------------------------------------------------------------------------


class SteeringGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SteeringGroup

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda o: f"Steering group {o.number}")


class SteeringGroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SteeringGroupMember

    group = factory.SubFactory(SteeringGroupFactory)
    person = factory.SubFactory(PersonFactory)
    role = GroupRole.MEMBER


class SteeringAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SteeringAssignment

    group = factory.SubFactory(SteeringGroupFactory)
    unit = factory.SubFactory(UnitFactory)


class SupervisionVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupervisionVisit

    group = factory.SubFactory(SteeringGroupFactory)
    unit = factory.SubFactory(UnitFactory)
    date = START
    mode = VisitMode.ON_SITE


class SupervisionFindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupervisionFinding

    visit = factory.SubFactory(SupervisionVisitFactory)
    description = factory.Sequence(lambda n: f"Finding {n}")
    severity = Severity.MEDIUM


# --- rectification ----------------------------------------------------------------------


class RectificationItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RectificationItem

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)
    owner = factory.SubFactory(PersonFactory)
    problem = factory.Sequence(lambda n: f"Problem {n}")
    source = RectificationSource.SELF_EXAMINATION
    opened_on = START
    deadline = datetime.date(2023, 6, 30)
    status = RectificationStatus.OPEN


class RectificationEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RectificationEvent

    item = factory.SubFactory(RectificationItemFactory)
    from_status = ""
    to_status = RectificationStatus.OPEN
    at = factory.LazyFunction(timezone.now)


class RectificationEvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RectificationEvidence

    item = factory.SubFactory(RectificationItemFactory)
    file = factory.django.FileField(filename="evidence.txt", data=b"evidence")
    description = factory.Sequence(lambda n: f"Evidence {n}")


# --- outreach ---------------------------------------------------------------------------


class CounterpartOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CounterpartOrganisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.THINK_TANK


class OutreachEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutreachEvent

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)
    kind = OutreachKind.FORUM
    title = factory.Sequence(lambda n: f"Forum {n}")
    start_date = START
    participants = 20
