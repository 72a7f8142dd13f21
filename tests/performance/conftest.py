"""A small city for appraisal tests: a dinas with a bidang whose head
(`supervisor`) appraises two staff (`employee` among them) and is appraised by
the head of the dinas (`head_user`), who is therefore the superior for the
staff's objections; another dinas with its own team. Evidence goes to a
temporary private root."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.utils import timezone

from performance import services
from performance.models import Checkpoint
from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.positions.factories import (
    EmployeeFactory,
    OrgUnitFactory,
    PlacementFactory,
    PositionFactory,
)


@pytest.fixture(autouse=True)
def _evidence_in_tmp(settings, tmp_path):
    settings.PERFORMANCE_EVIDENCE_ROOT = tmp_path / "evidence"
    settings.PERFORMANCE_EVIDENCE_MAX_BYTES = 1024 * 1024


def today():
    return timezone.localdate()


@pytest.fixture
def head_user(role_groups):
    return UserFactory(username="kadis", role=roles.SUPERVISOR)


@pytest.fixture
def other_supervisor(role_groups):
    return UserFactory(username="atasan_lain", role=roles.SUPERVISOR)


@pytest.fixture
def org(supervisor, employee, head_user, other_supervisor):
    root = OrgUnitFactory(kind="PEMKOT", name="Pemerintah Kota Sawahlunto")
    dinas = OrgUnitFactory(parent=root, name="Dinas Kesehatan")
    bidang = OrgUnitFactory(parent=dinas, kind="BIDANG", name="Bidang Pelayanan")
    other = OrgUnitFactory(parent=root, name="Dinas Pendidikan")
    kadis_seat = PositionFactory(
        unit=dinas, kind="JPT_PRATAMA", eselon="II.b", needs=1, job_class=14
    )
    kabid_seat = PositionFactory(
        unit=bidang,
        kind="ADMINISTRATOR",
        eselon="III.b",
        needs=1,
        job_class=11,
        supervisor=kadis_seat,
    )
    staff_seat = PositionFactory(unit=bidang, needs=400, supervisor=kabid_seat)
    other_head_seat = PositionFactory(
        unit=other, kind="ADMINISTRATOR", eselon="III.b", needs=1, job_class=11
    )
    other_staff_seat = PositionFactory(unit=other, needs=10, supervisor=other_head_seat)

    def place(seat, **employee):
        return PlacementFactory(
            position=seat, employee=EmployeeFactory(**employee)
        ).employee

    return SimpleNamespace(
        root=root,
        dinas=dinas,
        bidang=bidang,
        other=other,
        kadis_seat=kadis_seat,
        kabid_seat=kabid_seat,
        staff_seat=staff_seat,
        other_head_seat=other_head_seat,
        other_staff_seat=other_staff_seat,
        kadis=place(kadis_seat, user=head_user, name="Hendra Kepala"),
        kabid=place(kabid_seat, user=supervisor, name="Budi Atasan"),
        me=place(staff_seat, user=employee, name="Dewi Lestari"),
        colleague=place(staff_seat, name="Yusuf Hakim"),
        other_boss=place(other_head_seat, user=other_supervisor, name="Rina Lain"),
        outsider=place(other_staff_seat, name="Siti Aminah"),
    )


@pytest.fixture
def period(hr_officer):
    return services.open_period(today().year, by=hr_officer)


def draft_skp(employee, period, by):
    """An SKP with one main RHK and one indicator, drafted by `by`."""
    skp = services.create_skp(employee, period, by=by)
    rhk = services.add_result(skp, by=by, text="Layanan kesehatan dasar terlaksana")
    services.add_indicator(
        rhk,
        by=by,
        aspect="KUANTITAS",
        text="Jumlah layanan terlaksana",
        target="12 kegiatan",
    )
    skp.refresh_from_db()
    return skp


def agreed_skp(employee, period, employee_user, appraiser_user):
    skp = draft_skp(employee, period, employee_user)
    services.agree_skp(skp, by=employee_user)
    services.agree_skp(skp, by=appraiser_user)
    skp.refresh_from_db()
    return skp


@pytest.fixture
def my_skp(org, period, employee, supervisor):
    """The employee persona's agreed SKP, appraised by the supervisor persona."""
    return agreed_skp(org.me, period, employee, supervisor)


def rate(skp, by, work="SESUAI_EKSPEKTASI", behaviour="SESUAI_EKSPEKTASI"):
    return services.rate_annual(
        skp,
        by=by,
        work_results_rating=work,
        behaviour_rating=behaviour,
        work_results_justification="" if work == "SESUAI_EKSPEKTASI" else "Alasan",
        behaviour_justification="" if behaviour == "SESUAI_EKSPEKTASI" else "Alasan",
    )


QUARTER = Checkpoint.TW1
