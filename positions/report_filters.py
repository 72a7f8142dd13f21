"""Filters of the printed reports (DUK, bezetting, daftar nominatif)."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from positions.models import EducationLevel, Employee, OrgUnit, PositionKind, Rank


class UnitChoiceField(forms.ModelChoiceField):
    """Units in tree order, indented by depth so the hierarchy shows in the list."""

    def label_from_instance(self, obj: OrgUnit) -> str:
        return f"{'— ' * obj.depth}{obj.name}"


class RankChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Rank) -> str:
        if obj.scheme == Rank.Scheme.PPPK:
            return _("PPPK golongan %(g)s") % {"g": obj.grade}
        return str(obj)


class UnitSubtreeFilter(django_filters.ModelChoiceFilter):
    """A unit and all its sub-units, matched on an annotated or related unit path."""

    field_class = UnitChoiceField

    def __init__(self, *args, path_field: str = "unit_path", **kwargs):
        kwargs.setdefault("label", _("OPD / unit (termasuk sub-unit)"))
        kwargs.setdefault("queryset", OrgUnit.objects.filter(is_active=True))
        kwargs.setdefault("empty_label", _("Seluruh Pemerintah Kota"))
        super().__init__(*args, **kwargs)
        self.path_field = path_field

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.path_field}__startswith": value.path})


class RankChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = RankChoiceField


class DukFilter(django_filters.FilterSet):
    """On Employee.objects.duk_order() (its unit is the current definitive post)."""

    unit = UnitSubtreeFilter()

    class Meta:
        model = Employee
        fields = ["unit"]


class NominatifFilter(django_filters.FilterSet):
    """On Employee.objects.for_list(): OPD, golongan, jenis jabatan, L/P, pendidikan, status."""

    unit = UnitSubtreeFilter()
    rank = RankChoiceFilter(
        label=_("Pangkat/golongan"), queryset=Rank.objects.all(), empty_label=_("Semua")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Jenis jabatan"),
        choices=PositionKind.choices,
        field_name="position_kind",
        empty_label=_("Semua"),
    )
    gender = django_filters.ChoiceFilter(
        label=_("Jenis kelamin"),
        choices=Employee.Gender.choices,
        empty_label=_("Semua"),
    )
    education = django_filters.ModelChoiceFilter(
        label=_("Pendidikan terakhir"),
        queryset=EducationLevel.objects.all(),
        empty_label=_("Semua"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Employee.Status.choices, empty_label=_("Semua")
    )

    class Meta:
        model = Employee
        fields = ["unit", "rank", "kind", "gender", "education", "status"]


class BezettingForm(forms.Form):
    """The bezetting report's unit (default: the whole city) and as-of date."""

    unit = UnitChoiceField(
        label=_("OPD / unit (termasuk sub-unit)"),
        queryset=OrgUnit.objects.filter(is_active=True),
        required=False,
        empty_label=_("Seluruh Pemerintah Kota"),
    )
    tanggal = forms.DateField(
        label=_("Keadaan per tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Kosongkan untuk hari ini."),
    )
