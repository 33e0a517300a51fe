"""Dates and RFC 3339 timestamps checked as the registry's Java code checks them (``LocalDate.parse``,
``OffsetDateTime.parse``): ASCII digits, real calendar dates, 00–23 hours, 00–59 minutes and seconds, offsets up to
±18:00. Instants are exact (seconds, nanoseconds), since a timestamp may carry nine fractional digits."""

from __future__ import annotations

import calendar
import re
from datetime import date

__all__ = ["TIMESTAMP", "instant_of_date", "instant_of_timestamp", "is_timestamp"]

TIMESTAMP = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))",
                       re.ASCII)
_MAX_OFFSET_SECONDS = 18 * 3600


def instant_of_date(text: str) -> tuple[int, int]:
    """``YYYY-MM-DD`` as the start of its UTC day; ValueError for an impossible date."""
    year, month, day = (int(part) for part in text.split("-"))
    return calendar.timegm(date(year, month, day).timetuple()), 0


def instant_of_timestamp(text: str) -> tuple[int, int]:
    """An RFC 3339 timestamp with offset as (seconds since the epoch, nanoseconds); ValueError when impossible."""
    m = TIMESTAMP.fullmatch(text)
    if m is None:
        raise ValueError(f"not an RFC 3339 timestamp with offset: {text!r}")
    day = date(int(m[1]), int(m[2]), int(m[3]))
    hour, minute, second = int(m[4]), int(m[5]), int(m[6])
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"no such time of day: {text!r}")
    offset = 0
    if m[8] != "Z":
        offset = int(m[10]) * 3600 + int(m[11]) * 60
        if int(m[11]) > 59 or offset > _MAX_OFFSET_SECONDS:
            raise ValueError(f"no such offset: {text!r}")
        offset = -offset if m[9] == "-" else offset
    seconds = calendar.timegm(day.timetuple()) + hour * 3600 + minute * 60 + second - offset
    return seconds, int((m[7] or "").ljust(9, "0"))


def is_timestamp(value: object) -> bool:
    """True for a string that is a real RFC 3339 timestamp with offset."""
    if not isinstance(value, str):
        return False
    try:
        instant_of_timestamp(value)
    except ValueError:
        return False
    return True
