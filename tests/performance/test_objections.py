from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from performance import services
from performance.models import Evaluation, Objection
from performance.services import AppraisalError
from tests.performance.conftest import rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def result(my_skp, employee, supervisor):
    """A received result: Baik, from 'sesuai' twice."""
    evaluation = rate(my_skp, supervisor)
    return services.acknowledge_evaluation(evaluation, by=employee)


def received_days_ago(evaluation, days):
    Evaluation.objects.filter(pk=evaluation.pk).update(
        received_at=timezone.now() - timedelta(days=days)
    )
    evaluation.refresh_from_db()


def test_an_objection_on_day_14_is_accepted(result, employee):
    received_days_ago(result, 14)
    objection = services.file_objection(result, by=employee, reasons="Realisasi lebih")
    assert objection.status == Objection.Status.FILED
    assert objection.original_predikat == "BAIK"


def test_an_objection_on_day_15_is_refused_with_the_reason(result, employee):
    received_days_ago(result, 15)
    with pytest.raises(AppraisalError) as refused:
        services.file_objection(result, by=employee, reasons="Terlambat")
    message = refused.value.messages[0]
    assert "paling lambat 14 hari" in message
    assert "sudah lewat batas itu" in message
    assert not Objection.objects.exists()


def test_only_the_employee_objects_once_after_receiving(my_skp, employee, supervisor):
    evaluation = rate(my_skp, supervisor)
    with pytest.raises(AppraisalError, match="Terima hasil penilaian lebih dulu"):
        services.file_objection(evaluation, by=employee, reasons="x")
    services.acknowledge_evaluation(evaluation, by=employee)
    with pytest.raises(AppraisalError, match="hanya dapat diajukan oleh pegawai"):
        services.file_objection(evaluation, by=supervisor, reasons="x")
    with pytest.raises(AppraisalError, match="Alasan keberatan wajib"):
        services.file_objection(evaluation, by=employee, reasons="  ")
    services.file_objection(evaluation, by=employee, reasons="Tidak sesuai")
    with pytest.raises(AppraisalError, match="sudah diajukan"):
        services.file_objection(evaluation, by=employee, reasons="Lagi")


def test_both_explain_then_the_superior_changes_the_result(
    result, employee, supervisor, head_user, other_supervisor
):
    objection = services.file_objection(
        result, by=employee, reasons="Target terlampaui"
    )
    with pytest.raises(AppraisalError, match="Minta penjelasan"):
        services.decide_objection(objection, by=head_user, decision="KEPT", reason="x")
    with pytest.raises(AppraisalError, match="Penjelasan diberikan oleh"):
        services.explain_objection(objection, by=other_supervisor, text="x")
    services.explain_objection(objection, by=supervisor, text="Kualitas kurang")
    objection.refresh_from_db()
    assert objection.status == Objection.Status.FILED
    services.explain_objection(objection, by=employee, text="Bukti terlampir")
    objection.refresh_from_db()
    assert objection.status == Objection.Status.CLARIFIED
    for user in (employee, supervisor, other_supervisor):
        with pytest.raises(AppraisalError, match="atasan pejabat penilai"):
            services.decide_objection(objection, by=user, decision="KEPT", reason="x")
    with pytest.raises(AppraisalError, match="kedua rating yang baru"):
        services.decide_objection(
            objection, by=head_user, decision="CHANGED", reason="Bukti kuat"
        )
    with pytest.raises(AppraisalError, match="sama dengan semula"):
        services.decide_objection(
            objection,
            by=head_user,
            decision="CHANGED",
            reason="Bukti kuat",
            work_results_rating="SESUAI_EKSPEKTASI",
            behaviour_rating="SESUAI_EKSPEKTASI",
        )
    services.decide_objection(
        objection,
        by=head_user,
        decision="CHANGED",
        reason="Bukti realisasi melampaui target",
        work_results_rating="DI_ATAS_EKSPEKTASI",
        behaviour_rating="DI_ATAS_EKSPEKTASI",
    )
    objection.refresh_from_db()
    result.refresh_from_db()
    assert objection.status == Objection.Status.DECIDED
    assert (objection.original_predikat, objection.new_predikat) == (
        "BAIK",
        "SANGAT_BAIK",
    )
    assert result.predikat == "SANGAT_BAIK"
    assert result.work_results_justification == "Bukti realisasi melampaui target"
    with pytest.raises(AppraisalError, match="keputusannya final"):
        services.decide_objection(objection, by=head_user, decision="KEPT", reason="x")


def test_a_kept_decision_leaves_the_result(result, employee, supervisor, head_user):
    objection = services.file_objection(result, by=employee, reasons="Keberatan")
    services.explain_objection(objection, by=supervisor, text="Sudah sesuai")
    services.explain_objection(objection, by=employee, text="Menurut saya tidak")
    with pytest.raises(AppraisalError, match="Alasan keputusan wajib"):
        services.decide_objection(objection, by=head_user, decision="KEPT", reason="")
    services.decide_objection(
        objection, by=head_user, decision="KEPT", reason="Penilaian sesuai bukti"
    )
    objection.refresh_from_db()
    result.refresh_from_db()
    assert objection.decision == "KEPT"
    assert objection.new_predikat == ""
    assert result.predikat == "BAIK"


def test_a_period_with_an_undecided_objection_cannot_close(
    result, employee, period, hr_officer
):
    services.file_objection(result, by=employee, reasons="Realisasi lebih")
    with pytest.raises(AppraisalError, match="1 keberatan yang belum ditetapkan"):
        services.close_period(period, by=hr_officer)
    period.refresh_from_db()
    assert period.is_open
