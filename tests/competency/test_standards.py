"""competency.standards: the dictionary and standards writes, each one transaction.

A refused row undoes the rows written before it; a database constraint comes back
as its own Indonesian message, never as an IntegrityError."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from competency import gaps, standards
from competency.models import (
    Competency,
    CompetencyLevel,
    PositionStandard,
    StandardDefault,
)
from competency.services import CompetencyError
from tests.competency.factories import (
    CompetencyFactory,
    PositionStandardFactory,
    StandardDefaultFactory,
)
from tests.positions.factories import PositionFactory

pytestmark = pytest.mark.django_db

FIVE = {n: f"Perilaku level {n}." for n in range(1, 6)}


def comp(code: str) -> Competency:
    return Competency.objects.get(code=code)


def data(**overrides) -> dict:
    return {
        "code": "M.99",
        "name": "Kepemimpinan Digital",
        "type": "MANAJERIAL",
        "field": "",
        "description": "Memimpin perubahan digital.",
        "is_active": True,
        **overrides,
    }


# ---------------------------------------------------------------- dictionary


def test_save_competency_creates_it_with_five_levels(hr_officer):
    saved = standards.save_competency(None, data=data(), levels=FIVE, by=hr_officer)
    assert saved.code == "M.99"
    assert dict(saved.levels.values_list("level", "description")) == FIVE


def test_save_competency_updates_only_changed_levels(hr_officer):
    integrity = comp("M.01")
    before = dict(integrity.levels.values_list("level", "description"))
    texts = {**before, 3: "Deskripsi baru level tiga."}
    standards.save_competency(
        integrity,
        data={"name": "Integritas ASN"},
        levels=texts,
        by=hr_officer,
    )
    integrity.refresh_from_db()
    assert integrity.name == "Integritas ASN"
    assert integrity.type == "MANAJERIAL"
    assert dict(integrity.levels.values_list("level", "description")) == texts


def test_a_bad_level_undoes_the_competency_and_earlier_levels(hr_officer):
    """Level 5 is refused after the competency row and levels 1-4 were written:
    the transaction takes all of them back."""
    integrity = comp("M.01")
    before = dict(integrity.levels.values_list("level", "description"))
    texts = {
        **{n: f"Baru {n}" for n in range(1, 5)},
        5: "x" * (standards.LEVEL_DESCRIPTION_MAX + 1),
    }
    with pytest.raises(CompetencyError, match="level 5 paling panjang"):
        standards.save_competency(
            integrity, data={"name": "Diganti"}, levels=texts, by=hr_officer
        )
    integrity.refresh_from_db()
    assert integrity.name == "Integritas"
    assert dict(integrity.levels.values_list("level", "description")) == before


def test_a_new_competency_with_an_empty_level_is_not_created(hr_officer):
    with pytest.raises(CompetencyError, match="level 4 wajib"):
        standards.save_competency(
            None, data=data(), levels={**FIVE, 4: "  "}, by=hr_officer
        )
    assert not Competency.objects.filter(code="M.99").exists()
    assert not CompetencyLevel.objects.filter(competency__code="M.99").exists()


def test_save_competency_needs_all_five_levels(hr_officer):
    with pytest.raises(CompetencyError, match="kelima level"):
        standards.save_competency(
            None, data=data(), levels={1: "a", 2: "b"}, by=hr_officer
        )


def test_the_database_rules_come_back_as_messages(hr_officer):
    """Technical without rumpun, rumpun on a managerial one, a code in use: the
    constraint's own message, nothing saved."""
    with pytest.raises(CompetencyError, match="Rumpun wajib diisi"):
        standards.save_competency(
            None, data=data(type="TEKNIS", field=""), levels=FIVE, by=hr_officer
        )
    with pytest.raises(CompetencyError, match="Rumpun wajib diisi"):
        standards.save_competency(
            None, data=data(field="KEUANGAN"), levels=FIVE, by=hr_officer
        )
    with pytest.raises(CompetencyError, match="Kode kompetensi ini sudah dipakai"):
        standards.save_competency(
            None, data=data(code="M.01"), levels=FIVE, by=hr_officer
        )
    assert not Competency.objects.filter(code="M.99").exists()


