"""The SK of a rotation batch: a print-friendly page and the same decree as a PDF."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from positions.decree import decree_context, decree_filename, decree_pdf
from positions.models import RotationBatch
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.access import get_visible_or_404, role_required


@role_required(roles.HR, roles.REVIEWER, roles.PPK)
def batch_decree(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_visible_or_404(RotationBatch.objects, request.user, pk=pk)
    return render(request, "positions/batch_decree.html", decree_context(batch))


@role_required(roles.HR, roles.REVIEWER, roles.PPK)
def batch_decree_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_visible_or_404(RotationBatch.objects, request.user, pk=pk)
    response = HttpResponse(decree_pdf(batch), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{decree_filename(batch)}"'
    return response
