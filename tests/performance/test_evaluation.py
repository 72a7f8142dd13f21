from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from performance import rules, services
from performance.models import CheckIn, Evaluation, Feedback
from performance.services import AppraisalError
from tests.performance.conftest import agreed_skp, rate, today
from tests.performance.factories import EvaluationFactory, SkpFactory

pytestmark = pytest.mark.django_db

ABOVE, AS, BELOW = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"


@pytest.mark.parametrize(
    ("work", "behaviour", "expected"),
    [
        (ABOVE, ABOVE, "SANGAT_BAIK"),
        (ABOVE, AS, "BAIK"),
        (ABOVE, BELOW, "KURANG_MISCONDUCT"),
        (AS, ABOVE, "BAIK"),
        (AS, AS, "BAIK"),
        (AS, BELOW, "KURANG_MISCONDUCT"),
        (BELOW, ABOVE, "BUTUH_PERBAIKAN"),
        (BELOW, AS, "BUTUH_PERBAIKAN"),
        (BELOW, BELOW, "SANGAT_KURANG"),
    ],
)
def test_the_predikat_is_computed_and_stored(
    my_skp, supervisor, work, behaviour, expected
):
    evaluation = rate(my_skp, supervisor, work=work, behaviour=behaviour)
    evaluation.refresh_from_db()
    assert evaluation.predikat == expected
    assert evaluation.appraiser_id == my_skp.appraiser_id


def test_a_rating_other_than_as_expected_needs_a_justification(my_skp, supervisor):
    with pytest.raises(AppraisalError, match=r"hasil kerja .* wajib disertai alasan"):
        services.rate_annual(
            my_skp,
            by=supervisor,
            work_results_rating=ABOVE,
            behaviour_rating=AS,
        )
    with pytest.raises(
        AppraisalError, match=r"perilaku kerja .* wajib disertai alasan"
    ):
        services.rate_annual(
            my_skp,
            by=supervisor,
            work_results_rating=AS,
            behaviour_rating=BELOW,
            behaviour_justification="   ",
        )
    assert not Evaluation.objects.exists()


