from __future__ import annotations

import factory
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from sawahlunto_asn.accounts.models import User
from sawahlunto_asn.accounts.roles import Role

PASSWORD = "rahasia-uji-123"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = factory.Faker("first_name", locale="id_ID")
    last_name = factory.Faker("last_name", locale="id_ID")
    email = factory.LazyAttribute(lambda u: f"{u.username}@contoh.go.id")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(self, create: bool, extracted: Role | None, **kwargs) -> None:
        if create and extracted is not None:
            self.groups.add(Group.objects.get(name=extracted.group))
