from __future__ import annotations

from datetime import timedelta

import factory
import pytest
from django.utils import timezone

from performance import querysets, services
from performance.models import Evaluation, UnitResult
from performance.services import AppraisalError
from tests.helpers import assert_constant_queries
from tests.performance.conftest import agreed_skp, draft_skp, rate
from tests.performance.factories import RATINGS_FOR, EvaluationFactory, SkpFactory
from tests.positions.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def evaluated(period, org, predikat, n=1):
    """n evaluations with the given predikat in the bidang, built directly."""
    work, behaviour = RATINGS_FOR[predikat]
    for _ in range(n):
        skp = SkpFactory(
            period=period,
            employee=EmployeeFactory(),
            appraiser=org.kabid,
            superior=org.kadis,
            unit=org.bidang,
        )
        EvaluationFactory(skp=skp, work_results_rating=work, behaviour_rating=behaviour)


def test_the_unit_heads_superior_sets_the_organisation_rating(
    org, period, head_user, supervisor, hr_officer
):
    with pytest.raises(AppraisalError, match="atasan langsung kepala unit"):
        services.set_org_rating(period, org.bidang, "BAIK", by=supervisor)
    with pytest.raises(AppraisalError, match="atasan langsung kepala unit"):
        services.set_org_rating(period, org.bidang, "BAIK", by=hr_officer)
    result = services.set_org_rating(period, org.bidang, "ISTIMEWA", by=head_user)
    assert result.org_rating == "ISTIMEWA"
    assert result.rated_by == head_user
    # The dinas head has no superior seat in the registry: HR records it for the PPK.
    assert services.set_org_rating(period, org.dinas, "BAIK", by=hr_officer).pk


def test_the_distribution_is_counted_against_the_pattern(org, period, head_user):
    evaluated(period, org, "BAIK", 7)
    evaluated(period, org, "BUTUH_PERBAIKAN", 3)
    services.set_org_rating(period, org.bidang, "BAIK", by=head_user)
    distribution = querysets.distribution_for(period, org.bidang)
    assert distribution.counts["BAIK"] == 7
    assert distribution.counts["SANGAT_BAIK"] == 0
    assert distribution.total == 10
    assert distribution.shares["BAIK"] == 70.0
    assert distribution.holds  # exactly 70% Baik is within the maximum
    # The dinas above counts the bidang's employees too.
    assert querysets.distribution_for(period, org.dinas, "BAIK").total == 10
    assert querysets.distribution_for(period, org.other, "BAIK").total == 0


def test_hr_locks_when_the_pattern_holds(
    org, period, head_user, hr_officer, supervisor
):
    evaluated(period, org, "BAIK", 7)
    evaluated(period, org, "BUTUH_PERBAIKAN", 3)
    with pytest.raises(AppraisalError, match="belum ditetapkan"):
        services.lock_unit_results(period, org.bidang, by=hr_officer)
    services.set_org_rating(period, org.bidang, "BAIK", by=head_user)
    with pytest.raises(AppraisalError, match="BKPSDM"):
        services.lock_unit_results(period, org.bidang, by=supervisor)
    result = services.lock_unit_results(period, org.bidang, by=hr_officer)
    assert result.is_locked
    assert result.breaches == []
    assert result.counts["BAIK"] == 7
    assert not Evaluation.objects.filter(locked_at__isnull=True).exists()
    with pytest.raises(AppraisalError, match="sudah dikunci"):
        services.lock_unit_results(period, org.bidang, by=hr_officer)
    with pytest.raises(AppraisalError, match="sudah dikunci"):
        services.set_org_rating(period, org.bidang, "ISTIMEWA", by=head_user)


def test_a_breach_needs_a_recorded_reason(org, period, head_user, hr_officer):
    evaluated(period, org, "BAIK", 8)
    evaluated(period, org, "BUTUH_PERBAIKAN", 2)
    services.set_org_rating(period, org.bidang, "BAIK", by=head_user)
    with pytest.raises(AppraisalError) as refused:
        services.lock_unit_results(period, org.bidang, by=hr_officer)
    assert "catat alasannya" in refused.value.messages[0]
    assert "Baik paling banyak 70%, ternyata 80%." in refused.value.messages[1]
    assert UnitResult.objects.get().locked_at is None
    result = services.lock_unit_results(
        period, org.bidang, by=hr_officer, reason="Unit baru digabung dari dua bidang."
    )
    assert result.lock_reason == "Unit baru digabung dari dua bidang."
    assert result.breaches == ["Baik paling banyak 70%, ternyata 80%."]


