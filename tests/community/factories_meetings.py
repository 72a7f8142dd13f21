"""Factories of the meetings area: meetings, registrations and commitments."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from community.models import (
    Commitment,
    CommitmentUpdate,
    Meeting,
    MeetingRegistration,
)
from tests.community.factories import CitizenFactory
from tests.positions.factories import OrgUnitFactory


class MeetingFactory(DjangoModelFactory):
    """An announced meeting a week from now, open for registration."""

    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Forum Diskusi Publik {n}")
    unit = factory.SubFactory(OrgUnitFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + timedelta(hours=3))
    place = "Aula Balai Kota Sawahlunto"
    agenda = "1. Pembukaan\n2. Paparan unit\n3. Tanya jawab"


class HeldMeetingFactory(MeetingFactory):
    """A meeting held last month with published minutes."""

    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))
    status = Meeting.Status.HELD
    minutes = "Warga meminta jam layanan diperpanjang."
    minutes_published_at = factory.LazyFunction(timezone.now)


class MeetingRegistrationFactory(DjangoModelFactory):
    class Meta:
        model = MeetingRegistration

    meeting = factory.SubFactory(MeetingFactory)
    user = factory.SubFactory(CitizenFactory)


class CommitmentFactory(DjangoModelFactory):
    class Meta:
        model = Commitment

    meeting = factory.SubFactory(HeldMeetingFactory)
    description = factory.Sequence(lambda n: f"Memperpanjang jam layanan loket {n}")
    unit = factory.SubFactory(OrgUnitFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))


class CommitmentUpdateFactory(DjangoModelFactory):
    class Meta:
        model = CommitmentUpdate

    commitment = factory.SubFactory(CommitmentFactory)
    date = factory.LazyFunction(timezone.localdate)
    status = "IN_PROGRESS"
    progress = 30
    note = "Sedang disiapkan."
