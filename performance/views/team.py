"""The appraiser's team, the unit distribution and the talent grid."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.access import role_required


@role_required(roles.SUPERVISOR)
def team(request: HttpRequest) -> HttpResponse:
    return render(request, "performance/team.html")
