"""The dictionary and standards pages: HR only, one transaction per save, an
Indonesian message (never a 500) for bad input, pinned query counts."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from competency import gaps
from competency.models import (
    Competency,
    CompetencyLevel,
    PositionStandard,
    StandardDefault,
)
from tests.competency.factories import (
    CompetencyFactory,
    PositionStandardFactory,
    StandardDefaultFactory,
)
from tests.helpers import assert_constant_queries
from tests.positions.factories import PositionFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"competency:{name}", args=args)


def html(response) -> str:
    return response.content.decode()


def comp(code: str) -> Competency:
    return Competency.objects.get(code=code)


def flashed(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def competency_post(**overrides) -> dict:
    return {
        "code": "T.TI.09",
        "name": "Analisis Data",
        "type": "TEKNIS",
        "field": "TI",
        "description": "Mengolah data untuk keputusan.",
        "is_active": "on",
        **{f"level_{n}": f"Perilaku level {n}." for n in range(1, 6)},
        **overrides,
    }


def grid(*pairs, kind="PELAKSANA", level="") -> dict:
    return {
        "kind": kind,
        "level": level,
        **{f"c{c.pk}": value for c, value in pairs},
    }


# ---------------------------------------------------------------- permissions


def pages():
    position = PositionFactory()
    return [
        url("dictionary_list"),
        url("dictionary_create"),
        url("dictionary_update", comp("M.01").pk),
        url("standard_defaults"),
        url("standard_position", position.pk),
        f"{url('standard_position_search')}?q={position.code}",
    ]


def test_pages_are_for_hr_only(client_for):
    for page in pages():
        ok = 302 if "?q=" in page else 200  # the search redirects to the position
        assert client_for("hr_officer").get(page).status_code == ok, page
        for persona in ("supervisor", "employee", "citizen", "moderator"):
            assert client_for(persona).get(page).status_code == 403, (page, persona)
        anonymous = client_for("anonymous").get(page)
        assert anonymous.status_code == 302
        assert "/login" in anonymous["Location"] or "masuk" in anonymous["Location"]


def test_saves_are_post_only_and_hr_only(client_for):
    position = PositionFactory()
    saves = [url("standard_defaults_save"), url("standard_position_save", position.pk)]
    for save in saves:
        assert client_for("hr_officer").get(save).status_code == 405
        for persona in ("supervisor", "employee", "citizen"):
            assert client_for(persona).post(save, {}).status_code == 403
        assert client_for("anonymous").post(save, {}).status_code == 302
    for persona in ("supervisor", "employee", "citizen"):
        assert (
            client_for(persona).post(url("dictionary_create"), competency_post())
        ).status_code == 403
    assert not Competency.objects.filter(code="T.TI.09").exists()
    assert not StandardDefault.objects.exists()


def test_unknown_objects_are_404(client_for):
    hr = client_for("hr_officer")
    assert hr.get(url("dictionary_update", 999999)).status_code == 404
    assert hr.get(url("standard_position", 999999)).status_code == 404
    assert hr.post(url("standard_position_save", 999999), {}).status_code == 404


# ---------------------------------------------------------------- dictionary


def test_dictionary_lists_by_type_with_level_descriptions(client_for):
    response = client_for("hr_officer").get(url("dictionary_list"))
    page = html(response)
    assert response.status_code == 200
    for number, heading in enumerate(["Manajerial", "Sosial kultural", "Teknis"], 1):
        assert f'id="jenis-{number}">{heading} ' in page
    assert "<details>" in page
    first_level = comp("M.01").levels.get(level=1).description
    assert first_level in page
    assert "penghitungan berikutnya" in page


def test_dictionary_filters(client_for):
    CompetencyFactory(code="X.OLD", name="Kompetensi Lama", is_active=False)
    hr = client_for("hr_officer")
    technical_it = html(
        hr.get(url("dictionary_list"), {"type": "TEKNIS", "field": "TI"})
    )
    assert 'data-competency="T.TI.01"' in technical_it
    assert 'data-competency="T.KEU.01"' not in technical_it
    assert 'data-competency="M.01"' not in technical_it
    inactive = html(hr.get(url("dictionary_list"), {"active": "0"}))
    assert 'data-competency="X.OLD"' in inactive
    assert 'data-competency="M.01"' not in inactive
    active = html(hr.get(url("dictionary_list"), {"active": "1"}))
    assert 'data-competency="X.OLD"' not in active
    bad = hr.get(url("dictionary_list"), {"type": "NOPE"})
    assert bad.status_code == 200
    assert "Tidak ada kompetensi yang cocok" in html(bad)


def test_dictionary_list_query_count_is_constant(client_for):
    client = client_for("hr_officer")
    client.get(url("dictionary_list"))  # warm the session and permission caches

    def build(n):
        for _ in range(n):
            competency = CompetencyFactory()
            for level in range(1, 6):
                CompetencyLevel.objects.create(
                    competency=competency, level=level, description=f"L{level}"
                )
            StandardDefaultFactory(competency=competency)

    assert_constant_queries(build, lambda: client.get(url("dictionary_list")), 2, 30)


def test_hr_creates_a_technical_competency_with_its_levels(client_for):
    response = client_for("hr_officer").post(
        url("dictionary_create"), competency_post()
    )
    assert response.status_code == 302
    created = Competency.objects.get(code="T.TI.09")
    assert (created.type, created.field, created.is_active) == ("TEKNIS", "TI", True)
    assert list(created.levels.values_list("level", flat=True)) == [1, 2, 3, 4, 5]
    assert any("penghitungan berikutnya" in m for m in flashed(response))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"field": ""}, "Kompetensi teknis wajib memiliki rumpun."),
        ({"type": "MANAJERIAL"}, "Rumpun hanya diisi untuk kompetensi teknis"),
        ({"code": "M.01"}, "Kode kompetensi ini sudah dipakai."),
        ({"level_3": ""}, "Deskripsi level 3 wajib diisi."),
        ({"level_5": "x" * 2001}, "Deskripsi level 5 paling panjang 2000 karakter."),
    ],
)
def test_bad_competency_forms_save_nothing(client_for, overrides, message):
    response = client_for("hr_officer").post(
        url("dictionary_create"), competency_post(**overrides)
    )
    assert response.status_code == 200
    assert message in html(response)
    assert not Competency.objects.filter(name="Analisis Data").exists()
    assert not CompetencyLevel.objects.filter(description="Perilaku level 1.").exists()


def test_hr_edits_levels_and_deactivates_instead_of_deleting(client_for):
    integrity = comp("M.01")
    hr = client_for("hr_officer")
    form = html(hr.get(url("dictionary_update", integrity.pk)))
    assert integrity.levels.get(level=5).description in form
    levels = dict(integrity.levels.values_list("level", "description"))
    post = {
        "code": "M.01",
        "name": "Integritas",
        "type": "MANAJERIAL",
        "field": "",
        "description": integrity.description,
        **{f"level_{n}": text for n, text in levels.items()},
        "level_2": "Mengajak rekan kerja bertindak etis.",
        # is_active left out: unchecked, so deactivated
    }
    response = hr.post(url("dictionary_update", integrity.pk), post)
    assert response.status_code == 302
    integrity.refresh_from_db()
    assert integrity.is_active is False
    assert integrity.levels.get(level=2).description == (
        "Mengajak rekan kerja bertindak etis."
    )
    assert integrity.levels.count() == 5


def test_a_too_long_level_on_edit_changes_nothing(client_for):
    integrity = comp("M.01")
    before = dict(integrity.levels.values_list("level", "description"))
    post = {
        "code": "M.01",
        "name": "Nama Baru",
        "type": "MANAJERIAL",
        "field": "",
        "is_active": "on",
        **{f"level_{n}": f"baru {n}" for n in range(1, 5)},
        "level_5": "x" * 5000,
    }
    response = client_for("hr_officer").post(
        url("dictionary_update", integrity.pk), post
    )
    assert response.status_code == 200
    integrity.refresh_from_db()
    assert integrity.name == "Integritas"
    assert dict(integrity.levels.values_list("level", "description")) == before


# ---------------------------------------------------------------- defaults


def test_defaults_grid_shows_kinds_jenjang_and_technical_rumpun(client_for):
    StandardDefaultFactory(
        position_kind="FUNGSIONAL", competency=comp("M.01"), required_level=3
    )
    hr = client_for("hr_officer")
    page = html(hr.get(url("standard_defaults"), {"kind": "FUNGSIONAL"}))
    assert "Ahli Muda" in page  # the jenjang tabs
    assert "rumpun Teknologi informasi" in page
    assert "hanya berlaku bagi jabatan dalam rumpunnya" in page
    assert "penghitungan berikutnya" in page
    assert f'name="c{comp("M.01").pk}"' in page
    assert '<option value="3" selected>' in page
    # On a jenjang, the kind-wide level is shown beside the jenjang's own select.
    muda = html(
        hr.get(url("standard_defaults"), {"kind": "FUNGSIONAL", "level": "AHLI_MUDA"})
    )
    assert "Semua jenjang" in muda
    assert '<option value="3" selected>' not in muda
    # Kinds without jenjang have no jenjang tabs.
    assert "Ahli Muda" not in html(
        hr.get(url("standard_defaults"), {"kind": "PELAKSANA"})
    )


def test_a_bad_scope_falls_back_to_the_first_kind(client_for):
    hr = client_for("hr_officer")
    response = hr.get(url("standard_defaults"), {"kind": "PELAKSANA", "level": "MAHIR"})
    assert response.status_code == 200
    assert 'name="kind" value="JPT_UTAMA"' in html(response)


def test_hr_saves_the_grid_in_one_post(client_for):
    m1, m2, m3 = comp("M.01"), comp("M.02"), comp("M.03")
    StandardDefaultFactory(position_kind="PELAKSANA", competency=m2, required_level=2)
    StandardDefaultFactory(position_kind="PELAKSANA", competency=m3, required_level=2)
    response = client_for("hr_officer").post(
        url("standard_defaults_save"), grid((m1, "3"), (m2, "0"), (m3, "4"))
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?kind=PELAKSANA&level=")
    assert dict(
        StandardDefault.objects.values_list("competency__code", "required_level")
    ) == {"M.01": 3, "M.03": 4}
    assert any("1 ditambah, 1 diubah, 1 dihapus" in m for m in flashed(response))


def test_hr_saves_a_jenjang_grid(client_for):
    m1 = comp("M.01")
    client_for("hr_officer").post(
        url("standard_defaults_save"),
        grid((m1, "4"), kind="FUNGSIONAL", level="AHLI_MADYA"),
    )
    assert list(
        StandardDefault.objects.values_list(
            "position_kind", "functional_level", "required_level"
        )
    ) == [("FUNGSIONAL", "AHLI_MADYA", 4)]


def test_a_bad_grid_value_saves_nothing(client_for):
    m1, m2 = comp("M.01"), comp("M.02")
    StandardDefaultFactory(position_kind="PELAKSANA", competency=m1, required_level=2)
    response = client_for("hr_officer").post(
        url("standard_defaults_save"), grid((m1, "5"), (m2, "9"))
    )
    assert response.status_code == 200
    page = html(response)
    assert "Pilih level 0 sampai 5." in page
    assert "belum ada yang disimpan" in page
    assert list(
        StandardDefault.objects.values_list("competency_id", "required_level")
    ) == [(m1.pk, 2)]


def test_a_bad_scope_on_save_saves_nothing(client_for):
    response = client_for("hr_officer").post(
        url("standard_defaults_save"),
        grid((comp("M.01"), "2"), kind="PELAKSANA", level="AHLI_MUDA"),
    )
    assert response.status_code == 302
    assert any("jenjang" in m for m in flashed(response))
    assert not StandardDefault.objects.exists()


def test_standard_defaults_query_count_is_constant(client_for):
    client = client_for("hr_officer")
    page = f"{url('standard_defaults')}?kind=FUNGSIONAL&level=AHLI_MUDA"
    client.get(page)

    def build(n):
        for _ in range(n):
            competency = CompetencyFactory()
            StandardDefaultFactory(
                position_kind="FUNGSIONAL", competency=competency, required_level=2
            )
            StandardDefaultFactory(
                position_kind="FUNGSIONAL",
                functional_level="AHLI_MUDA",
                competency=competency,
                required_level=3,
            )

    assert_constant_queries(build, lambda: client.get(page), 2, 40)


# ---------------------------------------------------------------- one position


def test_search_by_code_goes_to_the_position(client_for):
    position = PositionFactory(code="JF-KEU-007", title="Analis Keuangan")
    PositionFactory(code="JF-KEU-008", title="Analis Keuangan Pusat")
    hr = client_for("hr_officer")
    exact = hr.get(url("standard_position_search"), {"q": "jf-keu-007"})
    assert exact["Location"] == url("standard_position", position.pk)
    several = hr.get(url("standard_position_search"), {"q": "Analis Keuangan"})
    assert several.status_code == 200
    assert "JF-KEU-008" in html(several)
    none = hr.get(url("standard_position_search"), {"q": "tidak-ada"})
    assert none["Location"] == url("standard_defaults")
    assert any("Tidak ada jabatan" in m for m in flashed(none))
    empty = hr.get(url("standard_position_search"), {"q": ""})
    assert empty.status_code == 302


def test_position_page_shows_defaults_overrides_and_effective(client_for):
    position = PositionFactory(kind="PELAKSANA", field="KEUANGAN")
    m1, m2, m3 = comp("M.01"), comp("M.02"), comp("M.03")
    StandardDefaultFactory(position_kind="PELAKSANA", competency=m1, required_level=2)
    StandardDefaultFactory(position_kind="PELAKSANA", competency=m2, required_level=2)
    StandardDefaultFactory(
        position_kind="PELAKSANA", competency=comp("T.TI.01"), required_level=3
    )
    PositionStandardFactory(position=position, competency=m3, required_level=4)
    response = client_for("hr_officer").get(url("standard_position", position.pk))
    page = html(response)
    assert "3 kompetensi dipersyaratkan" in page
    assert "1 standar khusus jabatan ini" in page
    assert "penghitungan berikutnya" in page
    assert f'<select name="c{m3.pk}"' in page


def _effective(client, position) -> dict[str, str]:
    """{code: the Berlaku cell} as the page shows it."""
    page = html(client.get(url("standard_position", position.pk)))
    found = {}
    for chunk in page.split('data-competency="')[1:]:
        code = chunk.split('"', 1)[0]
        cell = chunk.split('data-testid="effective">', 1)[1].split("<", 1)[0]
        found[code] = cell
    return found


def test_an_override_wins_and_zero_drops_the_requirement(client_for):
    position = PositionFactory(kind="PELAKSANA", field="UMUM")
    m1, m2, m3 = comp("M.01"), comp("M.02"), comp("M.03")
    StandardDefaultFactory(position_kind="PELAKSANA", competency=m1, required_level=2)
    StandardDefaultFactory(position_kind="PELAKSANA", competency=m2, required_level=2)
    hr = client_for("hr_officer")
    before = _effective(hr, position)
    assert (before["M.01"], before["M.02"], before["M.03"]) == ("2", "2", "—")

    response = hr.post(
        url("standard_position_save", position.pk),
        {f"c{m1.pk}": "4", f"c{m2.pk}": "0", f"c{m3.pk}": "1"},
    )
    assert response.status_code == 302
    after = _effective(hr, position)
    assert (after["M.01"], after["M.02"], after["M.03"]) == ("4", "—", "1")
    assert gaps.required_levels([position.pk])[position.pk] == {m1.pk: 4, m3.pk: 1}

    # Empty = follow the default again.
    hr.post(url("standard_position_save", position.pk), {f"c{m1.pk}": ""})
    assert _effective(hr, position)["M.01"] == "2"
    assert not PositionStandard.objects.filter(competency=m1).exists()


def test_a_bad_override_saves_nothing(client_for):
    position = PositionFactory()
    m1, m2 = comp("M.01"), comp("M.02")
    response = client_for("hr_officer").post(
        url("standard_position_save", position.pk),
        {f"c{m1.pk}": "3", f"c{m2.pk}": "6"},
    )
    assert response.status_code == 200
    assert "Pilih level 0 sampai 5." in html(response)
    assert not PositionStandard.objects.exists()


def test_standard_position_query_count_is_constant(client_for):
    position = PositionFactory(kind="PELAKSANA")
    client = client_for("hr_officer")
    page = url("standard_position", position.pk)
    client.get(page)

    def build(n):
        for _ in range(n):
            competency = CompetencyFactory()
            StandardDefaultFactory(position_kind="PELAKSANA", competency=competency)
            PositionStandardFactory(position=position, competency=competency)

    assert_constant_queries(build, lambda: client.get(page), 2, 30)
