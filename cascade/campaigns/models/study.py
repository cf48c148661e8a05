from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cascade.core.checkin import CheckIn
from cascade.core.models import TimeStamped, date_order_constraint, localized
from cascade.core.querysets import RestrictedQuerySet
from cascade.organization.choices import Rank
from cascade.organization.models import Person, Unit

from ..choices import Cohort, SessionLength, StudyKind
from .campaign import Campaign


class Reading(models.Model):
    """A required reading (a book, a collection of speeches, a document)."""

    title = models.CharField(_("title"), max_length=300, unique=True)
    title_zh = models.CharField(_("Chinese title"), max_length=300, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("reading")
        verbose_name_plural = _("readings")

    def __str__(self) -> str:
        return localized(self, "title")


class StudyActivity(TimeStamped):
    """A reading class (one round or batch of it), a lecture, a seminar or a collective study."""

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="study_activities",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="study_activities"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=StudyKind.choices)
    title = models.CharField(_("title"), max_length=300)
    title_zh = models.CharField(_("Chinese title"), max_length=300, blank=True)
    audience = models.CharField(_("audience"), max_length=200, blank=True, help_text=_("e.g. all staff"))
    audience_zh = models.CharField(_("Chinese audience"), max_length=200, blank=True)
    audience_rank = models.CharField(_("audience rank"), max_length=32, choices=Rank.choices, blank=True)
    cohort = models.CharField(
        _("cohort"),
        max_length=8,
        choices=Cohort.choices,
        blank=True,
        help_text=_("Whether this is one round or one batch of a reading class held several times."),
    )
    cohort_number = models.PositiveSmallIntegerField(
        _("cohort number"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    speaker = models.ForeignKey(
        Person,
        verbose_name=_("speaker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lectures",
    )
    research_topic = models.ForeignKey(
        "campaigns.ResearchTopic",
        verbose_name=_("research topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seminars",
        help_text=_("The research topic a seminar was held on."),
    )
    required_readings = models.ManyToManyField(
        Reading, verbose_name=_("required readings"), blank=True, related_name="activities"
    )
    original_texts = models.BooleanField(
        _("complete, original study"),
        default=False,
        help_text=_("The required readings were studied complete and in the original."),
    )
    approach = models.CharField(
        _("approach"), max_length=300, blank=True, help_text=_("e.g. combined with seminars and exchanges")
    )
    approach_zh = models.CharField(_("Chinese approach"), max_length=300, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["unit__path", "kind", "start_date", "cohort_number", "pk"]
        verbose_name = _("study activity")
        verbose_name_plural = _("study activities")
        indexes = [models.Index(fields=["campaign", "kind"], name="studyactivity_campaign_kind")]
        constraints = [
            date_order_constraint("start_date", "end_date", "studyactivity_end_after_start"),
            models.CheckConstraint(
                condition=models.Q(cohort_number__isnull=True) | models.Q(cohort_number__gte=1),
                name="studyactivity_cohort_number_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(cohort_number__isnull=True) | ~models.Q(cohort=""),
                name="studyactivity_cohort_number_needs_cohort",
                violation_error_message=_("A round or batch number needs the cohort (round or batch)."),
            ),
            models.CheckConstraint(
                condition=models.Q(cohort="") | models.Q(kind=StudyKind.READING_CLASS),
                name="studyactivity_cohort_only_reading_class",
                violation_error_message=_("Only reading classes are held in rounds or batches."),
            ),
        ]

    def __str__(self) -> str:
        title = localized(self, "title")
        if self.cohort and self.cohort_number:
            return f"{title} ({self.get_cohort_display()} {self.cohort_number})"
        return title


class StudySession(models.Model):
    """One sitting of a study activity: a half-day, a day, or a number of hours."""

    activity = models.ForeignKey(
        StudyActivity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="sessions"
    )
    date = models.DateField(_("date"))
    length = models.CharField(_("length"), max_length=8, choices=SessionLength.choices)
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0)],
        help_text=_("Study hours."),
    )
    topic = models.CharField(_("topic"), max_length=300, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["activity", "date", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gte=0) & models.Q(hours__lte=24), name="studysession_hours_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity}: {self.date} ({self.get_length_display()})"


class SessionCheckIn(CheckIn):
    """A person arriving at a study session: by scanning its code or marked by the organiser.

    A check-in adds the session's hours to the person's attendance at the activity, once.
    """

    session = models.ForeignKey(
        StudySession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="check_ins"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="session_check_ins"
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        default=0,
        help_text=_("The hours this check-in added to the person's attendance at the activity."),
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta(CheckIn.Meta):
        ordering = ["session", "-checked_in_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="sessioncheckin_unique_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.session}"


class StudyAttendance(models.Model):
    """A person's attendance at a study activity, with the hours they attended."""

    activity = models.ForeignKey(
        StudyActivity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="study_attendances"
    )
    hours = models.DecimalField(_("hours attended"), max_digits=6, decimal_places=1, default=0)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["activity", "person__name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="studyattendance_unique_person"),
            models.CheckConstraint(
                condition=models.Q(hours__gte=0), name="studyattendance_hours_nonnegative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.activity}"
