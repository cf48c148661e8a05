"""Work conferences (agenda, speeches, attendance, arrangements) and the directives they issue."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cascade.core.checkin import CheckIn
from cascade.core.models import TimeStamped, localized
from cascade.core.querysets import RestrictedQuerySet
from cascade.organization.models import Person, Unit

from .choices import AttendeeRole, DirectiveStatus


class Conference(TimeStamped):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    title_zh = models.CharField(_("Chinese title"), max_length=300, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    venue = models.CharField(_("venue"), max_length=200)
    venue_zh = models.CharField(_("Chinese venue"), max_length=200, blank=True)
    convened_by = models.CharField(_("convened by"), max_length=300, blank=True)
    convened_by_zh = models.CharField(_("Chinese convened by"), max_length=300, blank=True)
    secretariat = models.ForeignKey(
        Unit,
        verbose_name=_("secretariat"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conferences",
        help_text=_("The unit that runs the conference's secretariat."),
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conferences",
    )
    summary = models.TextField(_("summary"), blank=True)
    summary_zh = models.TextField(_("Chinese summary"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="conference_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self) -> str:
        return localized(self, "title")

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1


class AgendaItem(models.Model):
    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="agenda"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    date = models.DateField(_("date"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    title_zh = models.CharField(_("Chinese title"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "order"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")

    def __str__(self) -> str:
        return localized(self, "title")


class Speech(models.Model):
    """A speech: a named person, or a group (e.g. representatives of a mission) given as a label."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="speeches"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_principal = models.BooleanField(_("principal speech"), default=False)
    speaker = models.ForeignKey(
        Person,
        verbose_name=_("speaker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="speeches",
    )
    speaker_label = models.CharField(
        _("speaker (group)"),
        max_length=300,
        blank=True,
        help_text=_("For speakers not named: e.g. responsible comrades of government departments."),
    )
    speaker_label_zh = models.CharField(_("Chinese speaker (group)"), max_length=300, blank=True)
    speaker_unit = models.ForeignKey(
        Unit,
        verbose_name=_("speaker's unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(_("speaker's role"), max_length=300, blank=True)
    role_zh = models.CharField(_("Chinese speaker's role"), max_length=300, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    title_zh = models.CharField(_("Chinese title"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    summary_zh = models.TextField(_("Chinese summary"), blank=True)
    text = models.TextField(_("full text"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "order"]
        verbose_name = _("speech")
        verbose_name_plural = _("speeches")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(speaker__isnull=False) | ~models.Q(speaker_label=""),
                name="speech_has_speaker",
                violation_error_message=_("A speech needs a speaker or a speaker label."),
            ),
            models.UniqueConstraint(
                fields=["conference"],
                condition=models.Q(is_principal=True),
                name="speech_one_principal",
                violation_error_message=_("A conference has one principal speech."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.speaker) if self.speaker_id else localized(self, "speaker_label")


class AttendeeCategory(models.Model):
    """A category of attendees (e.g. ambassadors abroad), with its head count where known."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="categories"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=300)
    name_zh = models.CharField(_("Chinese name"), max_length=300, blank=True)
    headcount = models.PositiveIntegerField(
        _("head count"), null=True, blank=True, help_text=_("Leave empty when the number is not known.")
    )
    seating_block = models.CharField(_("seating block"), max_length=60, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "order"]
        verbose_name = _("attendee category")
        verbose_name_plural = _("attendee categories")
        constraints = [
            models.UniqueConstraint(fields=["conference", "name"], name="attendeecategory_unique_name"),
            models.CheckConstraint(
                condition=models.Q(headcount__isnull=True) | models.Q(headcount__gte=0),
                name="attendeecategory_headcount_nonneg",
            ),
        ]

    def __str__(self) -> str:
        return localized(self, "name")


class Attendee(models.Model):
    """A named person at a conference, in a category, with a role."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="attendees"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="conference_attendances"
    )
    category = models.ForeignKey(
        AttendeeCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attendees",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=AttendeeRole.choices, default=AttendeeRole.ATTENDEE
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    seat = models.CharField(_("seat"), max_length=40, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "order", "pk"]
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        constraints = [
            models.UniqueConstraint(fields=["conference", "person"], name="attendee_unique_person")
        ]

    def __str__(self) -> str:
        return str(self.person)


class AttendeeCheckIn(CheckIn):
    """An attendee arriving on a day of the conference: by scanning the day's code or marked by hand."""

    attendee = models.ForeignKey(
        Attendee, verbose_name=_("attendee"), on_delete=models.CASCADE, related_name="check_ins"
    )
    date = models.DateField(_("day"))

    objects = RestrictedQuerySet.as_manager()

    class Meta(CheckIn.Meta):
        ordering = ["date", "-checked_in_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["attendee", "date"], name="attendeecheckin_unique_day"),
        ]

    def __str__(self) -> str:
        return f"{self.attendee} @ {self.date}"


class Arrangement(models.Model):
    """A decision or arrangement of the conference; it becomes directives to units."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="arrangements"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    theme = models.CharField(_("theme"), max_length=300)
    theme_zh = models.CharField(_("Chinese theme"), max_length=300, blank=True)
    text = models.TextField(_("text"), blank=True)
    text_zh = models.TextField(_("Chinese text"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "order"]
        verbose_name = _("arrangement")
        verbose_name_plural = _("arrangements")

    def __str__(self) -> str:
        return localized(self, "theme")


class Directive(TimeStamped):
    """A task issued to units from a conference or campaign; recipients may cascade it further."""

    title = models.CharField(_("title"), max_length=300)
    title_zh = models.CharField(_("Chinese title"), max_length=300, blank=True)
    text = models.TextField(_("text"), blank=True)
    text_zh = models.TextField(_("Chinese text"), blank=True)
    issued_by = models.ForeignKey(
        Unit, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="directives_issued"
    )
    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="directives",
    )
    arrangement = models.ForeignKey(
        Arrangement,
        verbose_name=_("arrangement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directives",
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="directives",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cascaded from"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="cascaded",
    )
    issued_on = models.DateField(_("issued on"))
    deadline = models.DateField(_("deadline"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    recipients = models.ManyToManyField(
        Unit, through="DirectiveRecipient", verbose_name=_("recipients"), related_name="directives_received"
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "pk"]
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("issued_on")),
                name="directive_deadline_after_issue",
                violation_error_message=_("The deadline cannot be before the directive is issued."),
            ),
            models.CheckConstraint(
                condition=models.Q(conference__isnull=False)
                | models.Q(campaign__isnull=False)
                | models.Q(parent__isnull=False),
                name="directive_has_source",
                violation_error_message=_(
                    "A directive comes from a conference, a campaign or another directive."
                ),
            ),
        ]

    def __str__(self) -> str:
        return localized(self, "title")


class DirectiveRecipient(models.Model):
    """A unit's copy of a directive: acknowledgement, status, completion."""

    directive = models.ForeignKey(
        Directive, verbose_name=_("directive"), on_delete=models.CASCADE, related_name="deliveries"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="directive_deliveries"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=DirectiveStatus.choices, default=DirectiveStatus.PENDING
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["directive", "unit__path"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [
            models.UniqueConstraint(fields=["directive", "unit"], name="directiverecipient_unique_unit"),
            models.CheckConstraint(
                condition=~models.Q(status=DirectiveStatus.DONE) | models.Q(completed_on__isnull=False),
                name="directiverecipient_done_has_date",
                violation_error_message=_("A directive marked done records when it was completed."),
            ),
            models.CheckConstraint(
                condition=models.Q(status=DirectiveStatus.PENDING) | models.Q(acknowledged_at__isnull=False),
                name="directiverecipient_acknowledged_has_time",
                violation_error_message=_("Past acknowledgement, the time of acknowledgement is recorded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.directive} → {self.unit}"


class ProgressReport(models.Model):
    recipient = models.ForeignKey(
        DirectiveRecipient,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="progress_reports",
    )
    reported_on = models.DateField(_("reported on"))
    percent_done = models.PositiveSmallIntegerField(
        _("percent done"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    text = models.TextField(_("text"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["recipient", "reported_on", "pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent_done__gte=0) & models.Q(percent_done__lte=100),
                name="progressreport_percent_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient} {self.reported_on}: {self.percent_done}%"
