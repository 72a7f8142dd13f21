"""Filters of the employee list (django-filter) on top of EmployeeQuerySet.for_list()."""

from __future__ import annotations

import django_filters
from django import forms
from django.conf import settings
from django.db.models import F, Min, Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from positions import nip as nip_rules
from positions.dates import add_years
from positions.models import (
    EducationLevel,
    Employee,
    OrgUnit,
    Placement,
    PositionKind,
    Rank,
    RetirementRule,
)
from positions.querysets import RetirementDate, today
from sawahlunto_asn.lib.widgets import FastSelect, style_for_bootstrap

AGE_BANDS = {
    "lt30": (None, 30),
    "30_39": (30, 40),
    "40_49": (40, 50),
    "50_54": (50, 55),
    "55plus": (55, None),
}


def unit_choices() -> list[tuple[int, str]]:
    """Units in tree order, indented by depth; plain tuples, no model instances,
    because the city has hundreds of units and this renders on every list page."""
    units = OrgUnit.objects.filter(is_active=True).values_list("id", "name", "depth")
    return [(pk, f"{'· ' * depth}{name}") for pk, name, depth in units.order_by("path")]


def rank_choices() -> list[tuple[int, str]]:
    ranks = Rank.objects.values_list("id", "name", "grade")
    return [(pk, f"{name}, {grade}" if name else grade) for pk, name, grade in ranks]


def education_choices() -> list[tuple[int, str]]:
    return list(EducationLevel.objects.values_list("id", "name"))


class PositionAwareOrderingFilter(django_filters.OrderingFilter):
    """Sorting by TMT jabatan or TMT pensiun needs the current-position columns."""

    def filter(self, qs, value):
        if value and any(
            v.lstrip("-") in ("position_start", "retirement_on") for v in value
        ):
            qs = qs.with_current_position()
        return super().filter(qs, value)


class EmployeeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Cari NIP atau nama"), method="filter_q")
    # Unit, rank and education are ids picked from long reference lists; an id
    # that matches nothing simply finds no one.
    unit = django_filters.NumberFilter(
        widget=FastSelect, label=_("Unit (termasuk sub-unit)"), method="filter_unit"
    )
    kind = django_filters.ChoiceFilter(
        widget=FastSelect,
        label=_("Jenis jabatan"),
        choices=PositionKind.choices,
        method="filter_kind",
    )
    rank = django_filters.NumberFilter(
        widget=FastSelect, label=_("Pangkat/golongan"), field_name="rank_id"
    )
    status = django_filters.ChoiceFilter(
        widget=FastSelect, label=_("Status"), choices=Employee.Status.choices
    )
    gender = django_filters.ChoiceFilter(
        widget=FastSelect, label=_("Jenis kelamin"), choices=Employee.Gender.choices
    )
    age_band = django_filters.ChoiceFilter(
        widget=FastSelect,
        label=_("Usia"),
        method="filter_age_band",
        choices=[
            ("lt30", _("di bawah 30")),
            ("30_39", _("30-39")),
            ("40_49", _("40-49")),
            ("50_54", _("50-54")),
            ("55plus", _("55 ke atas")),
        ],
    )
    education = django_filters.NumberFilter(
        widget=FastSelect, label=_("Pendidikan terakhir"), field_name="education_id"
    )
    years_in_position = django_filters.ChoiceFilter(
        widget=FastSelect,
        label=_("Lama di jabatan sekarang"),
        method="filter_years_in_position",
        choices=[
            ("short", _("kurang dari batas minimal rotasi")),
            ("due", _("layak rotasi (antara batas minimal dan maksimal)")),
            ("over", _("melewati batas maksimal rotasi")),
        ],
    )
    retiring_within = django_filters.NumberFilter(
        label=_("Pensiun dalam (tahun)"),
        method="filter_retiring_within",
        min_value=0,
        max_value=40,
        widget=forms.NumberInput(attrs={"min": 0, "max": 40}),
    )
    sort = PositionAwareOrderingFilter(
        label=_("Urutkan"),
        fields=(
            ("name", "name"),
            ("nip", "nip"),
            ("birth_date", "birth_date"),
            ("rank__ordinal", "rank"),
            ("position_start", "position_start"),
            ("retirement_on", "retirement_on"),
        ),
        field_labels={
            "name": _("Nama"),
            "nip": _("NIP"),
            "birth_date": _("Tanggal lahir"),
            "rank": _("Pangkat"),
            "position_start": _("TMT jabatan"),
            "retirement_on": _("TMT pensiun"),
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.labels: dict[str, dict[int, str]] = {}
        for name, read in (
            ("unit", unit_choices),
            ("rank", rank_choices),
            ("education", education_choices),
        ):
            pairs = read()
            self.labels[name] = dict(pairs)
            self.form.fields[name].widget.options = [("", _("Semua")), *pairs]
        style_for_bootstrap(self.form)

    def holding(self, queryset, **placement_filter):
        """Employees whose definitive placement today matches: a semi-join, so the
        unfiltered list and every count stay on the employee table alone."""
        holders = Placement.objects.definitive().on(today()).filter(**placement_filter)
        return queryset.filter(pk__in=holders.values("employee_id"))

    class Meta:
        model = Employee
        fields = [
            "q",
            "unit",
            "kind",
            "rank",
            "status",
            "gender",
            "age_band",
            "education",
        ]

    def filter_q(self, queryset, name, value):
        digits = nip_rules.normalize(value)
        if digits.isdigit():
            return queryset.filter(nip__startswith=digits)
        # Sorting the matches beats walking the name index until 50 of them turn up:
        # UPPER(name) has no b-tree, so PostgreSQL takes the trigram index and sorts.
        # An explicit sort parameter still wins (the ordering filter runs later).
        return queryset.filter(name__icontains=value.strip()).order_by(
            Upper("name"), "nip"
        )

    def filter_unit(self, queryset, name, unit_id):
        path = (
            OrgUnit.objects.filter(pk=int(unit_id))
            .values_list("path", flat=True)
            .first()
        )
        if not path:
            return queryset.none()
        return self.holding(queryset, position__unit__path__startswith=path)

    def filter_kind(self, queryset, name, value):
        return self.holding(queryset, position__kind=value)

    def filter_age_band(self, queryset, name, value):
        low, high = AGE_BANDS[value]
        day = today()
        q = Q()
        if (
            low is not None
        ):  # at least `low` years old: born on or before day - low years
            q &= Q(birth_date__lte=add_years(day, -low))
        if high is not None:  # younger than `high`: born after day - high years
            q &= Q(birth_date__gt=add_years(day, -high))
        return queryset.filter(q)

    def filter_years_in_position(self, queryset, name, value):
        day = today()
        min_cut = add_years(day, -settings.ROTATION_MIN_YEARS)
        max_cut = add_years(day, -settings.ROTATION_MAX_YEARS)
        if value == "short":
            return self.holding(queryset, start_date__gt=min_cut)
        if value == "due":
            return self.holding(
                queryset, start_date__lte=min_cut, start_date__gt=max_cut
            )
        return self.holding(queryset, start_date__lte=max_cut)

    def filter_retiring_within(self, queryset, name, value):
        cutoff = add_years(today(), int(value))
        youngest = RetirementRule.objects.aggregate(age=Min("age"))["age"] or 0
        retiring = (
            Placement.objects.definitive()
            .on(today())
            .annotate(
                retires=RetirementDate(
                    F("employee__birth_date"), F("position__retirement_rule__age")
                )
            )
            .filter(retires__lte=cutoff)
        )
        # Nobody retires by `cutoff` unless born before cutoff minus the lowest
        # retirement age: a bound on the employee row that the planner can use.
        return queryset.filter(
            birth_date__lt=add_years(cutoff, -youngest),
            pk__in=retiring.values("employee_id"),
        )