def test_only_hr_writes(supervisor):
    with pytest.raises(CompetencyError, match="BKPSDM"):
        standards.save_competency(None, data=data(), levels=FIVE, by=supervisor)
    with pytest.raises(CompetencyError, match="BKPSDM"):
        standards.save_defaults("PELAKSANA", "", {}, by=supervisor)


# ---------------------------------------------------------------- defaults


def test_save_defaults_creates_updates_and_deletes(hr_officer):
    m1, m2, m3, m4 = (comp(c) for c in ("M.01", "M.02", "M.03", "M.04"))
    StandardDefaultFactory(position_kind="PELAKSANA", competency=m2, required_level=1)
    StandardDefaultFactory(position_kind="PELAKSANA", competency=m3, required_level=2)
    StandardDefaultFactory(position_kind="PELAKSANA", competency=m4, required_level=3)
    other = StandardDefaultFactory(
        position_kind="PENGAWAS", competency=m3, required_level=4
    )
    changes = standards.save_defaults(
        "PELAKSANA",
        "",
        {m1.pk: 2, m2.pk: 3, m3.pk: 0, m4.pk: 3},
        by=hr_officer,
    )
    assert (changes.created, changes.updated, changes.deleted) == (1, 1, 1)
    assert dict(
        StandardDefault.objects.filter(position_kind="PELAKSANA").values_list(
            "competency__code", "required_level"
        )
    ) == {"M.01": 2, "M.02": 3, "M.04": 3}
    other.refresh_from_db()
    assert other.required_level == 4


def test_save_defaults_keeps_rows_it_was_not_given(hr_officer):
    """A competency missing from the grid (added or reactivated after the page
    was loaded) keeps its default."""
    StandardDefaultFactory(
        position_kind="PELAKSANA", competency=comp("M.05"), required_level=2
    )
    standards.save_defaults("PELAKSANA", "", {comp("M.01").pk: 1}, by=hr_officer)
    assert StandardDefault.objects.filter(competency__code="M.05").exists()


def test_a_bad_grid_value_saves_nothing(hr_officer):
    m1, m2 = comp("M.01"), comp("M.02")
    StandardDefaultFactory(position_kind="PELAKSANA", competency=m1, required_level=2)
    with pytest.raises(CompetencyError, match=r"M\.02 harus 0 sampai 5"):
        standards.save_defaults("PELAKSANA", "", {m1.pk: 4, m2.pk: 7}, by=hr_officer)
    assert list(
        StandardDefault.objects.values_list("competency_id", "required_level")
    ) == [(m1.pk, 2)]


def test_a_failure_mid_grid_undoes_the_earlier_writes(hr_officer, monkeypatch):
    """Deletes and updates go first; when the inserts then fail (say another
    officer saved the same row a moment earlier), the whole grid is undone and
    the user gets the constraint's message."""
    m1, m2, m3 = comp("M.01"), comp("M.02"), comp("M.03")
    StandardDefaultFactory(position_kind="PELAKSANA", competency=m1, required_level=2)
    StandardDefaultFactory(position_kind="PELAKSANA", competency=m2, required_level=2)

    def clash(*args, **kwargs):
        raise IntegrityError(
            'duplicate key value violates unique constraint "competency_standarddefault_unique"'
        )

    monkeypatch.setattr(StandardDefault.objects, "bulk_create", clash)
    with pytest.raises(CompetencyError, match="sudah ada"):
        standards.save_defaults(
            "PELAKSANA", "", {m1.pk: 0, m2.pk: 5, m3.pk: 1}, by=hr_officer
        )
    assert dict(
        StandardDefault.objects.values_list("competency_id", "required_level")
    ) == {m1.pk: 2, m2.pk: 2}


