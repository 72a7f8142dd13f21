"""Citizens with a profile, as sign-up leaves them once the email is confirmed."""

from __future__ import annotations

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from community.models import CitizenProfile
from tests.accounts.factories import UserFactory
from tests.community import factories


class CitizenFactory(factories.CitizenFactory):
    """A confirmed citizen account: user in the citizen group plus its profile,
    with no real name (sign-up asks for a display name only)."""

    username = factory.Sequence(lambda n: f"wargauji{n}")
    first_name = ""
    last_name = ""

    @factory.post_generation
    def profile(self, create: bool, extracted, **kwargs) -> None:
        if create:
            CitizenProfileFactory(user=self, **kwargs)


class CitizenProfileFactory(DjangoModelFactory):
    class Meta:
        model = CitizenProfile

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Warga Ombilin {n}")
    email_confirmed_at = factory.LazyFunction(timezone.now)
