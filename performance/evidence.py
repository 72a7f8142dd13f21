"""Evidence files (bukti dukung): checked by content, kept outside the web root.

An upload is accepted when its first bytes are those of a PDF, PNG or JPEG, its
name's extension says the same type, and it is no larger than
settings.PERFORMANCE_EVIDENCE_MAX_BYTES. Files go to EvidenceStorage under
settings.PERFORMANCE_EVIDENCE_ROOT, which has no URL: they are read back only
through services.open_evidence(), after the SKP's visibility check.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

from sawahlunto_asn.lib.private_files import PrivateStorage, random_name


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    extensions: tuple[str, ...]
    magic: tuple[bytes, ...]


TYPES = (
    FileType("PDF", "application/pdf", (".pdf",), (b"%PDF-",)),
    FileType("PNG", "image/png", (".png",), (b"\x89PNG\r\n\x1a\n",)),
    FileType("JPEG", "image/jpeg", (".jpg", ".jpeg"), (b"\xff\xd8\xff",)),
)
HEAD_BYTES = 16


class EvidenceError(ValidationError):
    """An upload the rules refuse; the message says why, in Indonesian."""


def max_bytes() -> int:
    return settings.PERFORMANCE_EVIDENCE_MAX_BYTES


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def sniff(head: bytes) -> FileType | None:
    """The type the first bytes announce, or None."""
    for kind in TYPES:
        if any(head.startswith(magic) for magic in kind.magic):
            return kind
    return None


def validate_upload(upload) -> FileType:
    """Check size, content and extension of an uploaded file; return its type."""
    limit = max_bytes()
    if upload.size > limit:
        raise EvidenceError(
            _("Berkas %(name)s berukuran %(size)s MB; batasnya %(limit)s MB.")
            % {
                "name": upload.name,
                "size": _megabytes(upload.size),
                "limit": _megabytes(limit),
            }
        )
    if upload.size == 0:
        raise EvidenceError(_("Berkas %(name)s kosong.") % {"name": upload.name})
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    kind = sniff(head)
    if kind is None:
        raise EvidenceError(
            _(
                "Isi berkas %(name)s bukan PDF, PNG atau JPEG; hanya jenis itu yang "
                "dapat diunggah sebagai bukti dukung."
            )
            % {"name": upload.name}
        )
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in kind.extensions:
        raise EvidenceError(
            _(
                "Nama berkas %(name)s tidak sesuai isinya: isinya %(kind)s, jadi nama "
                "berkas harus berakhiran %(ext)s."
            )
            % {
                "name": upload.name,
                "kind": kind.label,
                "ext": " atau ".join(kind.extensions),
            }
        )
    return kind


@deconstructible(path="performance.evidence.EvidenceStorage")
class EvidenceStorage(PrivateStorage):
    setting = "PERFORMANCE_EVIDENCE_ROOT"


def upload_to(instance, filename: str) -> str:
    return random_name(filename)
