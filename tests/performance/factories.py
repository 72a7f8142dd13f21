"""Factories for appraisal rows that tests build in bulk, past the services (the
constant-query tests); everything else goes through performance.services."""

from __future__ import annotations

from datetime import date, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from performance import rules
from performance.models import Evaluation, Period, Skp, TalentPotential


class PeriodFactory(DjangoModelFactory):
    class Meta:
        model = Period
        django_get_or_create = ("year",)

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    start_date = factory.LazyAttribute(lambda p: date(p.year, 1, 1))
    end_date = factory.LazyAttribute(lambda p: date(p.year, 12, 31))


class SkpFactory(DjangoModelFactory):
    """An agreed SKP with no content, for list and count tests."""

    class Meta:
        model = Skp

    period = factory.SubFactory(PeriodFactory)
    status = Skp.Status.AGREED
    employee_agreed_at = factory.LazyFunction(timezone.now)
    appraiser_agreed_at = factory.LazyFunction(timezone.now)


class EvaluationFactory(DjangoModelFactory):
    class Meta:
        model = Evaluation

    skp = factory.SubFactory(SkpFactory)
    period = factory.LazyAttribute(lambda e: e.skp.period)
    employee = factory.LazyAttribute(lambda e: e.skp.employee)
    appraiser = factory.LazyAttribute(lambda e: e.skp.appraiser)
    work_results_rating = rules.Rating.SESUAI_EKSPEKTASI
    behaviour_rating = rules.Rating.SESUAI_EKSPEKTASI
    predikat = factory.LazyAttribute(
        lambda e: rules.predikat(e.work_results_rating, e.behaviour_rating)
    )
    work_results_justification = factory.LazyAttribute(
        lambda e: (
            ""
            if e.work_results_rating == rules.Rating.SESUAI_EKSPEKTASI
            else "Alasan uji"
        )
    )
    behaviour_justification = factory.LazyAttribute(
        lambda e: (
            "" if e.behaviour_rating == rules.Rating.SESUAI_EKSPEKTASI else "Alasan uji"
        )
    )
    rated_at = factory.LazyFunction(timezone.now)
    # Received long enough ago that the objection period is over.
    received_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))


class TalentPotentialFactory(DjangoModelFactory):
    class Meta:
        model = TalentPotential

    period = factory.SubFactory(PeriodFactory)
    level = rules.Potential.MENENGAH
    source = TalentPotential.Source.HR_ENTRY
    source_text = "Rapat komite talenta"


# Ratings that give each predikat, for building distributions.
RATINGS_FOR = {
    value: next(pair for pair, outcome in rules.MATRIX.items() if outcome == value)
    for value in rules.Predikat.values
}
