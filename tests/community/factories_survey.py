"""Factories of the survey area: periods and answers (straight to the table, so
bulk tests stay fast; the service is tested on its own)."""

from __future__ import annotations

from datetime import date

import factory
from factory.django import DjangoModelFactory

from community import ikm
from community.models import SurveyPeriod, SurveyResponse
from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.positions.factories import OrgUnitFactory


class SurveyPeriodFactory(DjangoModelFactory):
    class Meta:
        model = SurveyPeriod

    name = factory.Sequence(lambda n: f"Periode Uji {n}")
    # Each period a separate year in the past, so they never overlap.
    start_date = factory.Sequence(lambda n: date(1900 + n, 1, 1))
    end_date = factory.LazyAttribute(lambda p: date(p.start_date.year, 12, 31))
    status = SurveyPeriod.Status.OPEN


class SurveyResponseFactory(DjangoModelFactory):
    class Meta:
        model = SurveyResponse

    period = factory.SubFactory(SurveyPeriodFactory)
    unit = factory.SubFactory(OrgUnitFactory)
    respondent = factory.SubFactory(UserFactory, role=roles.CITIZEN)
    gender = "P"
    age_group = "30_39"
    education = "SMA"
    job = "SWASTA"

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        # scores={"time": 2, ...} or score=3 (all nine) as a shorthand.
        every = kwargs.pop("score", 3)
        scores = kwargs.pop("scores", {})
        for code, element in ikm.ELEMENTS.items():
            kwargs.setdefault(element.field, scores.get(code, every))
        return kwargs


def answers(period, unit, rows: list[dict[str, int] | int]) -> list[SurveyResponse]:
    """One answer per row (a score for all nine, or {code: score}), each from a
    new citizen, in one bulk insert."""
    citizens = UserFactory.create_batch(len(rows), role=roles.CITIZEN)
    objs = []
    for citizen, row in zip(citizens, rows, strict=True):
        scores = row if isinstance(row, dict) else dict.fromkeys(ikm.ELEMENTS, row)
        objs.append(
            SurveyResponse(
                period=period,
                unit=unit,
                respondent=citizen,
                gender="L",
                age_group="40_49",
                education="D4_S1",
                job="ASN",
                **{ikm.ELEMENTS[c].field: v for c, v in scores.items()},
            )
        )
    return SurveyResponse.objects.bulk_create(objs)
