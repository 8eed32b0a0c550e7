"""Vietnamese number formatting: dot for thousands, comma for decimals.

8794 → "8.794"; 73.95 → "73,95"; 8601610000 → "8.601.610.000".
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

Number = int | float | Decimal


def to_decimal(value: Number) -> Decimal:
    """Decimal from int, float or Decimal; floats through repr so 0.1 stays 0.1."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number here")
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def format_number(value: float | int | Decimal | None, decimals: int | None = None) -> str:
    """Format a number the Vietnamese way.

    With ``decimals=None`` the number keeps its own decimals (trailing zeros
    dropped); otherwise it is rounded half-up to that many places.
    """
    if value is None:
        return ""
    d = to_decimal(value)
    if decimals is not None:
        d = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    else:
        d = d.normalize() if d == d.to_integral_value() else d
        if d == d.to_integral_value():
            d = d.quantize(Decimal(1))
    sign = "-" if d < 0 else ""
    text = format(abs(d), "f")
    whole, _, frac = text.partition(".")
    if decimals is None:
        frac = frac.rstrip("0")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = ".".join(groups)
    if frac:
        result += "," + frac
    return sign + result


def format_percent(value: float | int | Decimal | None, decimals: int = 2) -> str:
    """73.954 → "73,95%"; 103.0 → "103%" (trailing zeros dropped)."""
    if value is None:
        return ""
    text = format_number(value, decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text + "%"


def parse_number_detail(token: str) -> tuple[int | float, bool]:
    """Read a number written the Vietnamese way; also say whether it was non-standard.

    "8.794" → (8794, False); "73,95" → (73.95, False); "13.676,5" → (13676.5, False);
    "02" → (2, False). A dot followed by other than exactly three digits is a
    mistyped decimal comma: "94.3" → (94.3, True). English grouping
    ("1,234,567", "13,676.5") is read too and flagged. Raises ValueError when
    the token is not a number.
    """
    raw = token.strip().replace("\u00a0", "").replace(" ", "")
    sign = 1
    if raw[:1] in "-\u2212":
        sign, raw = -1, raw[1:]
    if not raw or not raw[0].isdigit() or not raw[-1].isdigit():
        raise ValueError(f"not a number: {token!r}")
    if any(not (ch.isdigit() or ch in ".,") for ch in raw):
        raise ValueError(f"not a number: {token!r}")
    nonstandard = False
    dots, commas = raw.count("."), raw.count(",")
    if dots and commas:
        if raw.rfind(",") > raw.rfind("."):
            whole, frac = raw.replace(".", "").split(",", 1) if commas == 1 else ("", "")
            if commas != 1 or not _grouped(raw.split(",")[0], "."):
                raise ValueError(f"not a number: {token!r}")
        else:
            if dots != 1 or not _grouped(raw.split(".")[0], ","):
                raise ValueError(f"not a number: {token!r}")
            whole, frac = raw.replace(",", "").split(".", 1)
            nonstandard = True
    elif dots:
        if _grouped(raw, "."):
            whole, frac = raw.replace(".", ""), ""
        elif dots == 1:
            whole, frac = raw.split(".")
            nonstandard = True
        else:
            raise ValueError(f"not a number: {token!r}")
    elif commas:
        if commas == 1:
            whole, frac = raw.split(",")
        elif _grouped(raw, ","):
            whole, frac = raw.replace(",", ""), ""
            nonstandard = True
        else:
            raise ValueError(f"not a number: {token!r}")
    else:
        whole, frac = raw, ""
    if frac.strip("0") == "":
        return sign * int(whole), nonstandard
    return sign * float(f"{whole}.{frac}"), nonstandard


def parse_number(token: str) -> int | float:
    """Read a Vietnamese number ("8.794" → 8794, "73,95" → 73.95); see parse_number_detail."""
    return parse_number_detail(token)[0]


def _grouped(text: str, sep: str) -> bool:
    """True when ``text`` is digit groups joined by ``sep``: 1-3 digits, then groups of 3."""
    parts = text.split(sep)
    if len(parts) < 2:
        return False
    return (
        1 <= len(parts[0]) <= 3
        and parts[0].isdigit()
        and all(len(p) == 3 and p.isdigit() for p in parts[1:])
    )


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def roman(n: int) -> str:
    """Upper-case Roman numeral: 4 → "IV", 1990 → "MCMXC" (headings, Word counters)."""
    out = []
    for value, symbol in _ROMAN:
        while n >= value:
            out.append(symbol)
            n -= value
    return "".join(out)
