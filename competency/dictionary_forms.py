"""Forms of the dictionary and standards pages (HR only).

They parse and check shapes and say what is wrong in Indonesian; the writes go
through competency.standards, in one transaction each.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from competency.models import LEVEL_MAX, Competency, CompetencyType
from competency.standards import LEVEL_DESCRIPTION_MAX, LEVELED_KINDS, LEVELS
from positions.models import FunctionalLevel, Position, PositionKind
from sawahlunto_asn.lib.widgets import FastSelect, style_for_bootstrap

ANY = [("", _("Semua"))]


# ---------------------------------------------------------------- dictionary


class DictionaryFilterForm(forms.Form):
    type = forms.ChoiceField(
        label=_("Jenis"), choices=[*ANY, *CompetencyType.choices], required=False
    )
    field = forms.ChoiceField(
        label=_("Rumpun (teknis)"),
        choices=[*ANY, *Position.Field.choices],
        required=False,
    )
    active = forms.ChoiceField(
        label=_("Status"),
        choices=[*ANY, ("1", _("Aktif")), ("0", _("Tidak aktif"))],
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)

    def filter(self, competencies):
        if not self.is_bound:
            return competencies
        if not self.is_valid():
            return competencies.none()
        data = self.cleaned_data
        if data["type"]:
            competencies = competencies.filter(type=data["type"])
        if data["field"]:
            competencies = competencies.filter(field=data["field"])
        if data["active"]:
            competencies = competencies.filter(is_active=data["active"] == "1")
        return competencies


class CompetencyForm(forms.ModelForm):
    """A dictionary entry with its five level descriptions (level_1 .. level_5)."""

    class Meta:
        model = Competency
        fields = ["code", "name", "type", "field", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "code": {"unique": _("Kode kompetensi ini sudah dipakai.")},
        }
        help_texts = {
            "field": _(
                "Wajib untuk kompetensi teknis dan hanya untuk kompetensi teknis: "
                "standar bawaannya hanya berlaku bagi jabatan dalam rumpun ini."
            ),
            "is_active": _(
                "Kompetensi tidak dihapus; yang dinonaktifkan tidak lagi "
                "dipersyaratkan pada jabatan mana pun, riwayat asesmennya tetap."
            ),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [
            ("", _("— bukan kompetensi teknis —")),
            *Position.Field.choices,
        ]
        current = (
            {row.level: row.description for row in self.instance.levels.all()}
            if self.instance.pk
            else {}
        )
        for level in LEVELS:
            self.fields[f"level_{level}"] = forms.CharField(
                label=_("Level %(n)d") % {"n": level},
                max_length=LEVEL_DESCRIPTION_MAX,
                initial=current.get(level, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={
                    "required": _("Deskripsi level %(n)d wajib diisi.") % {"n": level},
                    "max_length": _(
                        "Deskripsi level %(n)d paling panjang %(max)d karakter."
                    )
                    % {"n": level, "max": LEVEL_DESCRIPTION_MAX},
                },
            )
        style_for_bootstrap(self)

    @property
    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.Meta.fields]

    @property
    def level_fields(self) -> list[forms.BoundField]:
        return [self[f"level_{level}"] for level in LEVELS]

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()

    def clean(self) -> dict:
        data = super().clean()
        ctype, field = data.get("type"), data.get("field")
        if ctype == CompetencyType.TECHNICAL and not field:
            self.add_error("field", _("Kompetensi teknis wajib memiliki rumpun."))
        if ctype and ctype != CompetencyType.TECHNICAL and field:
            self.add_error(
                "field", _("Rumpun hanya diisi untuk kompetensi teknis; kosongkan.")
            )
        return data

    def competency_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def level_texts(self) -> dict[int, str]:
        return {level: self.cleaned_data[f"level_{level}"] for level in LEVELS}


# ---------------------------------------------------------------- standards


class ScopeForm(forms.Form):
    """Which defaults: a position kind and, for functional positions, a jenjang
    ('' = every jenjang of the kind)."""

    kind = forms.ChoiceField(label=_("Jenis jabatan"), choices=PositionKind.choices)
    level = forms.ChoiceField(
        label=_("Jenjang"),
        choices=[("", _("Semua jenjang")), *FunctionalLevel.choices],
        required=False,
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("level") and data.get("kind") not in LEVELED_KINDS:
            self.add_error("level", _("Jenjang hanya untuk jabatan fungsional."))
        return data

    def scope(self) -> tuple[str, str]:
        """The chosen (kind, jenjang), or the first kind when the choice is bad."""
        if self.is_valid():
            return self.cleaned_data["kind"], self.cleaned_data["level"]
        return PositionKind.values[0], ""


class LevelField(forms.Field):
    """A required level as a small select: '' → None, else an int low..5."""

    widget = FastSelect

    def __init__(self, *, options, low: int, **kwargs) -> None:
        super().__init__(required=False, **kwargs)
        self.low = low
        self.widget.options = options
        self.widget.attrs["class"] = "form-select form-select-sm"

    def to_python(self, value) -> int | None:
        value = (value or "").strip() if isinstance(value, str) else value
        if value in ("", None):
            return None
        try:
            level = int(value)
        except (TypeError, ValueError):
            level = -1
        if not self.low <= level <= LEVEL_MAX:
            raise forms.ValidationError(
                _("Pilih level %(low)d sampai %(high)d.")
                % {"low": self.low, "high": LEVEL_MAX}
            )
        return level


DEFAULT_OPTIONS = [("", "—"), *((str(n), str(n)) for n in LEVELS)]
OVERRIDE_OPTIONS = [
    ("", _("ikuti bawaan")),
    ("0", _("0 · tidak dipersyaratkan")),
    *((str(n), str(n)) for n in LEVELS),
]


class LevelGridForm(forms.Form):
    """One level select per competency, named c<pk>. Only the selects present in
    the POST are saved (`submitted()`): a competency added after the page was
    loaded is not touched."""

    options = DEFAULT_OPTIONS
    low = 0

    def __init__(self, *args, competencies, levels: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.competencies = list(competencies)
        for competency in self.competencies:
            self.fields[self.key(competency.pk)] = LevelField(
                label=str(competency),
                options=self.options,
                low=self.low,
                initial=levels.get(competency.pk),
            )

    @staticmethod
    def key(pk: int) -> str:
        return f"c{pk}"

    def rows(self) -> list[tuple[Competency, forms.BoundField]]:
        return [(c, self[self.key(c.pk)]) for c in self.competencies]

    def submitted(self) -> dict[int, int | None]:
        return {
            c.pk: self.cleaned_data[self.key(c.pk)]
            for c in self.competencies
            if self.add_prefix(self.key(c.pk)) in self.data
        }


class DefaultsGridForm(LevelGridForm):
    options = DEFAULT_OPTIONS  # 0 is accepted too and means "not required"


class OverridesForm(LevelGridForm):
    options = OVERRIDE_OPTIONS


class PositionSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Kode atau nama jabatan"),
        max_length=200,
        error_messages={"required": _("Isi kode atau nama jabatan.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)
        self.fields["q"].widget.attrs["placeholder"] = _("mis. kode jabatan")

    def clean_q(self) -> str:
        return self.cleaned_data["q"].strip()
