"""Writes of the dictionary and the standards: a competency with its five level
descriptions, the grid of default standards for one kind (and jenjang) of position,
and one position's own overrides.

Each use case is one durable transaction: either every row of the form is saved or
none is. Refusals raise services.CompetencyError with an Indonesian message; the
database constraints are the last line, and their violations come back as the
constraint's own message instead of a 500.

The gap report of the city reads a nightly count (services.refresh_gap_summary):
after a change here it follows at the next count, or when HR recounts it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from competency import gaps
from competency.models import (
    LEVEL_MAX,
    LEVEL_MIN,
    Competency,
    CompetencyLevel,
    PositionStandard,
    StandardDefault,
)
from competency.querysets import is_hr
from competency.services import CompetencyError
from positions.models import FunctionalLevel, Position, PositionKind

LEVELS = range(LEVEL_MIN, LEVEL_MAX + 1)
LEVEL_DESCRIPTION_MAX = 2000  # characters per level description
COMPETENCY_FIELDS = ("code", "name", "type", "field", "description", "is_active")
LEVELED_KINDS = (PositionKind.FUNGSIONAL,)  # the kinds with a jenjang


@dataclass(frozen=True, slots=True)
class Changes:
    """What a grid save did, for the success message."""

    created: int = 0
    updated: int = 0
    deleted: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.deleted


def _apply(model, *, create: list, update: list, delete: list) -> Changes:
    """Write one grid's changes: deletions, level updates, then new rows (each in
    one statement); a constraint the rows break is refused with its message."""
    try:
        if delete:
            model.objects.filter(pk__in=delete).delete()
        if update:
            model.objects.bulk_update(update, ["required_level"])
        if create:
            model.objects.bulk_create(create)
    except IntegrityError as error:
        raise _refusal(error) from error
    return Changes(created=len(create), updated=len(update), deleted=len(delete))


# ---------------------------------------------------------------- helpers


def _require_hr(by) -> None:
    if not is_hr(by):
        raise CompetencyError(_("Hanya petugas BKPSDM yang dapat melakukan ini."))


def _constraint_messages() -> dict[str, str]:
    """{constraint name: its message} of the models written here."""
    messages = {
        "competency_competency_code_key": _("Kode kompetensi ini sudah dipakai."),
    }
    for model in (Competency, CompetencyLevel, StandardDefault, PositionStandard):
        for constraint in model._meta.constraints:
            messages[constraint.name] = str(constraint.get_violation_error_message())
    return messages


def _refusal(error: IntegrityError) -> CompetencyError:
    """The database refused a row: say which rule, in the user's words."""
    cause = error.__cause__
    name = getattr(getattr(cause, "diag", None), "constraint_name", None) or ""
    known = _constraint_messages()
    message = known.get(name) or next(
        (text for key, text in known.items() if key in str(error)), None
    )
    return CompetencyError(
        message
        or _(
            "Data tidak dapat disimpan karena bertentangan dengan data lain. "
            "Muat ulang halaman lalu coba lagi."
        )
    )


def _level_or_refuse(value, *, low: int, label: str) -> int | None:
    """A required level from a form: None (not set) or low..5."""
    if value is None or value == "":
        return None
    try:
        level = int(value)
    except (TypeError, ValueError):
        level = -1
    if not low <= level <= LEVEL_MAX:
        raise CompetencyError(
            _("Level %(label)s harus %(low)s sampai %(high)s.")
            % {"label": label, "low": low, "high": LEVEL_MAX}
        )
    return level


def _active_competencies(ids: Iterable[int]) -> dict[int, Competency]:
    wanted = set(ids)
    found = {
        c.pk: c
        for c in Competency.objects.active().filter(pk__in=wanted).only("pk", "code")
    }
    if wanted - set(found):
        raise CompetencyError(
            _(
                "Sebagian kompetensi sudah tidak aktif atau tidak ada. "
                "Muat ulang halaman lalu coba lagi."
            )
        )
    return found


# ---------------------------------------------------------------- dictionary


