from __future__ import annotations

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from sawahlunto_asn import navigation
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib import audit
from sawahlunto_asn.lib.access import get_visible_or_404, role_required


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    cards = [
        item
        for item in navigation.items_for(request.user, navigation.flags_of(request))
        if item["url_name"] != "dashboard"
    ]
    return render(request, "dashboard.html", {"cards": cards})


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 after a database round-trip; 503 with a short reason when it fails."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse(
            "database unavailable\n", status=503, content_type="text/plain"
        )
    return HttpResponse("ok\n", content_type="text/plain")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)


@role_required(roles.HR)
def audit_history(
    request: HttpRequest, app_label: str, model_name: str, pk: int
) -> HttpResponse:
    """Any audited object's history, for HR; the object is fetched through its scope."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as exc:
        raise Http404 from exc
    if not audit.is_audited(model):
        raise Http404
    obj = get_visible_or_404(model._default_manager.all(), request.user, pk=pk)
    return render(
        request,
        "audit_history.html",
        {
            "object": obj,
            "model_label": model._meta.verbose_name,
            "entries": audit.history_for(obj),
        },
    )
