"""Filters of the competency reports (gaps, training needs, the 20 JP report)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from positions.forms import PostFilterForm
from positions.models import OrgUnit
from sawahlunto_asn.lib.widgets import style_for_bootstrap


class ReportFilterForm(PostFilterForm):
    """Unit (HR only: a supervisor's report is his team) and year."""

    year = forms.IntegerField(
        label=_("Tahun"), min_value=2000, max_value=2100, required=False
    )

    def __init__(self, *args, with_unit: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["kind"], self.fields["field"]
        if not with_unit:
            del self.fields["unit"]
        self.fields["year"].widget.attrs["placeholder"] = timezone.localdate().year
        style_for_bootstrap(self)

    def clean_unit(self) -> OrgUnit | None:
        return super().clean_unit() if "unit" in self.fields else None

    def chosen_year(self, ahead: int = 0) -> int:
        """The chosen year; when none (or an invalid one) was given, this year plus
        `ahead` (the training-needs plan is for the coming year)."""
        chosen = getattr(self, "cleaned_data", {}).get("year")
        return chosen or timezone.localdate().year + ahead


class GapFilterForm(ReportFilterForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["year"]


class JpFilterForm(ReportFilterForm):
    below_only = forms.BooleanField(
        label=_("Hanya yang belum memenuhi"), required=False
    )