def check_level_description(level: int, text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise CompetencyError(
            _("Deskripsi level %(n)d wajib diisi.") % {"n": level},
        )
    if len(text) > LEVEL_DESCRIPTION_MAX:
        raise CompetencyError(
            _("Deskripsi level %(n)d paling panjang %(max)d karakter.")
            % {"n": level, "max": LEVEL_DESCRIPTION_MAX}
        )
    return text


@transaction.atomic(durable=True)
def save_competency(
    competency: Competency | None,
    *,
    data: Mapping[str, object],
    levels: Mapping[int, str],
    by,
) -> Competency:
    """Create (competency None) or update a competency with its five level
    descriptions. `data` holds COMPETENCY_FIELDS. The competency row is written
    first, then the levels one by one; a refused level undoes them all."""
    _require_hr(by)
    if set(levels) != set(LEVELS):
        raise CompetencyError(_("Isi deskripsi untuk kelima level (1 sampai 5)."))
    target = competency or Competency()
    if target.pk is not None:
        # Lock the row: two officers saving the same entry wait for each other.
        target = Competency.objects.select_for_update().get(pk=target.pk)
    for name in COMPETENCY_FIELDS:
        if name in data:
            value = data[name]
            setattr(target, name, value.strip() if isinstance(value, str) else value)
    try:
        target.save()
        existing = {row.level: row for row in target.levels.all()}
        for level in LEVELS:
            text = check_level_description(level, levels[level])
            row = existing.get(level)
            if row is None:
                CompetencyLevel.objects.create(
                    competency=target, level=level, description=text
                )
            elif row.description != text:
                row.description = text
                row.save(update_fields=["description"])
    except IntegrityError as error:
        raise _refusal(error) from error
    return target


# ---------------------------------------------------------------- standards


def check_scope(kind: str, level: str) -> tuple[str, str]:
    """A (position kind, jenjang) key of the defaults; '' jenjang = whole kind."""
    if kind not in PositionKind.values:
        raise CompetencyError(_("Pilih jenis jabatan yang dikenal."))
    level = level or ""
    if level and (kind not in LEVELED_KINDS or level not in FunctionalLevel.values):
        raise CompetencyError(
            _("Jenjang hanya berlaku untuk jabatan fungsional, dan harus dikenal.")
        )
    return kind, level


@transaction.atomic(durable=True)
def save_defaults(
    kind: str, level: str, levels: Mapping[int, int | str | None], *, by
) -> Changes:
    """Save the default standards of one kind (and jenjang) for the competencies
    in `levels` ({competency id: 1..5, or 0 / None / '' for not required}):
    create, update and delete rows so that they match. Competencies not in
    `levels` are left alone."""
    _require_hr(by)
    kind, level = check_scope(kind, level)
    competencies = _active_competencies(levels)
    wanted = {
        pk: _level_or_refuse(value, low=0, label=competencies[pk].code) or None
        for pk, value in levels.items()
    }
    current = {
        row.competency_id: row
        for row in StandardDefault.objects.select_for_update().filter(
            position_kind=kind, functional_level=level, competency_id__in=list(wanted)
        )
    }
    create, update, delete = [], [], []
    for pk, required in wanted.items():
        row = current.get(pk)
        if row is None and required:
            create.append(
                StandardDefault(
                    position_kind=kind,
                    functional_level=level,
                    competency_id=pk,
                    required_level=required,
                )
            )
        elif row is not None and not required:
            delete.append(row.pk)
        elif row is not None and row.required_level != required:
            row.required_level = required
            update.append(row)
    return _apply(StandardDefault, create=create, update=update, delete=delete)


@transaction.atomic(durable=True)
def save_position_standards(
    position: Position, levels: Mapping[int, int | str | None], *, by
) -> Changes:
    """Set or clear a position's own standards for the competencies in `levels`
    ({competency id: None or '' to follow the defaults, 0 to drop the
    requirement, 1..5 to require that level}). Others are left alone."""
    _require_hr(by)
    competencies = _active_competencies(levels)
    wanted = {
        pk: _level_or_refuse(value, low=0, label=competencies[pk].code)
        for pk, value in levels.items()
    }
    current = {
        row.competency_id: row
        for row in PositionStandard.objects.select_for_update().filter(
            position=position, competency_id__in=list(wanted)
        )
    }
    create, update, delete = [], [], []
    for pk, required in wanted.items():
        row = current.get(pk)
        if row is None and required is not None:
            create.append(
                PositionStandard(
                    position=position, competency_id=pk, required_level=required
                )
            )
        elif row is not None and required is None:
            delete.append(row.pk)
        elif row is not None and row.required_level != required:
            row.required_level = required
            update.append(row)
    return _apply(PositionStandard, create=create, update=update, delete=delete)


def default_levels(position: Position) -> dict[int, int]:
    """{competency id: level} that the defaults alone give the position (its own
    standards left out), by the same SQL rule as the reports; one query."""
    return gaps.required_levels([position.pk], own=False)[position.pk]
