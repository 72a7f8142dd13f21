"""The demo meetings: two held with minutes and commitments in every state, one
upcoming with registrations; running the seed twice changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community.demo.meetings import seed_meetings
from community.models import Commitment, CommitmentUpdate, Meeting, MeetingRegistration
from tests.community.factories import ResponderFactory
from tests.community.factories_meetings import CitizenFactory
from tests.positions.factories import OrgUnitFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("role_groups")]


@pytest.fixture
def seeded():
    units = [OrgUnitFactory(code=code) for code in ("DUKCAPIL", "DKUKMP", "DISHUB")]
    ResponderFactory(unit=units[0])
    citizens = CitizenFactory.create_batch(8)
    today = timezone.localdate()
    return seed_meetings(citizens, as_of=today), citizens, today


def test_the_seed_makes_two_held_meetings_and_one_upcoming(seeded):
    created, _citizens, _today = seeded
    assert created == 3
    held = Meeting.objects.filter(status="HELD")
    assert held.count() == 2
    assert all(m.minutes and m.minutes_published_at for m in held)
    upcoming = Meeting.objects.upcoming().get()
    assert upcoming.accepts_registration()
    assert upcoming.registrations.count() > 0


def test_commitments_cover_every_state_with_history(seeded):
    statuses = set(Commitment.objects.values_list("status", flat=True))
    assert statuses == {"PLANNED", "IN_PROGRESS", "DONE", "DROPPED"}
    for commitment in Commitment.objects.exclude(status="PLANNED"):
        last = commitment.updates.order_by("date", "pk").last()
        assert (last.status, last.progress) == (commitment.status, commitment.progress)
        assert commitment.updates.count() >= 2
    assert Commitment.objects.filter(is_public=False).exists()
    assert not CommitmentUpdate.objects.filter(date__gt=timezone.localdate()).exists()


def test_the_seed_is_idempotent(seeded):
    _created, citizens, today = seeded
    counts = (
        Meeting.objects.count(),
        MeetingRegistration.objects.count(),
        Commitment.objects.count(),
        CommitmentUpdate.objects.count(),
    )
    assert seed_meetings(citizens, as_of=today + timedelta(days=1)) == 0
    assert counts == (
        Meeting.objects.count(),
        MeetingRegistration.objects.count(),
        Commitment.objects.count(),
        CommitmentUpdate.objects.count(),
    )


def test_the_seeded_pages_render(seeded, client):
    assert client.get(reverse("community:meeting_list")).status_code == 200
    assert client.get(reverse("community:commitment_list")).status_code == 200
    for meeting in Meeting.objects.all():
        assert client.get(meeting.get_absolute_url()).status_code == 200
    for commitment in Commitment.objects.filter(is_public=True):
        assert client.get(commitment.get_absolute_url()).status_code == 200


def test_without_units_nothing_is_seeded():
    assert seed_meetings([], as_of=timezone.localdate()) == 0
    assert not Meeting.objects.exists()
