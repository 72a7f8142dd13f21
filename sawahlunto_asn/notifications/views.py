"""My notifications and my choices per kind; every signed-in user has both."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sawahlunto_asn.lib.access import get_visible_or_404
from sawahlunto_asn.notifications import services
from sawahlunto_asn.notifications.models import Kind, Notification

PAGE_SIZE = 25


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    rows = Notification.objects.visible_to(request.user)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page": page})


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_visible_or_404(Notification.objects, request.user, pk=pk)
    services.mark_read(notification)
    safe = url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}
    )
    return redirect(
        notification.url if notification.url and safe else "notifications:list"
    )


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_read(request.user)
    messages.success(request, _("%(n)d notifikasi ditandai dibaca.") % {"n": count})
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    kinds = services.relevant_kinds(request.user)
    if request.method == "POST":
        services.save_preferences(
            request.user,
            {
                kind: (
                    f"in_app-{kind}" in request.POST,
                    f"email-{kind}" in request.POST,
                )
                for kind in kinds
            },
        )
        messages.success(request, _("Preferensi notifikasi disimpan."))
        return redirect("notifications:preferences")
    current = services.user_preferences(request.user, kinds)
    rows = [(kind, Kind(kind).label, current[kind]) for kind in kinds]
    return render(request, "notifications/preferences.html", {"rows": rows})
