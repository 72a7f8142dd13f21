"""Two citizens racing for the last seat of a meeting: the meeting row is locked,
so exactly one gets it and the other is told the meeting is full."""

from __future__ import annotations

import pytest

from community.errors import CommunityError
from community.services import meetings as services
from tests.community.factories_meetings import (
    CitizenFactory,
    MeetingFactory,
    MeetingRegistrationFactory,
)
from tests.helpers import run_together


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("role_groups")
def test_the_last_seat_goes_to_exactly_one_of_four_citizens():
    meeting = MeetingFactory(capacity=3)
    MeetingRegistrationFactory.create_batch(2, meeting=meeting)
    racers = CitizenFactory.create_batch(4)
    outcomes = run_together(
        *(
            lambda citizen=citizen: services.register_for_meeting(
                meeting, citizen=citizen
            )
            for citizen in racers
        )
    )
    won = [o for o in outcomes if not isinstance(o, Exception)]
    lost = [o for o in outcomes if isinstance(o, Exception)]
    assert len(won) == 1, outcomes
    assert all(isinstance(o, CommunityError) and "penuh" in str(o) for o in lost)
    assert meeting.registrations.count() == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("role_groups")
def test_one_citizen_double_clicking_gets_one_seat():
    meeting = MeetingFactory(capacity=10)
    citizen = CitizenFactory()
    outcomes = run_together(
        lambda: services.register_for_meeting(meeting, citizen=citizen),
        lambda: services.register_for_meeting(meeting, citizen=citizen),
    )
    assert sum(not isinstance(o, Exception) for o in outcomes) == 1, outcomes
    assert meeting.registrations.count() == 1
