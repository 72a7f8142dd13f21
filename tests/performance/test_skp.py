from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction

from performance import querysets, services
from performance.models import (
    Indicator,
    Period,
    PlannedResult,
    Realisation,
    Skp,
    SkpVersion,
)
from performance.services import AppraisalError
from positions.models import Placement
from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.helpers import assert_constant_queries
from tests.performance.conftest import draft_skp, rate, today
from tests.performance.factories import SkpFactory
from tests.positions.factories import EmployeeFactory, PlacementFactory

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- periods


def test_hr_opens_and_closes_a_period(hr_officer, supervisor):
    with pytest.raises(AppraisalError, match="BKPSDM"):
        services.open_period(2030, by=supervisor)
    period = services.open_period(2030, by=hr_officer)
    assert (period.start_date, period.end_date) == (
        date(2030, 1, 1),
        date(2030, 12, 31),
    )
    with pytest.raises(AppraisalError, match="sudah ada"):
        services.open_period(2030, by=hr_officer)
    services.close_period(period, by=hr_officer)
    period.refresh_from_db()
    assert period.status == Period.Status.CLOSED
    assert period.closed_by == hr_officer
    with pytest.raises(AppraisalError, match="sudah ditutup"):
        services.close_period(period, by=hr_officer)


def test_checkpoints_end_with_their_quarter(period):
    assert period.checkpoint_end("TW1") == date(period.year, 3, 31)
    assert period.checkpoint_end("TW2") == date(period.year, 6, 30)
    assert period.checkpoint_end("TW4") == date(period.year, 12, 31)
    assert period.checkpoint_end("TAHUNAN") == date(period.year, 12, 31)


def test_nothing_changes_in_a_closed_period(
    org, period, my_skp, employee, supervisor, hr_officer
):
    draft = draft_skp(org.colleague, period, supervisor)
    indicator = my_skp.results.get().indicators.get()
    services.record_realisation(indicator, "TW1", "Tiga kegiatan", by=employee)
    realisation = indicator.realisations.get()
    rate(my_skp, supervisor)
    services.close_period(period, by=hr_officer)
    rhk = draft.results.get()
    attempts = {
        "create": lambda: services.create_skp(org.kabid, period, by=head_user_of(org)),
        "add_result": lambda: services.add_result(draft, by=supervisor, text="Baru"),
        "update_result": lambda: services.update_result(
            rhk, by=supervisor, text="Ubah", kind="UTAMA"
        ),
        "remove_result": lambda: services.remove_result(rhk, by=supervisor),
        "add_indicator": lambda: services.add_indicator(
            rhk, by=supervisor, aspect="WAKTU", text="x", target="y"
        ),
        "expectation": lambda: services.set_expectation(
            draft, "AKUNTABEL", "Tepat waktu", by=supervisor
        ),
        "agree": lambda: services.agree_skp(draft, by=supervisor),
        "realisation": lambda: services.record_realisation(
            indicator, "TW2", "Empat", by=employee
        ),
        "evidence": lambda: services.add_evidence(
            realisation, by=employee, text="Laporan"
        ),
        "feedback": lambda: services.give_feedback(
            my_skp, by=supervisor, text="Bagus", value="KOMPETEN"
        ),
        "checkin": lambda: services.record_checkin(
            my_skp,
            "TW1",
            by=supervisor,
            work_results_rating="SESUAI_EKSPEKTASI",
            behaviour_rating="SESUAI_EKSPEKTASI",
        ),
        "rate": lambda: rate(my_skp, supervisor, work="DI_ATAS_EKSPEKTASI"),
        "acknowledge": lambda: services.acknowledge_evaluation(
            my_skp.evaluation, by=employee
        ),
        "org_rating": lambda: services.set_org_rating(
            period, org.bidang, "BAIK", by=head_user_of(org)
        ),
        "lock": lambda: services.lock_unit_results(period, org.bidang, by=hr_officer),
        "potential": lambda: services.set_potential(
            org.me, period, level="TINGGI", source_text="Rapat", by=hr_officer
        ),
        "compute": lambda: services.compute_potentials(period, by=hr_officer),
    }
    for name, attempt in attempts.items():
        with pytest.raises(AppraisalError, match="sudah ditutup"):
            attempt()
        assert name  # the loop names the step in a failure's traceback


