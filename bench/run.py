"""Benchmark: p50/p95 server time and query count of the main pages, per role.

    .venv/bin/python bench/run.py --employees N [--repeat 30] [--posts 100000]
        [--only reform,transparency]

Seeds the demo data at that scale (reused when already there), then renders
each page in-process through the full middleware stack with Django's test
client. The floor is a trivial page rendered by the same stack with one query;
floor_ratio is a page's p50 over the floor's p50. The last line printed is a
JSON array of the results.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sawahlunto_asn.settings")
os.environ["STATICFILES_STORAGE"] = (
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)


def measure(
    client, url: str, repeat: int, cold: bool = False
) -> tuple[list[float], int]:
    """`cold`: the cache is emptied before each request (a page kept rendered
    until the next refresh is measured as its first request after one)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # warm caches and the persistent connection
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(repeat):
        if cold:
            cache.clear()
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return timings, len(ctx.captured_queries)


def top_up_posts(total: int) -> None:
    from django.db import connection

    from community.demo.forum import bench_posts
    from community.models import Post

    missing = total - Post.objects.count()
    if missing > 0:
        bench_posts(missing)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=2500)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--posts",
        type=int,
        default=0,
        help="Top the forum up to this many posts first (issue 7: 100,000).",
    )
    parser.add_argument(
        "--only",
        default="",
        help="Measure only the pages whose name contains one of these "
        "comma-separated words (e.g. 'reform,transparency').",
    )
    args = parser.parse_args()
    only = [word.strip().lower() for word in args.only.split(",") if word.strip()]

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings
    from pages import pages_for

    call_command("seed_demo", employees=args.employees, verbosity=0)
    if args.posts:
        top_up_posts(args.posts)
    rows = []
    with override_settings(ROOT_URLCONF="urls_bench", ALLOWED_HOSTS=["*"], DEBUG=False):
        settings.DEBUG = False
        floor_client = Client()
        floor_times, floor_queries = measure(floor_client, "/bench/floor/", args.repeat)
        floor_p50 = statistics.median(floor_times)
        results = [("floor", floor_times, floor_queries)]
        for name, user, url in pages_for(args.employees):
            if only and not any(word in name.lower() for word in only):
                continue
            client = Client()
            if user is not None:
                client.force_login(user)
            times, queries = measure(client, url, args.repeat, "(cold)" in name)
            results.append((name, times, queries))
        for name, times, queries in results:
            p50 = statistics.median(times)
            rows.append(
                {
                    "page": name,
                    "employees": args.employees,
                    "p50_ms": round(p50, 2),
                    "p95_ms": round(percentile(times, 95), 2),
                    "queries": queries,
                    "floor_ratio": round(p50 / floor_p50, 2),
                }
            )
    print(
        f"{'page':<40} {'employees':>9} {'p50 ms':>8} {'p95 ms':>8} {'queries':>7} {'x floor':>7}"
    )
    for row in rows:
        print(
            f"{row['page']:<40} {row['employees']:>9} {row['p50_ms']:>8.2f} "
            f"{row['p95_ms']:>8.2f} {row['queries']:>7} {row['floor_ratio']:>7.2f}"
        )
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