@pytest.mark.parametrize(
    ("kind", "level"),
    [("ATASAN", ""), ("PELAKSANA", "AHLI_MUDA"), ("FUNGSIONAL", "PROFESOR")],
)
def test_save_defaults_refuses_unknown_scopes(hr_officer, kind, level):
    with pytest.raises(CompetencyError):
        standards.save_defaults(kind, level, {comp("M.01").pk: 2}, by=hr_officer)
    assert not StandardDefault.objects.exists()


def test_save_defaults_refuses_inactive_competencies(hr_officer):
    gone = CompetencyFactory(is_active=False)
    with pytest.raises(CompetencyError, match="tidak aktif"):
        standards.save_defaults("PELAKSANA", "", {gone.pk: 2}, by=hr_officer)


def test_a_jenjang_default_beats_the_kind_wide_one(hr_officer):
    m1 = comp("M.01")
    standards.save_defaults("FUNGSIONAL", "", {m1.pk: 2}, by=hr_officer)
    standards.save_defaults("FUNGSIONAL", "AHLI_MUDA", {m1.pk: 4}, by=hr_officer)
    muda = PositionFactory(kind="FUNGSIONAL", level="AHLI_MUDA")
    pertama = PositionFactory(kind="FUNGSIONAL", level="AHLI_PERTAMA")
    required = gaps.required_levels([muda.pk, pertama.pk])
    assert required[muda.pk][m1.pk] == 4
    assert required[pertama.pk][m1.pk] == 2
    assert standards.default_levels(muda)[m1.pk] == 4
    assert standards.default_levels(pertama)[m1.pk] == 2


# ---------------------------------------------------------------- one position


def test_position_overrides_set_change_and_clear(hr_officer):
    position = PositionFactory(kind="PELAKSANA", field="KEUANGAN")
    m1, m2, m3 = comp("M.01"), comp("M.02"), comp("M.03")
    StandardDefaultFactory(position_kind="PELAKSANA", competency=m1, required_level=2)
    StandardDefaultFactory(position_kind="PELAKSANA", competency=m2, required_level=2)
    PositionStandardFactory(position=position, competency=m3, required_level=1)
    changes = standards.save_position_standards(
        position, {m1.pk: 4, m2.pk: 0, m3.pk: None}, by=hr_officer
    )
    assert (changes.created, changes.updated, changes.deleted) == (2, 0, 1)
    assert gaps.required_levels([position.pk])[position.pk] == {m1.pk: 4}
    # Clearing the override brings the default back.
    standards.save_position_standards(position, {m1.pk: ""}, by=hr_officer)
    assert gaps.required_levels([position.pk])[position.pk] == {m1.pk: 2}


def test_a_bad_override_saves_nothing(hr_officer):
    position = PositionFactory()
    m1, m2 = comp("M.01"), comp("M.02")
    with pytest.raises(CompetencyError, match=r"M\.02 harus 0 sampai 5"):
        standards.save_position_standards(
            position, {m1.pk: 3, m2.pk: "lima"}, by=hr_officer
        )
    assert not PositionStandard.objects.exists()


def test_default_levels_follow_the_rule_of_the_report(hr_officer):
    """Technical defaults only in their rumpun; inactive competencies never."""
    finance = PositionFactory(kind="PELAKSANA", field="KEUANGAN")
    it = PositionFactory(kind="PELAKSANA", field="TI")
    gone = CompetencyFactory(is_active=False)
    for code, level in (("M.01", 2), ("T.KEU.01", 3), ("T.TI.01", 4)):
        StandardDefaultFactory(
            position_kind="PELAKSANA", competency=comp(code), required_level=level
        )
    StandardDefaultFactory(position_kind="PELAKSANA", competency=gone)
    required = gaps.required_levels([finance.pk, it.pk])
    for position in (finance, it):
        assert standards.default_levels(position) == required[position.pk]
    assert set(required[finance.pk]) == {comp("M.01").pk, comp("T.KEU.01").pk}
