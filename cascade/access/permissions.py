"""The registry of permission strings and the roles that bundle them.

A permission is ``"<area>.<object>:<action>"``. Roles bind a user to a unit (with or
without its descendants) or to a steering group (its assigned units); the role's
permissions then hold within that scope. Enforcement on every path comes with scoped
access; this module is the one list everyone reads.
"""

from django.utils.translation import gettext_lazy as _

from cascade.core.scopes import register_permissions

OBJECTS = {
    "organization.unit": _("units"),
    "organization.person": _("people"),
    "campaign.campaign": _("campaigns"),
    "campaign.study": _("study activities"),
    "campaign.research": _("research topics and field visits"),
    "campaign.supervision": _("steering groups and supervision visits"),
    "campaign.rectification": _("rectification items"),
    "campaign.outreach": _("outreach events"),
    "conference.conference": _("conferences"),
    "conference.directive": _("directives"),
    "intake.report": _("narrative reports"),
    "reports.briefing": _("briefings and figures"),
    "access.audit": _("audit log"),
}
ACTIONS = ("read", "write", "delete", "export")
EXTRA = {
    "campaign.rectification:verify": _("verify rectification items"),
    "conference.directive:acknowledge": _("acknowledge directives"),
    "conference.directive:issue": _("issue and cascade directives"),
    "campaign.research:claim": _("claim research topics"),
}

PERMISSIONS: frozenset[str] = frozenset(
    {f"{obj}:{action}" for obj in OBJECTS for action in ACTIONS} | set(EXTRA)
)


def _all(*actions: str, objects=OBJECTS) -> set[str]:
    return {f"{obj}:{action}" for obj in objects for action in actions}


ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "campaign_office": frozenset(PERMISSIONS),
    "unit_clerk": frozenset(
        _all("read", "export")
        | _all(
            "write",
            objects=[
                "campaign.study",
                "campaign.research",
                "campaign.rectification",
                "campaign.outreach",
                "intake.report",
                "organization.person",
            ],
        )
        | {"conference.directive:acknowledge", "conference.directive:issue", "conference.directive:write"}
    ),
    "leader": frozenset(_all("read", "export") | {"campaign.research:write", "campaign.research:claim"}),
    "steering_member": frozenset(
        _all("read", "export") | {"campaign.supervision:write", "campaign.rectification:verify"}
    ),
    "secretariat": frozenset(_all("read", "export") | _all("write", objects=["conference.conference"])),
    "auditor": frozenset(_all("read", "export")),
}

register_permissions(PERMISSIONS)
