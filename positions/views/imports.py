"""Import of employees, positions and placements: upload, preview, commit, templates."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models.fields.json import KeyTransform
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from positions import imports
from positions.models import ImportBatch
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.access import get_visible_or_404, role_required
from sawahlunto_asn.lib.spreadsheet import XLSX, csv_response


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Jenis data"),
        choices=ImportBatch.Kind.choices,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=gettext_lazy("Berkas"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Berkas .xlsx atau .csv dengan judul kolom sesuai templat; paling besar "
            "%(mb)s MB dan %(rows)s baris data."
        ) % {"mb": imports.MAX_BYTES // (1024 * 1024), "rows": imports.MAX_ROWS}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > imports.MAX_BYTES:
            raise forms.ValidationError(
                _("Berkas terlalu besar: paling besar %(mb)s MB.")
                % {"mb": imports.MAX_BYTES // (1024 * 1024)}
            )
        return upload


@role_required(roles.HR)
def import_upload(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("jenis")
    form = ImportUploadForm(
        request.POST or None,
        request.FILES or None,
        initial={"kind": kind if kind in imports.SPECS else ImportBatch.Kind.EMPLOYEES},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = imports.stage(
                kind=form.cleaned_data["kind"],
                filename=upload.name,
                content=upload.read(),
                user=request.user,
            )
        except imports.ImportFileError as error:
            form.add_error("file", error.message)
        else:
            return redirect("positions:import_preview", pk=batch.pk)
    recent = (
        ImportBatch.objects.visible_to(request.user)
        .select_related("uploaded_by")
        .defer("content", "summary")
        .annotate(counts=KeyTransform("counts", "summary"))[:10]
    )
    return render(
        request,
        "positions/import_upload.html",
        {"form": form, "specs": list(imports.SPECS.values()), "recent": recent},
    )


@role_required(roles.HR)
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_visible_or_404(
        ImportBatch.objects.select_related("uploaded_by").defer("content"),
        request.user,
        pk=pk,
    )
    report = imports.Report.from_summary(batch.summary)
    show_all = request.GET.get("tampil") == "semua"
    rows = [
        row
        for row in report.rows
        if show_all or row.defects or row.outcome != imports.UNCHANGED
    ]
    earlier = (
        ImportBatch.objects.filter(
            kind=batch.kind, sha256=batch.sha256, committed_at__isnull=False
        )
        .exclude(pk=batch.pk)
        .defer("content", "summary")
        .order_by("-committed_at")
        .first()
    )
    return render(
        request,
        "positions/import_preview.html",
        {
            "batch": batch,
            "report": report,
            "counts": report.counts,
            "rows": rows,
            "show_all": show_all,
            "earlier": earlier,
            "spec": imports.SPECS[batch.kind],
            "can_commit": batch.committed_at is None
            and bool(report.rows)
            and not report.has_defects,
        },
    )


@role_required(roles.HR)
@require_POST
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_visible_or_404(
        ImportBatch.objects.defer("content", "summary"), request.user, pk=pk
    )
    try:
        report = imports.commit(batch.pk)
    except imports.AlreadyCommitted:
        messages.error(
            request, _("Impor ini sudah disimpan sebelumnya; tidak disimpan dua kali.")
        )
    except imports.ImportFileError as error:
        messages.error(request, error.message)
    else:
        counts = report.counts
        if report.committed:
            messages.success(
                request,
                _(
                    "Impor disimpan: %(new)s baris baru, %(changed)s diubah, "
                    "%(same)s tetap."
                )
                % {
                    "new": counts[imports.NEW],
                    "changed": counts[imports.CHANGED],
                    "same": counts[imports.UNCHANGED],
                },
            )
        else:
            messages.error(
                request,
                _(
                    "Tidak ada yang disimpan: %(n)s baris bermasalah. Perbaiki berkas "
                    "lalu unggah ulang."
                )
                % {"n": counts["bermasalah"]},
            )
    return redirect("positions:import_preview", pk=batch.pk)


@role_required(roles.HR)
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    spec = imports.spec_for(kind)
    file_format = request.GET.get("format", "xlsx")
    if spec is None or file_format not in ("xlsx", "csv"):
        raise Http404
    filename = f"templat-impor-{kind}"
    if file_format == "csv":
        return csv_response(filename, spec.headers, [])
    response = HttpResponse(imports.template_xlsx(kind), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
