"""The demo feedback: every state, overdue items, idempotent."""

from __future__ import annotations

from datetime import date

import pytest

from community.demo.feedback import seed_feedback
from community.models import Feedback, Holiday
from community.services.feedback import unit_stats
from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.community.factories import ResponderFactory
from tests.community.factories_feedback import CitizenFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 11, 27)


def test_seed_feedback_covers_every_state_and_is_idempotent(moderator, hr_officer):
    units = [
        ResponderFactory(user=UserFactory(role=roles.EMPLOYEE)).unit for _ in range(4)
    ]
    citizens = [CitizenFactory() for _ in range(8)]
    written = []
    queries = count_queries(
        lambda: written.append(seed_feedback(citizens, as_of=AS_OF, count=400))
    )
    assert written == [400]
    assert queries < 40
    rows = Feedback.objects.all()
    # TERVERIFIKASI is a step of the history only: verification assigns at once.
    resting = set(Feedback.Status.values) - {Feedback.Status.VERIFIED}
    assert set(rows.values_list("status", flat=True)) == resting
    assert rows.overdue(AS_OF).exists()
    assert rows.filter(is_anonymous=True).exists()
    assert rows.filter(is_confidential=True).exists()
    assert rows.filter(rating__isnull=False).exists()
    assert rows.filter(reopen_count=1, answers__round=2).exists()
    assert rows.filter(needs_field_check=True).exists()
    assert Holiday.objects.filter(date=date(2027, 8, 17)).exists()
    assert rows.filter(events__isnull=True).count() == 0
    shares = {
        s.answered_on_time_share for s in unit_stats([u.pk for u in units]).values()
    }
    assert len(shares) > 1
    assert seed_feedback(citizens, as_of=AS_OF, count=400) == 0
    assert Feedback.objects.count() == 400
