"""Factories for feedback: rows in any state, built directly (the workflow's
own tests go through community.services.feedback)."""

from __future__ import annotations

import io
from datetime import timedelta

import factory
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image

from community.models import Feedback, FeedbackAnswer, Holiday, Service
from tests.accounts.factories import UserFactory
from tests.community.factories import CitizenFactory
from tests.positions.factories import OrgUnitFactory


class ServiceFactory(DjangoModelFactory):
    class Meta:
        model = Service

    unit = factory.SubFactory(OrgUnitFactory)
    name = factory.Sequence(lambda n: f"Layanan {n}")


class HolidayFactory(DjangoModelFactory):
    class Meta:
        model = Holiday
        django_get_or_create = ("date",)

    name = "Libur nasional"


class FeedbackFactory(DjangoModelFactory):
    class Meta:
        model = Feedback

    unit = factory.SubFactory(OrgUnitFactory)
    author = factory.SubFactory(CitizenFactory)
    category = Feedback.Category.COMPLAINT
    title = factory.Sequence(lambda n: f"Antrean layanan {n} terlalu lama")
    text = "Saya menunggu tiga jam tanpa kepastian."
    public_title = factory.LazyAttribute(lambda o: o.title)
    public_text = factory.LazyAttribute(lambda o: o.text)
    response_due = factory.LazyFunction(lambda: timezone.localdate() + timedelta(3))

    class Params:
        assigned = factory.Trait(
            status=Feedback.Status.ASSIGNED,
            verified_at=factory.LazyFunction(timezone.now),
            answer_due=factory.LazyFunction(
                lambda: timezone.localdate() + timedelta(7)
            ),
        )
        answered = factory.Trait(
            status=Feedback.Status.ANSWERED,
            verified_at=factory.LazyFunction(timezone.now),
            answered_at=factory.LazyFunction(timezone.now),
            answer_due=factory.LazyFunction(
                lambda: timezone.localdate() + timedelta(7)
            ),
        )


class FeedbackAnswerFactory(DjangoModelFactory):
    class Meta:
        model = FeedbackAnswer

    feedback = factory.SubFactory(FeedbackFactory, answered=True)
    responder = factory.SubFactory(UserFactory)
    text = "Terima kasih, loket tambahan sudah dibuka."


def image_bytes(kind: str = "JPEG", *, size=(40, 30), gps: bool = False) -> bytes:
    """A small picture; with gps=True it carries EXIF with a GPS position and a
    camera make, as phone photos do."""
    image = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "KameraHP"  # Make
        exif[0x8825] = {1: "S", 2: (0.0, 40.0, 12.0), 3: "E", 4: (100.0, 46.0, 30.0)}
        image.save(out, kind, exif=exif.tobytes())
    else:
        image.save(out, kind)
    return out.getvalue()


def photo_upload(name: str = "foto.jpg", kind: str = "JPEG", **kwargs):
    content_type = "image/png" if kind == "PNG" else "image/jpeg"
    return SimpleUploadedFile(name, image_bytes(kind, **kwargs), content_type)


@pytest.fixture
def photo_root(settings, tmp_path):
    """Photos go to a temporary private folder (import this fixture by name)."""
    settings.COMMUNITY_FEEDBACK_PHOTO_ROOT = tmp_path / "feedback"
    return settings.COMMUNITY_FEEDBACK_PHOTO_ROOT


@pytest.fixture
def time_machine(monkeypatch):
    """time_machine(moment): Django's clock (timezone.now, hence localdate) reads
    `moment` from then on (import this fixture by name)."""

    def travel(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return travel
