"""Factories for the intake app."""

import datetime

import factory

from cascade.access.tests.factories import UserFactory
from cascade.intake.choices import Language, ReportStatus
from cascade.intake.models import ExtractedFact, ImportJob, NarrativeReport
from cascade.organization.tests.factories import UnitFactory


class NarrativeReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NarrativeReport

    unit = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"Narrative report {n}")
    period_start = datetime.date(2023, 4, 1)
    period_end = datetime.date(2023, 12, 31)
    language = Language.EN
    text = "The unit held two rounds of its reading class."
    status = ReportStatus.SUBMITTED


class ExtractedFactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExtractedFact

    report = factory.SubFactory(NarrativeReportFactory)
    unit = factory.SelfAttribute("report.unit")
    kind = "reading_class"
    measure = "rounds"
    value = 2
    text = "two rounds"
    start = 15
    end = 25


class ImportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportJob

    kind = "people"
    file = factory.django.FileField(filename="people.csv", data=b"Name,Unit\n")
    file_name = "people.csv"
    sha256 = "0" * 64
    size = 10
    language = "en"
    created_by = factory.SubFactory(UserFactory)
