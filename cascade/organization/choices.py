from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    CENTRAL_BODY = "central_body", _("central body")
    COMMISSION_OFFICE = "commission_office", _("commission office")
    MINISTRY = "ministry", _("ministry")
    PARTY_DEPARTMENT = "party_department", _("department of the Party Central Committee")
    AGENCY = "agency", _("agency")
    DEPARTMENT = "department", _("department")
    BUREAU = "bureau", _("bureau")
    AFFILIATED_UNIT = "affiliated_unit", _("affiliated unit")
    PARTY_COMMITTEE = "party_committee", _("party committee")
    EMBASSY = "embassy", _("embassy")
    CONSULATE = "consulate", _("consulate")
    MISSION = "mission", _("mission to an international organization")
    PROVINCE = "province", _("province")
    PEOPLES_ORGANIZATION = "peoples_organization", _("people's organization")
    ENTERPRISE = "enterprise", _("enterprise")
    OTHER = "other", _("other")


class Rank(models.TextChoices):
    STATE_LEADER = "state_leader", _("state leader")
    MINISTERIAL = "ministerial", _("ministerial level")
    VICE_MINISTERIAL = "vice_ministerial", _("vice-ministerial level")
    BUREAU = "bureau", _("bureau level")
    DEPUTY_BUREAU = "deputy_bureau", _("deputy bureau level")
    DIVISION = "division", _("division level")
    DEPUTY_DIVISION = "deputy_division", _("deputy division level")
    SECTION = "section", _("section level")
    STAFF = "staff", _("staff")
