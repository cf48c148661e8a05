from django.db import models
from django.utils.translation import gettext_lazy as _


class PhraseKind(models.TextChoices):
    REQUIREMENT = "requirement", _("general requirement")
    GOAL = "goal", _("goal")


class WorkPlanKind(models.TextChoices):
    STUDY = "study", _("study plan")
    RESEARCH = "research", _("research work plan")
    RECTIFICATION = "rectification", _("rectification plan")
    SUPERVISION = "supervision", _("supervision plan")


class StudyKind(models.TextChoices):
    READING_CLASS = "reading_class", _("reading class")
    LECTURE = "lecture", _("counselling report meeting / lecture")
    SEMINAR = "seminar", _("seminar or exchange")
    COLLECTIVE_STUDY = "collective_study", _("collective study")


class Cohort(models.TextChoices):
    ROUND = "round", _("round")
    BATCH = "batch", _("batch")


class SessionLength(models.TextChoices):
    HALF_DAY = "half_day", _("half-day")
    DAY = "day", _("day")
    HOURS = "hours", _("hours only")


class TopicStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    REPORTED = "reported", _("report submitted")
    CONCLUDED = "concluded", _("concluded")


class GroupRole(models.TextChoices):
    LEADER = "leader", _("group leader")
    DEPUTY = "deputy", _("deputy leader")
    MEMBER = "member", _("member")


class VisitMode(models.TextChoices):
    ON_SITE = "on_site", _("on-site visit")
    UNANNOUNCED = "unannounced", _("unannounced visit")
    SITTING_IN = "sitting_in", _("sitting in on a meeting")
    DOCUMENT_REVIEW = "document_review", _("document review")
    INTERVIEW = "interview", _("talks and interviews")


class Severity(models.TextChoices):
    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")


class RectificationSource(models.TextChoices):
    INSPECTION = "inspection", _("inspection")
    SUPERVISION = "supervision", _("supervision visit")
    SELF_EXAMINATION = "self_examination", _("self-examination")
    RESEARCH = "research", _("research")
    FEEDBACK = "feedback", _("feedback")


class RectificationStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    SUBMITTED = "submitted", _("submitted for verification")
    VERIFIED = "verified", _("verified and closed")
    REOPENED = "reopened", _("reopened")


# The rectification workflow: the only moves allowed from each status.
RECTIFICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    RectificationStatus.OPEN: frozenset({RectificationStatus.IN_PROGRESS, RectificationStatus.SUBMITTED}),
    RectificationStatus.IN_PROGRESS: frozenset({RectificationStatus.SUBMITTED}),
    RectificationStatus.SUBMITTED: frozenset({RectificationStatus.VERIFIED, RectificationStatus.IN_PROGRESS}),
    RectificationStatus.VERIFIED: frozenset({RectificationStatus.REOPENED}),
    RectificationStatus.REOPENED: frozenset({RectificationStatus.IN_PROGRESS, RectificationStatus.SUBMITTED}),
}
RECTIFICATION_CLOSED = frozenset({RectificationStatus.VERIFIED})


class OutreachKind(models.TextChoices):
    FORUM = "forum", _("forum")
    DIALOGUE = "dialogue", _("dialogue")
    TRACK_TWO = "track_two", _("track-two dialogue")
    RECEPTION = "reception", _("reception of foreign visitors")
    STUDY_TOUR = "study_tour", _("study tour")
    EXCHANGE = "exchange", _("exchange visit")
    PROMOTION = "promotion", _("external promotion")


class OrganisationKind(models.TextChoices):
    PARTY = "party", _("political party")
    GOVERNMENT = "government", _("government body")
    INTERNATIONAL = "international", _("international organization")
    THINK_TANK = "think_tank", _("think tank")
    NGO = "ngo", _("non-governmental organization")
    CITY = "city", _("city or local government")
    ENTERPRISE = "enterprise", _("enterprise")
    OTHER = "other", _("other")
