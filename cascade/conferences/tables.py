"""Columns of the conference and directive lists (pages and exports)."""

from django.utils.translation import gettext_lazy as _

from cascade.core.tables import Column, Table

from .models import Conference, Directive, DirectiveRecipient, ProgressReport


class ConferenceTable(Table):
    model = Conference
    columns = (
        Column("__str__", label=_("title"), link=True),
        Column("start_date"),
        Column("end_date"),
        Column("venue"),
        Column("campaign"),
    )
    select_related = ("campaign",)


class DirectiveTable(Table):
    model = Directive
    columns = (
        Column("__str__", label=_("title"), link=True),
        Column("issued_by"),
        Column("conference"),
        Column("campaign"),
        Column("issued_on"),
        Column("deadline"),
    )
    select_related = ("issued_by", "conference", "campaign")


class DeliveryTable(Table):
    model = DirectiveRecipient
    columns = (
        Column("unit"),
        Column("status"),
        Column("acknowledged_at"),
        Column("acknowledged_by"),
        Column("completed_on"),
    )
    select_related = ("unit", "acknowledged_by")


class DeliveryListTable(Table):
    """Deliveries of directives across directives: which unit received which directive, and its answer."""

    model = DirectiveRecipient
    columns = (
        Column("__str__", label=_("delivery"), link=True),
        Column("unit"),
        Column("status"),
        Column("directive__deadline", label=_("deadline")),
        Column("acknowledged_at"),
        Column("completed_on"),
    )
    select_related = ("directive", "unit")


class ProgressReportTable(Table):
    model = ProgressReport
    columns = (
        Column("recipient__unit", label=_("unit")),
        Column("reported_on"),
        Column("percent_done"),
        Column("text"),
        Column("reported_by"),
    )
    select_related = ("recipient__unit", "reported_by")
