"""Scan citizen text before it is published (issue 7, moderation).

Two jobs: mask personal data (NIK, NIP, phone numbers, email addresses) so it
never reaches the public nor the database, and find the civil servants a text
names, so such a post is reviewed by a moderator before the public sees it.

Masking errs on the side of masking: a 16-digit bank account number is masked
as a NIK, which costs nothing. What must survive is ordinary numbers citizens
write: years, dates, times, money amounts (Rp 1.500.000), queue numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["MASKS", "Masked", "mask_personal_data", "named_civil_servants"]

NIK = "NIK"
NIP = "NIP"
PHONE = "phone"
EMAIL = "email"
LANDLINE = "landline"  # masked and reported as PHONE

# What replaces each kind. No digits and no "@" in them, so a later pattern
# cannot match inside an earlier replacement.
MASKS = {
    NIK: "[NIK disamarkan]",
    NIP: "[NIP disamarkan]",
    PHONE: "[nomor telepon disamarkan]",
    EMAIL: "[surel disamarkan]",
}

# A digit run must not continue on either side, including across one
# separator: otherwise "1.500.000.000.000.000.000" would yield a 16-digit tail.
_START = r"(?<!\d)(?<!\d[ .\-])"
_END = r"(?![ .\-]?\d)"
_SEP = r"[ .\-]?"

_PATTERNS: list[tuple[str, re.Pattern]] = [
    # Contiguous runs first, bounded only by digits: "NIK 3273...0001 2 kali"
    # must still be caught although a number follows after a space.
    (NIP, re.compile(r"(?<!\d)\d{18}(?!\d)")),
    (NIK, re.compile(r"(?<!\d)\d{16}(?!\d)")),
    # NIP as printed: "19850312 201001 1 003", also with dots or dashes.
    (NIP, re.compile(_START + rf"\d{{8}}{_SEP}\d{{6}}{_SEP}\d{_SEP}\d{{3}}" + _END)),
    # NIK in any grouping ("3273 0123 4567 0001", "32.73.01.120590.0001").
    (NIK, re.compile(_START + r"\d(?:[ .\-]?\d){15}" + _END)),
    # Mobile numbers: 08xx, +62 8xx, 62 8xx, (+62) 8xx, groups of 3-4 digits.
    (
        PHONE,
        re.compile(
            r"(?:(?<![\w+])\+62|(?<![\w+])\(\+?62\)|(?<![\w+])62|(?<![\w+])0)"
            r"[ .\-]?\(?8\d{1,2}\)?(?:[ .\-]?\d{3,4}){2,3}" + _END
        ),
    ),
    # Landlines: an area code 0[2-7,9]x(x) (Sawahlunto 0754, Padang 0751,
    # Jakarta 021; 08 is a mobile prefix), bare or in brackets, or +62 without
    # its 0, then the subscriber's 5 to 8 digits in up to two groups.
    (
        LANDLINE,
        re.compile(
            r"(?:(?<![\w+(])\(0[2-79]\d{1,2}\)|(?<![\w+])0[2-79]\d{1,2}"
            r"|(?:(?<![\w+])\+62|(?<![\w+])\(\+62\))[ .\-]?[2-79]\d{1,2})"
            r"[ .\-]?\d{3,4}[ .\-]?\d{2,4}" + _END
        ),
    ),
    # Email, also spelled out against scrapers: "budi [at] mail [dot] com",
    # "budi(at)mail(dot)com", "budi at mail dot com", "budi @ mail.com".
    (
        EMAIL,
        re.compile(
            r"[\w.+\-]+"
            r"(?:\s*@\s*|\s*[\[({]\s*(?:at|@|et)\s*[\])}]\s*|\s+at\s+)"
            r"[\w\-]+"
            r"(?:(?:\.|\s*[\[({]\s*(?:dot|titik)\s*[\])}]\s*|\s+dot\s+)[A-Za-z]{2,}\b)+",
            re.IGNORECASE,
        ),
    ),
]

# Money: "Rp 6.281.234.567.890" is an amount, not a phone number.
_MONEY_BEFORE = re.compile(r"(?:rp|idr)\s*\.?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Masked:
    text: str
    kinds: frozenset[str]

    @property
    def changed(self) -> bool:
        return bool(self.kinds)


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


# Digits a number holds when written with its leading 0 (mobile 0812 3456 789
# to 0812 3456 78901; landline 0754 61234 to 021 12345678); with +62 instead of
# the 0, one more.
_PHONE_DIGITS = {PHONE: (10, 13), LANDLINE: (9, 11)}


def _phone_length_ok(kind: str, match: str) -> bool:
    low, high = _PHONE_DIGITS[kind]
    digits = _digits(match)
    extra = 0 if digits.startswith("0") else 1
    return low + extra <= len(digits) <= high + extra


def mask_personal_data(text: str) -> Masked:
    """Replace NIK, NIP, phone numbers and email addresses by a neutral label."""
    kinds: set[str] = set()
    for kind, pattern in _PATTERNS:

        def replace(m: re.Match, kind=kind) -> str:
            if _MONEY_BEFORE.search(m.string, 0, m.start()):
                return m.group(0)
            if kind in _PHONE_DIGITS:
                if not _phone_length_ok(kind, m.group(0)):
                    return m.group(0)
                kind = PHONE  # a landline is reported as a phone number
            kinds.add(kind)
            return MASKS[kind]

        text = pattern.sub(replace, text or "")
    return Masked(text=text, kinds=frozenset(kinds))


# --- naming civil servants ---------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*", re.UNICODE)
_NIP_ANYWHERE = re.compile(
    _START + rf"(?:\d{{18}}|\d{{8}}{_SEP}\d{{6}}{_SEP}\d{_SEP}\d{{3}})" + _END
)
# Longest name we try to match, in words; registry names rarely exceed five.
MAX_NAME_WORDS = 6
# Beyond this many candidates the text is a wall of words; only its start is
# scanned (posts are length-limited well below this anyway).
MAX_CANDIDATES = 20_000


def _candidates(text: str) -> set[str]:
    words = [w.upper() for w in _WORD.findall(text)]
    found: set[str] = set()
    for n in range(2, MAX_NAME_WORDS + 1):
        for i in range(len(words) - n + 1):
            found.update(_spellings(words[i : i + n]))
            if len(found) >= MAX_CANDIDATES:
                return found
    return found


def _spellings(words: list[str]) -> list[str]:
    """The n-gram as written without punctuation, and with a dot after its
    initials: the register may hold "M. Yusuf" where the text says "M Yusuf"
    (the words carry no dots, so "M. Yusuf" in a text is covered too)."""
    plain = " ".join(words)
    if not any(len(w) == 1 for w in words):
        return [plain]
    dotted = " ".join(f"{w}." if len(w) == 1 else w for w in words)
    return [plain, dotted]


def named_civil_servants(text: str) -> list[str]:
    """Names of active employees the text names: by full name (two or more
    words, case-insensitive, whitespace-normalised) or by NIP.

    One query: the text's word n-grams and NIPs are looked up together, so the
    cost grows with the text, not with the 100,000 employees.
    """
    from django.db.models import Q
    from django.db.models.functions import Upper

    from positions.models import Employee

    text = text or ""
    names = _candidates(text)
    nips = {_digits(m.group(0)) for m in _NIP_ANYWHERE.finditer(text)}
    if not names and not nips:
        return []
    rows = (
        Employee.objects.active()
        .annotate(upper_name=Upper("name"))
        .filter(Q(upper_name__in=names) | Q(nip__in=nips))
        .order_by("name")
        .values_list("name", flat=True)
        .distinct()
    )
    return list(rows)
