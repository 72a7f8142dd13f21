"""Citizen Markdown to safe HTML (issue 7, item 3).

Two layers: Python-Markdown with its raw-HTML handling switched off, so any
tag a citizen types comes out as visible text; then nh3 (ammonia) as the
allow-list that decides what reaches the page whatever Markdown produced.

Decisions: no images, written as a link instead (a forum image is a tracking pixel or an abuse vector and
photos belong to feedback, where they are checked); links only http(s), marked
rel="nofollow ugc noopener" so spam gains no ranking and no window access;
headings are allowed but rendered small by the template.
"""

from __future__ import annotations

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

__all__ = ["ALLOWED_TAGS", "render"]

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https"}
LINK_REL = "nofollow ugc noopener"


def _converter() -> markdown.Markdown:
    md = markdown.Markdown(
        extensions=["fenced_code", "sane_lists", "nl2br"], output_format="html"
    )
    # Raw HTML blocks and inline tags become escaped text instead of markup.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    # An image becomes an ordinary link to it: readable, and never loaded.
    md.inlinePatterns.deregister("image_link")
    md.inlinePatterns.deregister("image_reference")
    md.inlinePatterns.deregister("short_image_ref")
    return md


def _demote_headings(html: str) -> str:
    # A citizen's "# Judul" must not compete with the page's own h1/h2.
    for level, to in ((1, 3), (2, 4)):
        html = html.replace(f"<h{level}>", f"<h{to}>").replace(
            f"</h{level}>", f"</h{to}>"
        )
    return html


def render(text: str) -> SafeString:
    """Markdown source (already masked by community.textscan) to sanitised HTML."""
    html = _converter().convert(text or "")
    clean = nh3.clean(
        _demote_headings(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
    # Safe: the output of the nh3 allow-list above.
    return mark_safe(clean)
