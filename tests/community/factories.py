"""Factories every community area shares; each area keeps its own in
tests/community/factories_<area>.py."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from community.models import Responder
from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.positions.factories import OrgUnitFactory


class CitizenFactory(UserFactory):
    username = factory.Sequence(lambda n: f"warga{n}")

    @factory.post_generation
    def role(self, create: bool, extracted, **kwargs) -> None:
        if create:
            group = (extracted or roles.CITIZEN).group
            self.groups.add(Group.objects.get(name=group))


class ResponderFactory(DjangoModelFactory):
    class Meta:
        model = Responder

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(OrgUnitFactory)
    title = "Petugas Layanan"