def head_user_of(org):
    return org.kadis.user


# ---------------------------------------------------------------- drafting


def test_the_employee_drafts_his_skp_with_the_header_from_the_chain(
    org, period, employee
):
    skp = services.create_skp(org.me, period, by=employee)
    assert skp.appraiser == org.kabid
    assert skp.superior == org.kadis
    assert skp.unit == org.bidang
    assert skp.position == org.staff_seat
    assert skp.header["employee"]["name"] == org.me.full_name
    assert skp.header["employee"]["unit"] == "Bidang Pelayanan"
    assert skp.header["appraiser"]["name"] == org.kabid.full_name
    assert skp.header["superior"]["position"] == org.kadis_seat.title
    assert skp.status == Skp.Status.DRAFT
    assert skp.version == 1


def test_the_appraiser_may_draft_but_nobody_else(
    org, period, supervisor, other_supervisor, hr_officer
):
    assert services.create_skp(org.colleague, period, by=supervisor).pk
    with pytest.raises(AppraisalError, match="disusun oleh pegawai sendiri"):
        services.create_skp(org.me, period, by=other_supervisor)
    with pytest.raises(AppraisalError, match="disusun oleh pegawai sendiri"):
        services.create_skp(org.me, period, by=hr_officer)


def test_one_skp_per_employee_per_period(org, period, employee):
    services.create_skp(org.me, period, by=employee)
    with pytest.raises(AppraisalError, match="sudah memiliki SKP"):
        services.create_skp(org.me, period, by=employee)
    with pytest.raises(IntegrityError), transaction.atomic():
        Skp.objects.create(period=period, employee=org.me)


def test_an_rhk_cascades_only_from_the_appraisers_skp_of_the_same_period(
    org, period, employee, supervisor, head_user, other_supervisor, hr_officer
):
    boss_skp = draft_skp(org.kabid, period, supervisor)
    boss_rhk = boss_skp.results.get()
    other_skp = draft_skp(org.other_boss, period, other_supervisor)
    skp = services.create_skp(org.me, period, by=employee)
    rhk = services.add_result(skp, by=employee, text="Turunan", parent=boss_rhk)
    assert rhk.parent == boss_rhk
    with pytest.raises(AppraisalError, match="SKP pejabat penilai"):
        services.add_result(
            skp, by=employee, text="Salah", parent=other_skp.results.get()
        )
    old = services.open_period(period.year - 1, by=hr_officer)
    old_boss = draft_skp(org.kabid, old, supervisor)
    with pytest.raises(AppraisalError, match="periode yang sama"):
        services.add_result(
            skp, by=employee, text="Lama", parent=old_boss.results.get()
        )
    # The appraiser's RHK cannot disappear from under the cascaded one.
    with pytest.raises(AppraisalError, match="diintervensi oleh RHK bawahan"):
        services.remove_result(boss_rhk, by=supervisor)


def test_agreement_needs_both_and_a_main_rhk_with_an_indicator(
    org, period, employee, supervisor, other_supervisor
):
    skp = services.create_skp(org.me, period, by=employee)
    with pytest.raises(AppraisalError, match="RHK utama"):
        services.agree_skp(skp, by=employee)
    rhk = services.add_result(skp, by=employee, text="RHK")
    services.add_indicator(
        rhk, by=employee, aspect="KUALITAS", text="Mutu", target="90%"
    )
    services.agree_skp(skp, by=employee)
    skp.refresh_from_db()
    assert skp.employee_agreed_at
    assert skp.status == Skp.Status.DRAFT
    with pytest.raises(AppraisalError, match="menyetujui SKP"):
        services.agree_skp(skp, by=other_supervisor)
    services.agree_skp(skp, by=supervisor)
    skp.refresh_from_db()
    assert skp.status == Skp.Status.AGREED
    version = SkpVersion.objects.get(skp=skp)
    assert version.version == 1
    assert version.snapshot["results"][0]["indicators"][0]["target"] == "90%"
    with pytest.raises(AppraisalError, match="sudah disepakati"):
        services.agree_skp(skp, by=employee)


