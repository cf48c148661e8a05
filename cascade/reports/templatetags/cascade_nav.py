"""The main navigation: the record lists a signed-in user works with, grouped by section.

``{% main_nav as sections %}`` gives the sections whose lists the user may read (from their
grants, read once per request and shared with every ``restrict``: at most one query), each
entry marked active when the page lies under its URL (the longest match wins).
``{% unread_notifications as count %}`` gives the badge beside "Notifications" (one count).
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cascade.core.scopes import grants
from cascade.reports.reminders import unread_count

register = template.Library()


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: str
    # The permission object (``"campaign.study"``) whose ``read`` the list needs.
    reads: str
    # Other lists whose pages count as this entry's (field visits belong to research).
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    entries: tuple[Entry, ...]


NAV: tuple[Section, ...] = (
    Section(
        "campaigns",
        _("Campaigns"),
        (
            Entry("campaigns:campaign_list", _("Campaigns"), "campaign.campaign"),
            Entry("campaigns:studyactivity_list", _("Study"), "campaign.study"),
            Entry(
                "campaigns:researchtopic_list",
                _("Research"),
                "campaign.research",
                also=("campaigns:fieldvisit_list",),
            ),
            Entry("campaigns:steeringgroup_list", _("Steering groups"), "campaign.supervision"),
            Entry("campaigns:supervisionvisit_list", _("Supervision visits"), "campaign.supervision"),
            Entry("campaigns:rectificationitem_list", _("Rectification"), "campaign.rectification"),
            Entry("campaigns:outreachevent_list", _("Outreach"), "campaign.outreach"),
        ),
    ),
    Section(
        "conferences",
        _("Conferences"),
        (
            Entry("conferences:conference_list", _("Conferences"), "conference.conference"),
            Entry("conferences:directive_list", _("Directives"), "conference.directive"),
            Entry("conferences:directiverecipient_list", _("Directive deliveries"), "conference.directive"),
        ),
    ),
    Section(
        "organization",
        _("Organization"),
        (
            Entry("organization:unit_list", _("Units"), "organization.unit"),
            Entry("organization:person_list", _("People"), "organization.person"),
        ),
    ),
    Section(
        "reports",
        _("Reports"),
        (
            Entry("intake:narrativereport_list", _("Narrative reports"), "intake.report"),
            Entry("intake:imports", _("Imports"), "intake.report"),
            Entry("access:auditentry_list", _("Audit log"), "access.audit"),
        ),
    ),
)


def readable_objects(user) -> set[str] | None:
    """The permission objects ``user`` may read somewhere; None for everything (a superuser)."""
    if getattr(user, "is_superuser", False):
        return None
    return {p.rsplit(":", 1)[0] for g in grants(user) for p in g.permissions if p.endswith(":read")}


@register.simple_tag(takes_context=True)
def main_nav(context) -> list[dict]:
    """The sections of the main navigation for the request's user, with the active entry marked."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or not getattr(user, "is_authenticated", False):
        return []
    readable = readable_objects(user)
    path = request.path
    sections = []
    best: tuple[int, dict, Section] | None = None
    for section in NAV:
        entries = []
        for entry in section.entries:
            if readable is not None and entry.reads not in readable:
                continue
            url = reverse(entry.url_name)
            item = {"label": entry.label, "url": url, "active": False, "current": path == url}
            entries.append(item)
            for prefix in (url, *(reverse(name) for name in entry.also)):
                if path.startswith(prefix) and (best is None or len(prefix) > best[0]):
                    best = (len(prefix), item, section)
        if entries:
            sections.append({"key": section.key, "label": section.label, "entries": entries, "active": False})
    if best is not None:
        best[1]["active"] = True
        for s in sections:
            s["active"] = s["key"] == best[2].key
    return sections


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """How many of the request's user's notifications are unread (one query; 0 when signed out)."""
    request = context.get("request")
    return unread_count(getattr(request, "user", None))
