"""RFC 8785 JSON Canonicalization Scheme (JCS), the canonical form every hash in the registry is computed over.

Written for this package rather than taken from ``json.dumps(sort_keys=True)``, which differs from JCS in three
ways that change hashes: numbers (JCS writes them as ECMAScript's ``Number.prototype.toString``: ``1.0`` is ``1``,
``1e21`` is ``1e+21``, ``-0`` is ``0``), key order (JCS sorts by UTF-16 code units, so an astral-plane character
sorts before U+E000–U+FFFF), and escaping (JCS escapes only ``"``, ``\\`` and control characters).

Values are what ``json.loads`` produces: dict (string keys), list or tuple, str, int, float, bool, None. Every
number is an IEEE 754 double, as in JSON's data model: an int beyond 2**53 is rounded to the nearest double, exactly
as the registry (which parses numbers as doubles) does. NaN and infinities cannot be written and are refused.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any, Mapping

__all__ = ["canonicalize", "canonical_bytes", "format_number"]

# RFC 8785 §3.2.2.2: only the quote, the backslash and the C0 controls are escaped; everything else is written as is.
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\]')
_SURROGATE = re.compile("[\ud800-\udfff]")
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def canonicalize(value: Any) -> str:
    """The RFC 8785 canonical JSON text of ``value``; raises ValueError or TypeError for what JSON cannot hold."""
    out: list[str] = []
    _write(value, out)
    return "".join(out)


def canonical_bytes(value: Any) -> bytes:
    """The UTF-8 bytes of :func:`canonicalize`: what is hashed."""
    return canonicalize(value).encode("utf-8")


def format_number(number: int | float) -> str:
    """A number as ECMAScript's ``Number.prototype.toString`` writes the double nearest to it (RFC 8785 §3.2.2.3)."""
    if isinstance(number, bool) or not isinstance(number, (int, float)):
        raise TypeError(f"not a JSON number: {number!r}")
    try:
        value = float(number)
    except OverflowError:
        raise ValueError(f"{number} is beyond the range of a double and has no JSON form in JCS") from None
    if not math.isfinite(value):
        raise ValueError(f"JCS cannot represent {value}: JSON has no NaN or Infinity")
    if value == 0:
        return "0"  # -0 too
    sign = "-" if value < 0 else ""
    # repr() is the shortest decimal that reads back as the same double, the closest one among those: exactly the
    # digits ECMAScript's algorithm chooses. Only their layout differs.
    _, digit_tuple, exponent = Decimal(repr(abs(value))).as_tuple()
    digits = "".join(map(str, digit_tuple)).rstrip("0")
    exponent = int(exponent) + (len(digit_tuple) - len(digits))
    k = len(digits)
    n = k + exponent  # value = 0.digits × 10^n
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        text = "0." + "0" * -n + digits
    else:
        e = n - 1
        mantissa = digits if k == 1 else digits[0] + "." + digits[1:]
        text = f"{mantissa}e{'+' if e >= 0 else '-'}{abs(e)}"
    return sign + text


def _write(value: Any, out: list[str]) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(_string(value))
    elif isinstance(value, (int, float)):
        out.append(format_number(value))
    elif isinstance(value, Mapping):
        _write_object(value, out)
    elif isinstance(value, (list, tuple)):
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            _write(item, out)
        out.append("]")
    else:
        raise TypeError(f"{type(value).__name__} is not a JSON value")


def _write_object(value: Mapping[Any, Any], out: list[str]) -> None:
    for key in value:
        if not isinstance(key, str):
            raise TypeError(f"JSON object keys are strings, not {type(key).__name__}: {key!r}")
    out.append("{")
    # UTF-16 code units, as RFC 8785 §3.2.3 orders keys: big-endian UTF-16 bytes compare the same way.
    for i, key in enumerate(sorted(value, key=_utf16)):
        if i:
            out.append(",")
        out.append(_string(key))
        out.append(":")
        _write(value[key], out)
    out.append("}")


def _utf16(key: str) -> bytes:
    try:
        return key.encode("utf-16-be")
    except UnicodeEncodeError:
        raise ValueError(f"key {key!r} holds a lone surrogate, which is not Unicode text") from None


def _string(text: str) -> str:
    if _SURROGATE.search(text):
        raise ValueError(f"string {text!r} holds a lone surrogate, which is not Unicode text")
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _SHORT_ESCAPES.get(char) or f"\\u{ord(char):04x}"