def test_the_database_refuses_an_unjustified_rating_and_a_typed_predikat(org, period):
    skp = SkpFactory(period=period, employee=org.me, appraiser=org.kabid)
    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluationFactory(
            skp=skp, work_results_rating=BELOW, work_results_justification=""
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluationFactory(skp=skp, predikat="SANGAT_BAIK")
    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluationFactory(skp=skp, appraiser=org.me)


def test_an_employee_cannot_rate_himself(org, period, employee, supervisor, head_user):
    with pytest.raises(AppraisalError, match="tidak dapat menilai dirinya sendiri"):
        rate(agreed_skp(org.me, period, employee, supervisor), employee)
    # Nor can the appraiser rate his own SKP, which his superior rates.
    boss_skp = agreed_skp(org.kabid, period, supervisor, head_user)
    with pytest.raises(AppraisalError, match="tidak dapat menilai dirinya sendiri"):
        rate(boss_skp, supervisor)
    services.set_org_rating(period, org.bidang, "BAIK", by=head_user)
    assert rate(boss_skp, head_user).predikat == "BAIK"


def test_only_the_skps_appraiser_rates(my_skp, other_supervisor, head_user, hr_officer):
    for user in (other_supervisor, head_user, hr_officer):
        with pytest.raises(AppraisalError, match="Hanya pejabat penilai kinerja"):
            rate(my_skp, user)


def test_rating_needs_an_agreed_skp(org, period, employee, supervisor):
    from tests.performance.conftest import draft_skp

    with pytest.raises(AppraisalError, match="belum disepakati"):
        rate(draft_skp(org.me, period, employee), supervisor)


def test_the_appraiser_may_rerate_until_the_employee_acknowledges(
    my_skp, employee, supervisor
):
    rate(my_skp, supervisor)
    evaluation = rate(my_skp, supervisor, work=ABOVE, behaviour=ABOVE)
    assert evaluation.predikat == "SANGAT_BAIK"
    with pytest.raises(AppraisalError, match="Hanya pegawai yang dinilai"):
        services.acknowledge_evaluation(evaluation, by=supervisor)
    services.acknowledge_evaluation(evaluation, by=employee)
    evaluation.refresh_from_db()
    assert evaluation.received_at is not None
    with pytest.raises(AppraisalError, match="sudah Anda terima"):
        services.acknowledge_evaluation(evaluation, by=employee)
    with pytest.raises(AppraisalError, match="melalui keberatan"):
        rate(my_skp, supervisor, work=BELOW, behaviour=AS)
    assert services.objection_deadline(evaluation) == today() + timedelta(days=14)


def test_feedback_is_dated_and_given_per_rhk_or_per_value(my_skp, employee, supervisor):
    rhk = my_skp.results.get()
    on_rhk = services.give_feedback(my_skp, by=supervisor, text="Tepat", rhk=rhk)
    on_value = services.give_feedback(
        my_skp, by=supervisor, text="Ramah", value="BERORIENTASI_PELAYANAN"
    )
    assert on_rhk.given_on == today()
    assert on_value.value == "BERORIENTASI_PELAYANAN"
    with pytest.raises(AppraisalError, match="Pilih satu RHK atau satu nilai"):
        services.give_feedback(my_skp, by=supervisor, text="x", rhk=rhk, value="LOYAL")
    with pytest.raises(AppraisalError, match="Pilih satu RHK atau satu nilai"):
        services.give_feedback(my_skp, by=supervisor, text="x")
    with pytest.raises(AppraisalError, match="Hanya pejabat penilai kinerja"):
        services.give_feedback(my_skp, by=employee, text="x", value="LOYAL")
    with pytest.raises(AppraisalError, match="dalam periode"):
        services.give_feedback(
            my_skp,
            by=supervisor,
            text="x",
            value="LOYAL",
            given_on=my_skp.period.start_date - timedelta(days=1),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.create(skp=my_skp, given_on=today(), text="tanpa sasaran")


def test_a_quarterly_checkin_records_a_provisional_predikat(my_skp, supervisor):
    checkin = services.record_checkin(
        my_skp,
        "TW2",
        by=supervisor,
        work_results_rating=BELOW,
        behaviour_rating=AS,
        note="Perlu percepatan",
    )
    assert checkin.predikat == "BUTUH_PERBAIKAN"
    services.record_checkin(
        my_skp, "TW2", by=supervisor, work_results_rating=AS, behaviour_rating=AS
    )
    assert CheckIn.objects.get(skp=my_skp).predikat == "BAIK"
    with pytest.raises(AppraisalError, match="per triwulan"):
        services.record_checkin(
            my_skp,
            "TAHUNAN",
            by=supervisor,
            work_results_rating=AS,
            behaviour_rating=AS,
        )


def test_the_behaviour_guide_has_three_lines_per_value():
    assert set(rules.BEHAVIOUR_GUIDE) == set(rules.BerakhlakValue.values)
    assert all(len(lines) == 3 for lines in rules.BEHAVIOUR_GUIDE.values())


def test_received_at_is_what_starts_the_clock(my_skp, employee, supervisor):
    evaluation = rate(my_skp, supervisor)
    assert services.objection_deadline(evaluation) is None
    evaluation.received_at = timezone.now() - timedelta(days=3)
    assert services.objection_deadline(evaluation) == today() + timedelta(days=11)


def test_an_unknown_rating_is_a_refusal_not_an_error(my_skp, supervisor):
    with pytest.raises(AppraisalError, match="tidak dikenal"):
        services.rate_annual(
            my_skp,
            by=supervisor,
            work_results_rating="LUAR_BIASA",
            behaviour_rating=AS,
        )
    assert not Evaluation.objects.filter(skp=my_skp).exists()
