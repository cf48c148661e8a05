"""Check-in codes: a signed, expiring link to an occasion (a study session, a conference day)
shown as a QR code on the organiser's page; an attendee who opens it while signed in is
marked present.

A code names its occasion and nothing else: who checks in is the signed-in user. The
signature keeps codes from being made up or moved to another occasion; the timestamp
makes an old photo of the screen useless after ``CASCADE_CHECK_IN_MAX_AGE`` seconds.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import segno
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class CheckInMethod(models.TextChoices):
    CODE = "code", gettext_lazy("scanned the code")
    BY_HAND = "by_hand", gettext_lazy("marked by hand")


class CheckIn(models.Model):
    """When and how someone arrived, and who recorded it (the person themselves, scanning)."""

    checked_in_at = models.DateTimeField(gettext_lazy("checked in at"))
    method = models.CharField(gettext_lazy("how"), max_length=8, choices=CheckInMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True
        verbose_name = gettext_lazy("check-in")
        verbose_name_plural = gettext_lazy("check-ins")


def recorder(user):
    """The user to store as having recorded a check-in (none for the system)."""
    return user if getattr(user, "is_authenticated", False) else None


def max_age() -> int:
    return settings.CASCADE_CHECK_IN_MAX_AGE


def make_code(kind: str, payload: dict) -> str:
    """A URL-safe signed code for ``payload`` (small: it ends up in a QR code)."""
    return signing.dumps(payload, salt=f"cascade.check-in.{kind}", compress=True)


def read_code(kind: str, code: str) -> dict:
    """The payload of a code made by ``make_code(kind, ...)``; a clear error if it is forged or stale."""
    try:
        payload = signing.loads(code, salt=f"cascade.check-in.{kind}", max_age=max_age())
    except signing.SignatureExpired:
        raise ValidationError(
            _("This check-in code has expired. Scan the code on the organiser's screen again."),
            code="expired",
        ) from None
    except signing.BadSignature:
        raise ValidationError(_("This is not a valid check-in code."), code="invalid") from None
    if not isinstance(payload, dict):
        raise ValidationError(_("This is not a valid check-in code."), code="invalid")
    return payload


def expires_at() -> datetime:
    """When a code made now stops working."""
    return timezone.now() + timedelta(seconds=max_age())


def qr_svg(url: str) -> str:
    """``url`` as an inline SVG QR code (no script, no style attribute: the page's CSP holds)."""
    qr = segno.make(url, error="m")
    return qr.svg_inline(border=2, omitsize=True, title=_("Check-in code"), svgclass="qr-code")
