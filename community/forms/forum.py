"""Forum and moderation forms: only shape and length; the rules (masking,
review, windows, thresholds) live in community.services.forum."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from community.forms.honeypot import HoneypotMixin
from community.models import PostStatus, Report
from community.models.forum import BODY_MAX, TITLE_MAX

BODY_HELP = _(
    "Markdown sederhana: **tebal**, _miring_, daftar, kutipan (>), tautan "
    "[teks](https://...). HTML dan gambar tidak ditampilkan. NIK, NIP, nomor "
    "telepon dan surel disamarkan otomatis. Tulisan yang menyebut nama pegawai "
    "ditinjau moderator sebelum tampil."
)


def _body_field(label=None) -> forms.CharField:
    return forms.CharField(
        label=label or _("Isi"),
        max_length=BODY_MAX,
        help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class ThreadForm(HoneypotMixin, forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=TITLE_MAX)
    body = _body_field()


class ReplyForm(HoneypotMixin, forms.Form):
    body = _body_field(_("Balasan"))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class EditForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=TITLE_MAX, required=False)
    body = _body_field()

    def __init__(self, *args, with_title: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if with_title:
            self.fields["title"].required = True
        else:
            del self.fields["title"]


class ReportForm(HoneypotMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Alasan"), choices=Report.Reason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Keterangan (tidak wajib)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ModerationActionForm(forms.Form):
    ACTIONS = (
        ("hide", _("Sembunyikan")),
        ("restore", _("Pulihkan")),
        ("approve", _("Setujui")),
        ("edit", _("Sunting")),
    )
    action = forms.ChoiceField(choices=ACTIONS, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Alasan (dicatat dalam log moderasi)"), max_length=2000, required=False
    )
    title = forms.CharField(label=_("Judul"), max_length=TITLE_MAX, required=False)
    body = forms.CharField(
        label=_("Isi"),
        max_length=BODY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class SuspensionForm(forms.Form):
    action = forms.ChoiceField(
        choices=(("suspend", _("Tangguhkan")), ("unsuspend", _("Cabut penangguhan"))),
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=_("Alasan tertulis"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class QueueFilterForm(forms.Form):
    STATES = (
        ("", _("Semua yang perlu ditinjau")),
        (PostStatus.PENDING, _("Menunggu tinjauan")),
        ("reported", _("Dilaporkan")),
        (PostStatus.HIDDEN, _("Disembunyikan")),
    )
    state = forms.ChoiceField(
        label=_("Keadaan"),
        choices=STATES,
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Cari"), max_length=200, required=False)
