"""Forms of the SKP pages: they parse and check shapes only.

The rules (who may change what, when, justifications, deadlines, uploads) live in
performance.services, whose AppraisalError the views show as messages; so the
justification of a rating, for one, is not required here but by the service.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from performance.models import QUARTERS, Checkpoint, Objection, PlannedResult
from performance.rules import Aspect, BerakhlakValue, Rating
from sawahlunto_asn.lib.widgets import style_for_bootstrap

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 2})


class _Styled(forms.Form):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)


class ResultForm(_Styled):
    """An RHK; `parent` is an id among the appraiser's RHK (choices per SKP)."""

    kind = forms.ChoiceField(label=_("Jenis"), choices=PlannedResult.Kind.choices)
    text = forms.CharField(label=_("Rencana hasil kerja"), widget=TEXT)
    parent = forms.TypedChoiceField(
        label=_("RHK pimpinan yang diintervensi"),
        choices=[],
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, parents=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", "—"), *parents]


class IndicatorForm(_Styled):
    aspect = forms.ChoiceField(label=_("Aspek"), choices=Aspect.choices)
    text = forms.CharField(label=_("Indikator kinerja individu"), widget=TEXT)
    target = forms.CharField(label=_("Target"), max_length=200)


class ExpectationForm(_Styled):
    value = forms.ChoiceField(label=_("Nilai"), choices=BerakhlakValue.choices)
    text = forms.CharField(
        label=_("Ekspektasi khusus pimpinan"), widget=TEXT, required=False
    )


class RealisationForm(_Styled):
    checkpoint = forms.ChoiceField(
        label=_("Periode evaluasi"), choices=Checkpoint.choices
    )
    text = forms.CharField(label=_("Realisasi"), widget=TEXT)


class EvidenceForm(_Styled):
    """One piece of evidence; the service checks that exactly one is given and
    checks the file by content and size."""

    text = forms.CharField(label=_("Keterangan"), widget=TEXT, required=False)
    url = forms.CharField(label=_("Tautan"), max_length=500, required=False)
    file = forms.FileField(
        label=_("Berkas (PDF, PNG atau JPEG)"), required=False, allow_empty_file=True
    )


class FeedbackForm(_Styled):
    """On one RHK (`rhk`, an id of this SKP) or one BerAKHLAK value (`value`)."""

    target = forms.ChoiceField(label=_("Untuk"), choices=[])
    given_on = forms.DateField(label=_("Tanggal"), widget=DATE)
    text = forms.CharField(label=_("Umpan balik"), widget=TEXT)

    def __init__(self, *args, rhk_choices=(), **kwargs) -> None:
        kwargs.setdefault("initial", {"given_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [
            (_("RHK"), [(f"rhk-{pk}", text) for pk, text in rhk_choices]),
            (
                _("Nilai BerAKHLAK"),
                [(f"nilai-{v}", label) for v, label in BerakhlakValue.choices],
            ),
        ]

    def target_args(self) -> tuple[int | None, str]:
        """(rhk id or None, value or '') from the chosen target."""
        kind, _sep, key = self.cleaned_data["target"].partition("-")
        return (int(key), "") if kind == "rhk" else (None, key)


class CheckInForm(_Styled):
    checkpoint = forms.ChoiceField(
        label=_("Triwulan"), choices=[(q.value, q.label) for q in QUARTERS]
    )
    work_results_rating = forms.ChoiceField(
        label=_("Rating hasil kerja"), choices=Rating.choices
    )
    behaviour_rating = forms.ChoiceField(
        label=_("Rating perilaku kerja"), choices=Rating.choices
    )
    note = forms.CharField(label=_("Catatan"), widget=TEXT, required=False)


class EvaluationForm(_Styled):
    """The annual ratings; a justification is required (by the service) for any
    rating other than 'sesuai ekspektasi'."""

    work_results_rating = forms.ChoiceField(
        label=_("Rating hasil kerja"), choices=Rating.choices
    )
    work_results_justification = forms.CharField(
        label=_("Alasan rating hasil kerja"), widget=TEXT, required=False
    )
    behaviour_rating = forms.ChoiceField(
        label=_("Rating perilaku kerja"), choices=Rating.choices
    )
    behaviour_justification = forms.CharField(
        label=_("Alasan rating perilaku kerja"), widget=TEXT, required=False
    )


class ObjectionForm(_Styled):
    reasons = forms.CharField(label=_("Alasan keberatan"), widget=TEXT)


class ExplanationForm(_Styled):
    text = forms.CharField(label=_("Penjelasan"), widget=TEXT)


class DecisionForm(_Styled):
    """Kept, or changed with both new ratings (the service checks they are given)."""

    decision = forms.ChoiceField(
        label=_("Keputusan"), choices=Objection.Decision.choices
    )
    reason = forms.CharField(label=_("Alasan keputusan"), widget=TEXT)
    work_results_rating = forms.ChoiceField(
        label=_("Rating hasil kerja baru"),
        choices=[("", "—"), *Rating.choices],
        required=False,
    )
    behaviour_rating = forms.ChoiceField(
        label=_("Rating perilaku kerja baru"),
        choices=[("", "—"), *Rating.choices],
        required=False,
    )
