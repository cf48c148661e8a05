"""How each model is scoped: the lookup from a row to the unit that owns it, and its permission object.

``unit`` is a lookup to a ``Unit`` ("" for a unit itself); ``None`` means reference data
that any user holding the permission somewhere may read (countries, campaigns,
conferences). ``many`` marks lookups that cross a to-many relation (rows are made
distinct). Every concrete model of Cascade's apps must appear here: a test enforces it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ModelScope:
    unit: str | None
    permission: str
    many: bool = False


SCOPES: dict[str, ModelScope] = {
    # organization
    "organization.country": ModelScope(None, "organization.unit"),
    "organization.unit": ModelScope("", "organization.unit"),
    "organization.person": ModelScope("memberships__unit", "organization.person", many=True),
    "organization.membership": ModelScope("unit", "organization.person"),
    "organization.unitmove": ModelScope("unit", "organization.unit"),
    # campaigns
    "campaigns.campaign": ModelScope(None, "campaign.campaign"),
    "campaigns.campaignphrase": ModelScope(None, "campaign.campaign"),
    "campaigns.campaignphase": ModelScope(None, "campaign.campaign"),
    "campaigns.campaignscope": ModelScope("unit", "campaign.campaign"),
    "campaigns.workplan": ModelScope("unit", "campaign.campaign"),
    "campaigns.reading": ModelScope(None, "campaign.study"),
    "campaigns.studyactivity": ModelScope("unit", "campaign.study"),
    "campaigns.studysession": ModelScope("activity__unit", "campaign.study"),
    "campaigns.studyattendance": ModelScope("activity__unit", "campaign.study"),
    "campaigns.researchmethod": ModelScope(None, "campaign.research"),
    "campaigns.researchtopic": ModelScope("unit", "campaign.research"),
    "campaigns.fieldvisit": ModelScope("unit", "campaign.research"),
    "campaigns.adoptedmeasure": ModelScope("topic__unit", "campaign.research"),
    "campaigns.steeringgroup": ModelScope("unit", "campaign.supervision"),
    "campaigns.steeringgroupmember": ModelScope("group__unit", "campaign.supervision"),
    "campaigns.steeringassignment": ModelScope("unit", "campaign.supervision"),
    "campaigns.supervisionvisit": ModelScope("unit", "campaign.supervision"),
    "campaigns.supervisionfinding": ModelScope("visit__unit", "campaign.supervision"),
    "campaigns.rectificationitem": ModelScope("unit", "campaign.rectification"),
    "campaigns.rectificationevent": ModelScope("item__unit", "campaign.rectification"),
    "campaigns.rectificationevidence": ModelScope("item__unit", "campaign.rectification"),
    "campaigns.counterpartorganisation": ModelScope(None, "campaign.outreach"),
    "campaigns.outreachevent": ModelScope("unit", "campaign.outreach"),
    # conferences
    "conferences.conference": ModelScope(None, "conference.conference"),
    "conferences.agendaitem": ModelScope(None, "conference.conference"),
    "conferences.speech": ModelScope(None, "conference.conference"),
    "conferences.attendeecategory": ModelScope(None, "conference.conference"),
    "conferences.attendee": ModelScope(None, "conference.conference"),
    "conferences.arrangement": ModelScope(None, "conference.conference"),
    "conferences.directive": ModelScope("deliveries__unit", "conference.directive", many=True),
    "conferences.directiverecipient": ModelScope("unit", "conference.directive"),
    "conferences.progressreport": ModelScope("recipient__unit", "conference.directive"),
    # intake
    "intake.narrativereport": ModelScope("unit", "intake.report"),
    "intake.extractedfact": ModelScope("report__unit", "intake.report"),
    # access
    "access.roleassignment": ModelScope("unit", "access.audit"),
    "access.auditentry": ModelScope("unit", "access.audit"),
}


# Tables that serve no person directly: the rollup engine's bookkeeping, read only through
# ``cascade.reports.domain`` (which applies the scopes above to what it counts), never
# listed, exported, searched or shown in the admin. Tests check that nothing serves them.
INTERNAL: frozenset[str] = frozenset(
    {
        "reports.pendingchange",
        "reports.unitfigure",
        "reports.rollupfigure",
        "reports.unitancestor",
        "reports.latenessday",
    }
)


def scope_for(model) -> ModelScope:
    label = model._meta.label_lower
    try:
        return SCOPES[label]
    except KeyError:
        raise LookupError(f"{label} has no scope in cascade.access.registry.SCOPES") from None
