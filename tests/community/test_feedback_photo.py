"""Photos: checked by content, refused with a clear message, re-encoded without
metadata, stored outside the web root."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from PIL import Image, PngImagePlugin

from community.errors import CommunityError
from community.models import Feedback
from community.services import feedback as services
from tests.community.factories_feedback import (
    CitizenFactory,
    image_bytes,
    photo_root,
    photo_upload,
)
from tests.positions.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db
__all__ = ["photo_root"]  # fixture


def stored_image(upload) -> Image.Image:
    photo = services.prepare_photo(upload)
    return Image.open(io.BytesIO(photo.content))


def test_jpeg_loses_exif_gps_and_camera():
    raw = image_bytes("JPEG", gps=True)
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(0x8825)  # GPS is there
    photo = services.prepare_photo(SimpleUploadedFile("hp.jpg", raw))
    clean = Image.open(io.BytesIO(photo.content))
    assert clean.format == "JPEG"
    assert not clean.getexif()
    assert b"Exif" not in photo.content
    assert b"KameraHP" not in photo.content
    assert photo.content_type == "image/jpeg"


def test_png_loses_text_chunks():
    out = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Sutan Marajo")
    info.add_text("Location", "-0.67,100.77")
    Image.new("RGB", (20, 20)).save(out, "PNG", pnginfo=info)
    photo = services.prepare_photo(SimpleUploadedFile("a.png", out.getvalue()))
    assert b"Sutan" not in photo.content
    assert not Image.open(io.BytesIO(photo.content)).info.get("Author")


def test_large_picture_is_scaled_down(settings):
    settings.COMMUNITY_FEEDBACK_PHOTO_MAX_SIDE = 100
    clean = stored_image(photo_upload("lebar.jpg", size=(400, 50)))
    assert clean.size == (100, 13)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("surat.jpg", b"%PDF-1.7 bukan foto"),
        ("skrip.png", b"<script>alert(1)</script>"),
        ("animasi.jpg", image_bytes("GIF")),
        ("kosong.jpg", b""),
    ],
)
def test_content_that_is_not_jpeg_or_png_is_refused(name, content):
    with pytest.raises(CommunityError, match="bukan foto JPEG atau PNG"):
        services.prepare_photo(SimpleUploadedFile(name, content))


def test_extension_must_match_content():
    with pytest.raises(CommunityError, match=r"berakhiran \.png"):
        services.prepare_photo(photo_upload("foto.jpg", kind="PNG"))
    with pytest.raises(CommunityError, match="tidak sesuai isinya"):
        services.prepare_photo(photo_upload("foto.exe", kind="JPEG"))


def test_too_big_is_refused_with_the_limit(settings):
    settings.COMMUNITY_FEEDBACK_PHOTO_MAX_BYTES = 100
    with pytest.raises(CommunityError, match="batasnya"):
        services.prepare_photo(photo_upload("besar.jpg"))


def test_too_many_pixels_is_refused_before_decoding():
    out = io.BytesIO()
    Image.new("1", (8000, 6000)).save(out, "PNG")
    with pytest.raises(CommunityError, match="megapiksel"):
        services.prepare_photo(SimpleUploadedFile("bom.png", out.getvalue()))


def test_refused_photo_keeps_nothing(photo_root):
    unit = OrgUnitFactory()
    with pytest.raises(CommunityError):
        services.submit_feedback(
            unit,
            author=CitizenFactory(),
            category="PENGADUAN",
            title="Judul",
            text="Isi",
            photo=SimpleUploadedFile("x.jpg", b"bukan"),
        )
    assert not Feedback.objects.exists()
    assert not photo_root.exists() or not any(photo_root.rglob("*.*"))


def test_a_submit_failing_after_the_photo_is_saved_keeps_nothing(
    photo_root, monkeypatch
):
    def refuse(*args, **kwargs):
        raise IntegrityError("the event could not be written")

    monkeypatch.setattr(services, "_event", refuse)
    with pytest.raises(IntegrityError):
        services.submit_feedback(
            OrgUnitFactory(),
            author=CitizenFactory(),
            category="PENGADUAN",
            title="Judul",
            text="Isi",
            photo=photo_upload("rumah.jpg"),
        )
    assert not Feedback.objects.exists()
    assert not photo_root.exists() or not any(photo_root.rglob("*.*"))


def test_stored_under_a_random_name_outside_the_web_root(photo_root, settings):
    fb = services.submit_feedback(
        OrgUnitFactory(),
        author=CitizenFactory(),
        category="PENGADUAN",
        title="Judul",
        text="Isi",
        photo=photo_upload("rumah saya.jpg", gps=True),
    )
    path = photo_root / fb.photo.name
    assert path.exists()
    assert "rumah" not in fb.photo.name
    assert not str(path).startswith(str(settings.MEDIA_ROOT))
    assert b"KameraHP" not in path.read_bytes()
    with pytest.raises(ValueError, match="no public URL"):
        fb.photo.url  # noqa: B018
