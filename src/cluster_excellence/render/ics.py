"""Plans as an iCalendar file (RFC 5545): one all-day event per dated action.

Every text is escaped as RFC 5545, 3.3.11 asks, and control characters,
which a calendar file cannot hold, are written as visible escapes; lines
are folded at 75 octets (3.1).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

from .._text import is_unsafe, printable
from ..rules.planning import Plan

__all__ = ["plan_to_ics"]


_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})


def _escape(text: str) -> str:
    r"""RFC 5545, 3.3.11: backslash, semicolon, comma and new lines escaped in TEXT.

    TEXT cannot hold other control characters (3.3.11: no CONTROL); they are
    written as visible escapes, their backslash escaped too.

    >>> print(_escape("Qoot, Cluster; a\\b\nc\x1bd"))
    Qoot\, Cluster\; a\\b\nc\\x1bd
    """
    escaped = text.translate(_TEXT_ESCAPES)
    if escaped.isprintable():
        return escaped
    return "".join("\\" + printable(char) if is_unsafe(char) else char for char in escaped)


def _day(day: dt.date) -> str:
    """A DATE value (3.3.4): always four digits of year (``strftime`` may give fewer)."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _fold(line: str) -> str:
    """RFC 5545, 3.1: lines longer than 75 octets continue on lines starting with a space."""
    out: list[str] = []
    current = ""
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def plan_to_ics(plans: Iterable[Plan]) -> str:
    """The actions of ``plans`` as an iCalendar file (RFC 5545) of all-day events.

    UIDs are stable (a hash of cluster, code and date), and ``DTSTAMP`` is the
    plan day, so the same plans give the same bytes. Each event lasts its
    day: ``DTEND`` is the next day, except on 9999-12-31, which has none; an
    event with a DATE start and no end lasts one day (3.6.1).
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//cluster_excellence//plan//EN",
        "CALSCALE:GREGORIAN",
    ]
    for entry in plans:
        stamp = f"{_day(entry.on)}T000000Z"
        for action in entry.actions:
            key = f"{action.cluster_id}|{action.code}|{action.date.isoformat()}|{action.title}"
            uid = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
            lines += [
                "BEGIN:VEVENT",
                f"UID:{uid}@cluster-excellence",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{_day(action.date)}",
            ]
            if action.date < dt.date.max:
                lines.append(f"DTEND;VALUE=DATE:{_day(action.date + dt.timedelta(days=1))}")
            lines += [
                f"SUMMARY:{_escape(f'{entry.cluster_name}: {action.title}')}",
                "DESCRIPTION:"
                + _escape(f"{action.code}. Rule: {action.rule}. Source: {action.source}."),
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