def test_a_change_in_draft_clears_the_other_partys_agreement(
    org, period, employee, supervisor
):
    skp = draft_skp(org.me, period, employee)
    services.agree_skp(skp, by=employee)
    services.add_result(skp, by=supervisor, text="Tambahan", kind="TAMBAHAN")
    skp.refresh_from_db()
    assert skp.employee_agreed_at is None
    assert skp.version == 1


def test_a_drafts_appraiser_follows_a_new_holder_of_the_supervising_seat(
    org, period, employee, supervisor, role_groups
):
    skp = draft_skp(org.me, period, employee)
    services.agree_skp(skp, by=supervisor)
    # The bidang head is rotated out; a new head takes the seat before agreement.
    Placement.objects.filter(employee=org.kabid).update(
        end_date=today() - timedelta(days=1)
    )
    new_user = UserFactory(role=roles.SUPERVISOR)
    newcomer = PlacementFactory(
        position=org.kabid_seat,
        employee=EmployeeFactory(user=new_user, name="Kabid Baru"),
        start_date=today(),
    ).employee

    skp = services.agree_skp(skp, by=employee)
    assert skp.appraiser_id == newcomer.pk
    assert skp.header["appraiser"]["name"].startswith("Kabid Baru")
    # The former head's agreement no longer counts, nor can he give it again.
    assert (skp.appraiser_agreed_at, skp.status) == (None, "DRAFT")
    with pytest.raises(AppraisalError, match="Hanya pegawai dan pejabat penilai"):
        services.agree_skp(skp, by=supervisor)
    assert services.agree_skp(skp, by=new_user).status == "AGREED"


def test_a_change_after_agreement_starts_a_new_version_and_keeps_the_old(
    my_skp, employee, supervisor
):
    rhk = my_skp.results.get()
    services.update_result(rhk, by=supervisor, text="RHK diperbarui", kind="UTAMA")
    my_skp.refresh_from_db()
    assert my_skp.status == Skp.Status.DRAFT
    assert my_skp.version == 2
    assert my_skp.employee_agreed_at is None
    assert my_skp.appraiser_agreed_at is None
    old = SkpVersion.objects.get(skp=my_skp, version=1)
    assert old.snapshot["results"][0]["text"] == "Layanan kesehatan dasar terlaksana"
    services.agree_skp(my_skp, by=employee)
    services.agree_skp(my_skp, by=supervisor)
    versions = dict(
        SkpVersion.objects.filter(skp=my_skp).values_list("version", "snapshot")
    )
    assert versions[2]["results"][0]["text"] == "RHK diperbarui"
    assert versions[1]["results"][0]["text"] == "Layanan kesehatan dasar terlaksana"


def test_the_appraiser_alone_sets_special_expectations(my_skp, employee, supervisor):
    with pytest.raises(AppraisalError, match="pejabat penilai kinerja"):
        services.set_expectation(
            my_skp, "AKUNTABEL", "Laporan tepat waktu", by=employee
        )
    services.set_expectation(my_skp, "AKUNTABEL", "Laporan tepat waktu", by=supervisor)
    my_skp.refresh_from_db()
    assert my_skp.expectations.get().text == "Laporan tepat waktu"
    assert my_skp.version == 2  # part of the agreed plan, so a new version


def test_a_rated_skp_cannot_be_replanned(my_skp, supervisor):
    rate(my_skp, supervisor)
    with pytest.raises(AppraisalError, match="sudah dinilai"):
        services.add_result(my_skp, by=supervisor, text="Terlambat")


