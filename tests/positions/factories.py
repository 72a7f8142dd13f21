from __future__ import annotations

from datetime import date

import factory
from factory.django import DjangoModelFactory

from positions import services
from positions.models import Employee, OrgUnit, Placement, Position, Rank


def make_nip(birth: date, tmt: date, gender: str, sequence: int) -> str:
    return f"{birth:%Y%m%d}{tmt:%Y%m}{gender}{sequence:03d}"


def make_nipppk(
    birth: date, year: int, gender: str, sequence: int, contracts: int = 1
) -> str:
    return f"{birth:%Y%m%d}{year}2{contracts}{gender}{sequence:03d}"


class OrgUnitFactory(DjangoModelFactory):
    class Meta:
        model = OrgUnit

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    kind = "DINAS"
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.save_org_unit(model_class(*args, **kwargs))


class PositionFactory(DjangoModelFactory):
    class Meta:
        model = Position

    code = factory.Sequence(lambda n: f"J{n:05d}")
    title = factory.Sequence(lambda n: f"Analis Uji {n}")
    unit = factory.SubFactory(OrgUnitFactory)
    kind = "PELAKSANA"
    level = ""
    eselon = ""
    job_class = 7
    needs = 2
    field = "UMUM"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.save_position(model_class(*args, **kwargs))


class EmployeeFactory(DjangoModelFactory):
    class Meta:
        model = Employee

    name = factory.Faker("name", locale="id_ID")
    status = "PNS"
    birth_date = factory.Sequence(lambda n: date(1970 + n % 30, 1 + n % 12, 1 + n % 28))
    appointment_date = factory.LazyAttribute(
        lambda e: date(e.birth_date.year + 24, e.birth_date.month, 1)
    )
    gender = factory.Sequence(lambda n: "1" if n % 2 else "2")
    nip = factory.LazyAttributeSequence(
        lambda e, n: make_nip(e.birth_date, e.appointment_date, e.gender, n % 999 + 1)
    )
    birth_place = "Sawahlunto"


class PlacementFactory(DjangoModelFactory):
    """Goes through the service, so the database rules apply as in production."""

    class Meta:
        model = Placement

    employee = factory.SubFactory(EmployeeFactory)
    position = factory.SubFactory(PositionFactory)
    kind = "DEFINITIF"
    start_date = date(2020, 1, 1)
    end_date = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.place_employee(**kwargs)


def rank(code: str) -> Rank:
    return Rank.objects.get(code=code)