def test_nothing_changes_in_a_locked_unit(
    org, period, employee, supervisor, head_user, hr_officer
):
    skp = agreed_skp(org.me, period, employee, supervisor)
    evaluation = rate(skp, supervisor)
    services.acknowledge_evaluation(evaluation, by=employee)
    Evaluation.objects.filter(pk=evaluation.pk).update(
        received_at=timezone.now() - timedelta(days=20)
    )
    colleague_skp = draft_skp(org.colleague, period, supervisor)
    services.set_org_rating(period, org.bidang, "BAIK", by=head_user)
    services.lock_unit_results(period, org.bidang, by=hr_officer, reason="Uji")
    indicator = skp.results.get().indicators.get()
    for attempt in (
        lambda: rate(skp, supervisor, work="DI_ATAS_EKSPEKTASI"),
        lambda: services.add_result(colleague_skp, by=supervisor, text="x"),
        lambda: services.record_realisation(indicator, "TW4", "x", by=employee),
        lambda: services.give_feedback(skp, by=supervisor, text="x", value="LOYAL"),
        lambda: services.file_objection(evaluation, by=employee, reasons="x"),
    ):
        with pytest.raises(AppraisalError, match="sudah dikunci"):
            attempt()


def test_the_lock_waits_for_objections_and_open_objection_periods(
    org, period, employee, supervisor, head_user, hr_officer
):
    skp = agreed_skp(org.me, period, employee, supervisor)
    evaluation = rate(skp, supervisor)
    services.acknowledge_evaluation(evaluation, by=employee)
    services.set_org_rating(period, org.bidang, "BAIK", by=head_user)
    with pytest.raises(AppraisalError, match="masa pengajuan keberatan"):
        services.lock_unit_results(period, org.bidang, by=hr_officer, reason="x")
    services.file_objection(evaluation, by=employee, reasons="Tidak sesuai")
    with pytest.raises(AppraisalError, match="keberatan yang belum ditetapkan"):
        services.lock_unit_results(period, org.bidang, by=hr_officer, reason="x")


def test_the_distribution_takes_the_same_queries_for_10_and_300(org, period):
    def build(n):
        employees = EmployeeFactory.create_batch(n)
        skps = SkpFactory.create_batch(
            n,
            period=period,
            employee=factory.Iterator(employees, cycle=False),
            unit=org.bidang,
            appraiser=org.kabid,
        )
        EvaluationFactory.create_batch(n, skp=factory.Iterator(skps, cycle=False))

    assert_constant_queries(
        build,
        lambda: querysets.distribution_for(period, org.bidang),
        small=10,
        large=300,
    )
    assert querysets.distribution_for(period, org.dinas, "BAIK").total == 300


def test_the_objection_window_blocks_the_lock_up_to_its_last_day(
    org, period, employee, supervisor, head_user, hr_officer
):
    skp = agreed_skp(org.me, period, employee, supervisor)
    evaluation = services.acknowledge_evaluation(rate(skp, supervisor), by=employee)
    services.set_org_rating(period, org.bidang, "BAIK", by=head_user)
    Evaluation.objects.filter(pk=evaluation.pk).update(
        received_at=timezone.now() - timedelta(days=14)
    )
    with pytest.raises(AppraisalError, match="masa pengajuan keberatan"):
        services.lock_unit_results(period, org.bidang, by=hr_officer, reason="x")
    Evaluation.objects.filter(pk=evaluation.pk).update(
        received_at=timezone.now() - timedelta(days=15)
    )
    assert services.lock_unit_results(period, org.bidang, by=hr_officer, reason="x")


def test_the_lock_waits_until_every_result_is_received(
    org, period, employee, supervisor, head_user, hr_officer
):
    skp = agreed_skp(org.me, period, employee, supervisor)
    rate(skp, supervisor)
    services.set_org_rating(period, org.bidang, "BAIK", by=head_user)
    with pytest.raises(AppraisalError, match=r"1 hasil penilaian .* belum diterima"):
        services.lock_unit_results(period, org.bidang, by=hr_officer, reason="Uji")
    assert not Evaluation.objects.filter(locked_at__isnull=False).exists()
