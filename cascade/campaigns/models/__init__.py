from .campaign import Campaign, CampaignPhase, CampaignPhrase, CampaignScope, WorkPlan
from .outreach import CounterpartOrganisation, OutreachEvent
from .rectification import RectificationEvent, RectificationEvidence, RectificationItem
from .research import AdoptedMeasure, FieldVisit, ResearchMethod, ResearchTopic
from .study import Reading, SessionCheckIn, StudyActivity, StudyAttendance, StudySession
from .supervision import (
    SteeringAssignment,
    SteeringGroup,
    SteeringGroupMember,
    SupervisionFinding,
    SupervisionVisit,
)

__all__ = [
    "AdoptedMeasure",
    "Campaign",
    "CampaignPhase",
    "CampaignPhrase",
    "CampaignScope",
    "CounterpartOrganisation",
    "FieldVisit",
    "OutreachEvent",
    "Reading",
    "RectificationEvent",
    "RectificationEvidence",
    "RectificationItem",
    "ResearchMethod",
    "ResearchTopic",
    "SessionCheckIn",
    "SteeringAssignment",
    "SteeringGroup",
    "SteeringGroupMember",
    "StudyActivity",
    "StudyAttendance",
    "StudySession",
    "SupervisionFinding",
    "SupervisionVisit",
    "WorkPlan",
]
