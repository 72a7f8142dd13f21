from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from competency import services
from competency.models import (
    Assessment,
    Competency,
    ExternalLearning,
    PositionStandard,
    ProgramCompetency,
    Registration,
    StandardDefault,
    TrainingEvent,
    TrainingProgram,
)
from tests.positions.factories import EmployeeFactory


def today():
    return timezone.localdate()


class CompetencyFactory(DjangoModelFactory):
    class Meta:
        model = Competency

    code = factory.Sequence(lambda n: f"X.{n:03d}")
    name = factory.Sequence(lambda n: f"Kompetensi Uji {n}")
    type = "MANAJERIAL"
    field = ""


class StandardDefaultFactory(DjangoModelFactory):
    class Meta:
        model = StandardDefault

    position_kind = "PELAKSANA"
    functional_level = ""
    competency = factory.SubFactory(CompetencyFactory)
    required_level = 2


class PositionStandardFactory(DjangoModelFactory):
    class Meta:
        model = PositionStandard

    competency = factory.SubFactory(CompetencyFactory)
    required_level = 3


class AssessmentFactory(DjangoModelFactory):
    class Meta:
        model = Assessment

    employee = factory.SubFactory(EmployeeFactory)
    competency = factory.SubFactory(CompetencyFactory)
    level = 2
    assessed_on = factory.LazyFunction(lambda: today() - timedelta(days=30))
    method = "COMPETENCY_TEST"


class TrainingProgramFactory(DjangoModelFactory):
    class Meta:
        model = TrainingProgram

    title = factory.Sequence(lambda n: f"Pelatihan Uji {n}")
    kind = "PELATIHAN_TEKNIS"
    jp_credit = 24
    provider = "BKPSDM Kota Sawahlunto"


class ProgramCompetencyFactory(DjangoModelFactory):
    class Meta:
        model = ProgramCompetency

    program = factory.SubFactory(TrainingProgramFactory)
    competency = factory.SubFactory(CompetencyFactory)
    target_level = 3


class TrainingEventFactory(DjangoModelFactory):
    """An event two weeks ahead, open for registration for another week."""

    class Meta:
        model = TrainingEvent

    program = factory.SubFactory(TrainingProgramFactory)
    start_date = factory.LazyFunction(lambda: today() + timedelta(days=14))
    end_date = factory.LazyAttribute(lambda e: e.start_date + timedelta(days=2))
    registration_deadline = factory.LazyAttribute(
        lambda e: min(today() + timedelta(days=7), e.end_date)
    )
    place = "Aula Balai Kota Sawahlunto"
    capacity = 30
    organiser = "BKPSDM"


class CompletedRegistrationFactory(DjangoModelFactory):
    """A finished participation, written directly (its JP count at once)."""

    class Meta:
        model = Registration
        skip_postgeneration_save = True  # the hook writes YearlyJp, not this row

    event = factory.SubFactory(TrainingEventFactory)
    employee = factory.SubFactory(EmployeeFactory)
    status = "COMPLETED"
    source = "NOMINATED"
    certificate_number = factory.Sequence(lambda n: f"SERT/{n:05d}")
    completed_on = factory.LazyAttribute(lambda r: r.event.end_date)

    @factory.post_generation
    def yearly_jp(self, create, extracted, **kwargs):
        """Keep YearlyJp as services.complete() would."""
        if create and self.status == "COMPLETED":
            services.recount_jp_for(self.employee_id, self.event.end_date.year)


class ExternalLearningFactory(DjangoModelFactory):
    class Meta:
        model = ExternalLearning
        skip_postgeneration_save = True

    employee = factory.SubFactory(EmployeeFactory)
    title = factory.Sequence(lambda n: f"Webinar Uji {n}")
    kind = "SEMINAR"
    jp = 4
    start_date = factory.LazyFunction(lambda: today() - timedelta(days=10))
    end_date = factory.LazyAttribute(lambda x: x.start_date)
    evidence = factory.django.FileField(filename="sertifikat.pdf", data=b"%PDF-1.4")
    status = "APPROVED"
    reviewed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def yearly_jp(self, create, extracted, **kwargs):
        """Keep YearlyJp as services.review_external() would."""
        if create and self.status == "APPROVED":
            services.recount_jp_for(self.employee_id, self.end_date.year)
