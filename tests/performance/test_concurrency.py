"""Two officials at once: the lock of a unit and a rating in flight, and the
close of a period and a write in flight, never leave a change behind the lock."""

from __future__ import annotations

import pytest

from performance import services
from performance.models import Evaluation
from tests.helpers import run_together
from tests.performance.conftest import agreed_skp, rate


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rating_racing_the_unit_lock_is_either_locked_or_refused(
    org, period, employee, supervisor, head_user, hr_officer
):
    skp = agreed_skp(org.me, period, employee, supervisor)
    services.set_org_rating(period, org.bidang, "BAIK", by=head_user)
    outcomes = run_together(
        lambda: rate(skp, supervisor, work="DI_ATAS_EKSPEKTASI"),
        lambda: services.lock_unit_results(
            period, org.bidang, by=hr_officer, reason="Uji"
        ),
    )
    rated, locked = (not isinstance(o, Exception) for o in outcomes)
    evaluation = Evaluation.objects.filter(skp=skp).first()
    # Exactly one lands. A rating first leaves a result the employee has not
    # received, which the lock then waits for; a lock first refuses the rating.
    assert rated != locked, outcomes
    if rated:
        assert "belum diterima" in str(outcomes[1])
        assert evaluation.locked_at is None
    else:
        assert "sudah dikunci" in str(outcomes[0])
        assert evaluation is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_write_racing_the_close_of_the_period_lands_before_it_or_is_refused(
    org, period, employee, supervisor, hr_officer
):
    skp = agreed_skp(org.me, period, employee, supervisor)
    outcomes = run_together(
        lambda: services.give_feedback(skp, by=supervisor, text="x", value="LOYAL"),
        lambda: services.close_period(period, by=hr_officer),
    )
    assert not isinstance(outcomes[1], Exception), outcomes[1]
    if isinstance(outcomes[0], Exception):
        assert "sudah ditutup" in str(outcomes[0])
    else:
        assert skp.feedback.count() == 1
