"""What the reform pages show, built from the stored figures (snapshots.py) and
kept rendered until the next refresh.

The figures change only when a year is refreshed, and drawing the city's
tables and charts is most of a page's time (3,000 cells, five charts), so each
page's figures are rendered once per scope, year and refresh and kept in the
cache under snapshots.state()'s stamp, which any refresh changes. Nothing kept
depends on the user: the picker, the refresh button and the navigation are
rendered per request around it.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from positions.models import OrgUnit
from sawahlunto_asn.reform import open_data as data
from sawahlunto_asn.reform import snapshots, visuals
from sawahlunto_asn.reform.tables import (
    Table,
    build_tables,
    minimum,
    public_tables,
    trend_table,
)

# The dashboard's sections, each a table (with its chart) and an xlsx export.
DASHBOARD_ORDER = (
    "workforce",
    "profile",
    "pyramid",
    "golongan",
    "education",
    "rotation",
    "competency",
    "appraisal",
    "ninebox",
    "public",
    "trend",
)
# The transparency page: no 9-box (talent mapping is an internal instrument).
PUBLIC_ORDER = tuple(key for key in DASHBOARD_ORDER if key != "ninebox")


def with_year(years: list[int], year: int) -> list[int]:
    """The stored years and the one asked for (stored on first use)."""
    return sorted({*years, year}, reverse=True)


def cached(key: str, build) -> dict:
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, settings.REFORM_PAGE_CACHE_SECONDS)
    return found


def dashboard_tables(
    year: int, unit: OrgUnit | None, years: list[int]
) -> tuple[dict[str, Table], snapshots.Loaded]:
    """The dashboard's tables, each with its chart, for a scope and year."""
    children = snapshots.child_units(unit)
    loaded = snapshots.load(year, [unit, *children] if unit else children)
    figures = loaded.figures
    scopes = [figures.scope(unit), *(figures.scope(c) for c in children)]
    tables = build_tables(scopes)
    visuals.attach_predikat_chart(tables["appraisal"])
    name = unit.name if unit else _("Kota Sawahlunto")
    tables["pyramid"] = visuals.pyramid_table(scopes[0], name)
    visuals.attach_pyramid_chart(tables["pyramid"])
    tables["ninebox"] = visuals.ninebox_table(scopes[0], name)
    visuals.attach_ninebox_chart(tables["ninebox"])
    tables["trend"] = trend_table(snapshots.trend(with_year(years, year), unit))
    visuals.attach_trend_chart(tables["trend"])
    return tables, loaded


def dashboard(year: int, unit: OrgUnit | None, years: list[int], stamp: str) -> dict:
    """{"body", "day", "computed_at"} of the dashboard for a scope and year."""

    def build() -> dict:
        tables, loaded = dashboard_tables(year, unit, years)
        query = urlencode({"tahun": year, **({"unit": unit.pk} if unit else {})})
        body = render_to_string(
            "reform/dashboard_body.html",
            {
                "families": [tables[f] for f in DASHBOARD_ORDER],
                "export_query": query,
            },
        )
        return {
            "body": body,
            "day": loaded.figures.day,
            "computed_at": loaded.computed_at,
        }

    scope = unit.pk if unit else ""
    return cached(f"reform:dashboard:{stamp}:{year}:{scope}:{get_language()}", build)


def _public_figures(year: int):
    """The city and its perangkat daerah: what the public pages show."""
    units = snapshots.child_units(None)
    loaded = snapshots.load(year, units)
    return loaded, [loaded.figures.scope(u) for u in units]


def transparency(year: int, years: list[int], stamp: str) -> dict:
    """{"body", "day", "computed_at"} of the public page for a year."""

    def build() -> dict:
        loaded, children = _public_figures(year)
        city = loaded.figures.city
        tables = public_tables(city, children)
        visuals.attach_predikat_chart(tables["appraisal"])
        tables["pyramid"] = visuals.public_pyramid(city, _("Kota Sawahlunto"))
        visuals.attach_pyramid_chart(tables["pyramid"])
        tables["trend"] = trend_table(
            snapshots.trend(with_year(years, year), None), public=True
        )
        visuals.attach_trend_chart(tables["trend"])
        body = render_to_string(
            "reform/transparency_body.html",
            {
                "year": year,
                "families": [tables[f] for f in PUBLIC_ORDER],
                "minimum": minimum(),
                "license": data.license_line(),
            },
        )
        return {
            "body": body,
            "day": loaded.figures.day,
            "computed_at": loaded.computed_at,
        }

    key = f"reform:transparency:{stamp}:{year}:{minimum()}:{get_language()}"
    return cached(key, build)


def open_data(year: int, fmt: str, stamp: str):
    """The year's open data as a CSV or JSON response."""

    def build() -> dict:
        loaded, children = _public_figures(year)
        city = loaded.figures.city
        pyramid = visuals.public_pyramid(city, _("Kota Sawahlunto"))
        rows = data.rows(year, public_tables(city, children), pyramid)
        if fmt == "csv":
            return {"response": data.csv_response(year, rows)}
        return {"response": data.json_response(year, rows, loaded.computed_at)}

    return cached(f"reform:open-data:{stamp}:{year}:{minimum()}:{fmt}", build)[
        "response"
    ]
