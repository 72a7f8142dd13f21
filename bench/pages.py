"""The pages the benchmark measures, each with the role that normally opens it.

Each issue that adds a page adds it here.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from competency.models import TrainingEvent
from performance.models import UnitResult
from positions.models import Employee, OrgUnit, RotationBatch
from sawahlunto_asn.accounts.models import User


def pages_for(employees: int) -> list[tuple[str, User | None, str]]:
    hr = User.objects.get(username="bkpsdm")
    # The largest perangkat daerah: the heaviest position map an officer opens.
    opd = (
        OrgUnit.objects.filter(depth=1)
        .annotate(n=Count("positions"))
        .order_by("-n", "pk")
        .first()
    )
    someone = Employee.objects.filter(placements__isnull=False).order_by("pk").first()
    employee_list = reverse("positions:employee_list")
    pages = [
        ("home (anonymous)", None, reverse("home")),
        ("login page (anonymous)", None, reverse("login")),
        ("healthz", None, reverse("healthz")),
        ("dashboard (HR)", hr, reverse("dashboard")),
        ("position map, city (HR)", hr, reverse("positions:position_map")),
        ("employee list (HR)", hr, employee_list),
        (
            "employee list, filtered (HR)",
            hr,
            employee_list + "?kind=PELAKSANA&status=PNS&retiring_within=5&sort=name",
        ),
        ("employee list, search (HR)", hr, employee_list + "?q=siti"),
        ("rotation watch (HR)", hr, reverse("positions:rotation_watch")),
        (
            "rotation watch, overdue (HR)",
            hr,
            reverse("positions:rotation_watch") + "?category=OVERDUE",
        ),
    ]
    if opd is not None:
        pages.append(
            (
                "position map, largest OPD (HR)",
                hr,
                reverse("positions:position_map") + f"?unit={opd.pk}",
            )
        )
        pages.append(("employee list, OPD (HR)", hr, employee_list + f"?unit={opd.pk}"))
    # The largest batch still on its way (the demo's 50-move batch in review): every
    # move is validated against the register when the page opens.
    batch = (
        RotationBatch.objects.exclude(status__in=["EXECUTED", "REJECTED"])
        .annotate(n=Count("moves"))
        .order_by("-n", "pk")
        .first()
    )
    if batch is not None:
        detail = reverse("positions:batch_detail", args=[batch.pk])
        reviewer = User.objects.get(username="tpk")
        pages.append((f"batch page, {batch.n} moves (HR)", hr, detail))
        pages.append((f"batch page, {batch.n} moves (reviewer)", reviewer, detail))
        pages.append(("batch list (HR)", hr, reverse("positions:batch_list")))
    atasan = User.objects.get(username="atasan")
    pegawai = User.objects.get(username="pegawai")
    year = {"year": str(timezone.localdate().year)}
    pages += [
        ("competency gaps, city (HR)", hr, reverse("competency:gap_report")),
        (
            "competency gaps, team (supervisor)",
            atasan,
            reverse("competency:gap_report"),
        ),
        ("20 JP report, city (HR)", hr, reverse("competency:jp_report")),
        (
            "20 JP report, below minimum (HR)",
            hr,
            reverse("competency:jp_report")
            + "?"
            + urlencode({**year, "below_only": "on"}),
        ),
        ("training needs, city (HR)", hr, reverse("competency:training_needs")),
        ("training events (HR)", hr, reverse("competency:event_list")),
        ("my learning (employee)", pegawai, reverse("competency:my_learning")),
    ]
    # Appraisal: the appraiser's team, the distribution of the largest rated unit,
    # and the talent grid for the city and for a team.
    pages += [
        ("appraisal, my team (supervisor)", atasan, reverse("performance:team")),
        ("distribution, rated units (HR)", hr, reverse("performance:distribution")),
        ("talent grid, city (HR)", hr, reverse("performance:talent")),
        ("talent grid, team (supervisor)", atasan, reverse("performance:talent")),
    ]
    rated = (
        UnitResult.objects.exclude(org_rating="")
        .annotate(n=Count("unit__positions"))
        .order_by("-n", "pk")
        .first()
    )
    if rated is not None:
        pages.append(
            (
                "distribution, largest rated unit (HR)",
                hr,
                reverse("performance:distribution")
                + f"?unit={rated.unit_id}&tahun={rated.period.year}",
            )
        )
    # The event with the most participants: its page lists them with attendance.
    event = (
        TrainingEvent.objects.annotate(n=Count("registrations"))
        .order_by("-n", "pk")
        .first()
    )
    if event is not None:
        pages.append(
            (
                f"training event, {event.n} participants (HR)",
                hr,
                reverse("competency:event_detail", args=[event.pk]),
            )
        )
    pages += community_pages(hr)
    walikota = User.objects.get(username="walikota")
    pages += [
        ("reform dashboard, city (HR)", hr, reverse("reform:dashboard")),
        # Kept rendered until the next refresh: also measured as the first
        # request after one.
        ("reform dashboard, city (HR) (cold)", hr, reverse("reform:dashboard")),
        (
            "transparency page (anonymous) (cold)",
            None,
            reverse("reform:transparency"),
        ),
        (
            "open data, JSON (anonymous) (cold)",
            None,
            reverse("reform:open_data", args=["json"]),
        ),
        ("reform dashboard, city (Wali Kota)", walikota, reverse("reform:dashboard")),
        ("transparency page (anonymous)", None, reverse("reform:transparency")),
        (
            "open data, JSON (anonymous)",
            None,
            reverse("reform:open_data", args=["json"]),
        ),
        ("notifications (supervisor)", atasan, reverse("notifications:list")),
    ]
    if opd is not None:
        pages.append(
            (
                "reform dashboard, largest OPD (HR)",
                hr,
                reverse("reform:dashboard") + f"?unit={opd.pk}",
            )
        )
    if someone is not None:
        pages.append(
            (
                "employee profile (HR)",
                hr,
                reverse("positions:employee_detail", args=[someone.pk]),
            )
        )
    return pages


def community_pages(hr: User) -> list[tuple[str, User | None, str]]:
    """The public pages at their heaviest: the unit with the most feedback, the
    thread with the most replies, a search for a common word; and the office's
    own queues."""
    from community.demo.seed import demo_responder
    from community.models import Feedback, Thread

    moderator = User.objects.get(username="moderator")
    pages = [
        ("participation home (anonymous)", None, reverse("community:index")),
        ("public units with IKM (anonymous)", None, reverse("community:unit_list")),
        ("forum index (anonymous)", None, reverse("community:forum_index")),
        (
            "search, common word (anonymous)",
            None,
            reverse("community:search") + "?q=antrean",
        ),
        (
            "search, two words (anonymous)",
            None,
            reverse("community:search") + "?q=" + "layanan lambat",
        ),
        ("meetings (anonymous)", None, reverse("community:meeting_list")),
        ("commitments (anonymous)", None, reverse("community:commitment_list")),
        ("moderation queue (moderator)", moderator, reverse("community:moderation")),
        ("feedback queue (moderator)", moderator, reverse("community:feedback_queue")),
        ("office dashboard, city (HR)", hr, reverse("community:office_dashboard")),
        ("feedback escalation (HR)", hr, reverse("community:feedback_escalation")),
    ]
    busiest = (
        Feedback.objects.values("unit_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "unit_id")
        .first()
    )
    if busiest is not None:
        unit = busiest["unit_id"]
        pages += [
            (
                "public unit page (anonymous)",
                None,
                reverse("community:unit_detail", args=[unit]),
            ),
            (
                "unit's public feedback (anonymous)",
                None,
                reverse("community:feedback_unit_list", args=[unit]),
            ),
            (
                "office dashboard, one unit (HR)",
                hr,
                reverse("community:office_dashboard") + f"?unit={unit}",
            ),
        ]
    thread = Thread.objects.order_by("-reply_count", "pk").first()
    if thread is not None:
        pages.append(
            (
                f"forum thread, {thread.reply_count} replies (anonymous)",
                None,
                reverse("community:forum_thread", args=[thread.pk]),
            )
        )
    responder = demo_responder()
    if responder is not None:
        pages.append(
            (
                "responder inbox (responder)",
                responder,
                reverse("community:feedback_inbox"),
            )
        )
    return pages
