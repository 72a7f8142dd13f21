"""Uploads kept outside the web root (appraisal evidence, feedback photos).

A PrivateStorage has no URL: a file is read back only through a view that
checks who may see the object it belongs to. Its location is a setting read on
use, so tests (and a second server) can point it elsewhere.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils import timezone


class PrivateStorage(FileSystemStorage):
    """Subclasses name the setting that holds their root (and keep their own
    deconstruct path, which migrations refer to)."""

    setting = ""

    def __init__(self):
        super().__init__()

    @property
    def base_location(self) -> str:
        return str(getattr(settings, self.setting))

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    @property
    def base_url(self) -> None:
        return None

    def url(self, name):
        raise ValueError(f"Files under {self.setting} have no public URL.")


def random_name(filename: str) -> str:
    """<year>/<month>/<random>.<ext>: the stored name never carries the user's."""
    extension = PurePath(filename).suffix.lower()
    return f"{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


@contextmanager
def kept_only_if_committed() -> Iterator[Callable[[object], None]]:
    """Put around a whole transaction (outside its `atomic`) that saves files:
    `keep(field_file)` notes each file saved, and if anything in the block
    raises (a constraint, a later step, the commit itself), the files are
    deleted again, so a refused write leaves no orphan on disk."""
    saved: list[tuple[object, str]] = []

    def keep(field_file) -> None:
        saved.append((field_file.storage, field_file.name))

    try:
        yield keep
    except BaseException:
        for storage, name in saved:
            storage.delete(name)
        raise