def test_hr_assigns_an_appraiser_when_the_chain_has_none(
    org, period, head_user, hr_officer, role_groups
):
    skp = services.create_skp(org.kadis, period, by=head_user)
    assert skp.appraiser is None
    with pytest.raises(AppraisalError, match="belum memiliki pejabat penilai"):
        services.agree_skp(skp, by=head_user)
    sekda = EmployeeFactory(name="Sekretaris Daerah")
    with pytest.raises(AppraisalError, match="BKPSDM"):
        services.assign_appraiser(skp, appraiser=sekda, superior=None, by=head_user)
    with pytest.raises(AppraisalError, match="berbeda"):
        services.assign_appraiser(
            skp, appraiser=org.kadis, superior=None, by=hr_officer
        )
    services.assign_appraiser(skp, appraiser=sekda, superior=None, by=hr_officer)
    skp.refresh_from_db()
    assert skp.appraiser == sekda
    assert skp.header["appraiser"]["name"] == sekda.full_name


def test_the_database_refuses_an_skp_appraised_by_its_own_employee(org, period):
    with pytest.raises(IntegrityError), transaction.atomic():
        Skp.objects.create(period=period, employee=org.me, appraiser=org.me)


def test_rhk_main_section_comes_first(org, period, employee):
    skp = draft_skp(org.me, period, employee)
    services.add_result(skp, by=employee, text="Tambahan", kind="TAMBAHAN")
    services.add_result(skp, by=employee, text="Utama dua")
    kinds = list(PlannedResult.objects.filter(skp=skp).values_list("kind", flat=True))
    assert kinds == ["UTAMA", "UTAMA", "TAMBAHAN"]


# ---------------------------------------------------------------- my team


def test_my_team_shows_what_waits_for_the_appraiser(org, period, employee, supervisor):
    skp = draft_skp(org.me, period, employee)
    services.agree_skp(skp, by=employee)
    rows = {row.pk: row for row in querysets.team_for(supervisor, period)}
    assert set(rows) == {org.me.pk, org.colleague.pk}
    assert rows[org.me.pk].waiting == [querysets.WAITING_AGREE]
    assert rows[org.colleague.pk].waiting == [querysets.WAITING_NO_SKP]
    services.agree_skp(skp, by=supervisor)
    rows = {row.pk: row for row in querysets.team_for(supervisor, period)}
    assert rows[org.me.pk].waiting == [querysets.WAITING_RATE]
    rate(skp, supervisor)
    rows = {row.pk: row for row in querysets.team_for(supervisor, period)}
    assert rows[org.me.pk].waiting == []
    assert rows[org.me.pk].skp_predikat == "BAIK"
    assert querysets.team_for(employee, period) == []


def test_my_team_takes_the_same_queries_for_10_and_300(org, period, supervisor):
    from positions.models import Employee, Placement

    def build(n):
        people = Employee.objects.bulk_create(EmployeeFactory.build() for _ in range(n))
        Placement.objects.bulk_create(
            Placement(employee=e, position=org.staff_seat, start_date=date(2021, 1, 1))
            for e in people
        )
        SkpFactory.create_batch(
            n // 2,
            period=period,
            employee=factory_iter(people[: n // 2]),
            appraiser=org.kabid,
            superior=org.kadis,
            unit=org.bidang,
        )

    assert_constant_queries(
        build, lambda: querysets.team_for(supervisor, period), small=10, large=300
    )
    assert len(querysets.team_for(supervisor, period)) == 302


def factory_iter(items):
    import factory

    return factory.Iterator(items, cycle=False)


def test_reference_day_stays_inside_the_period(period):
    assert period.reference_day(date(period.year + 1, 3, 1)) == period.end_date
    assert period.reference_day(today()) == today()


def test_a_realisation_at_an_unknown_checkpoint_is_refused(my_skp, employee):
    indicator = Indicator.objects.filter(rhk__skp=my_skp).first()
    with pytest.raises(AppraisalError, match="tidak dikenal"):
        services.record_realisation(indicator, "TW9", "Selesai 12 laporan", by=employee)
    assert not Realisation.objects.exists()
