"""Plans as an iCalendar file (RFC 5545): one all-day event per dated action, with reminders.

Every text is escaped as RFC 5545, 3.3.11 asks, and control characters,
which a calendar file cannot hold, are written as visible escapes; lines
are folded at 75 octets (3.1). The calendar's name (``X-WR-CALNAME``, which
calendar programs show for the file) and the events' words are in the
language asked for; each text says its language (``LANGUAGE``, 3.2.10).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

from .._checks import failure, text_problem
from .._text import is_unsafe, printable, show
from .._words import Language, Message
from .._words import language as _language
from ..errors import InvalidValueError
from ..model.tiers import Tier
from ..rules.planning import Action, ClusterPlan

__all__ = ["MAX_LEAD_DAYS", "plan_to_ics", "reminder_days"]

#: The longest lead time of a reminder: a hundred years of days (our decision).
MAX_LEAD_DAYS = 36_600


_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})


def _escape(text: str) -> str:
    r"""RFC 5545, 3.3.11: backslash, semicolon, comma and new lines escaped in TEXT.

    TEXT cannot hold other control characters (3.3.11: no CONTROL); they are
    written as visible escapes, their backslash escaped too.

    >>> from cluster_excellence.renderers.ics import _escape
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


def _events(entry: ClusterPlan, words: Language) -> list[tuple[Action, str]]:
    """The plan's steps (:meth:`~cluster_excellence.ClusterPlan.steps`) with their
    descriptions in ``words``' language; a step that stands for several findings lists
    them."""
    events = []
    for action, covered in entry.steps():
        if covered:
            tier = Tier(action.code.partition(".")[2])
            lines = [Message("What the next tier, {tier}, still needs:", tier=tier).text(words)]
            lines += [
                Message(
                    "- {finding}. Rule: {rule}. Source: {source}.",
                    finding=f.finding,
                    rule=f.rule,
                    source=f.source,
                ).text(words)
                for f in covered
            ]
            description = "\n".join(lines)
        else:
            description = Message(
                "{code}. Rule: {rule}. Source: {source}.",
                code=action.code,
                rule=action.rule,
                source=action.source,
            ).text(words)
        events.append((action, description))
    return events


def reminder_days(text: str) -> tuple[int, ...]:
    """Lead times written ``DAYS[,DAYS...]`` (``plan --remind``): whole days from 0 to
    36,600 (a hundred years), largest first, each once.

    >>> from cluster_excellence.renderers.ics import reminder_days
    >>> reminder_days("7,30, 90,30")
    (90, 30, 7)
    """
    days = []
    for part in text.split(","):
        part = part.strip()
        if not (
            part.isascii() and part.isdigit() and len(part) <= 5 and int(part) <= MAX_LEAD_DAYS
        ):
            raise InvalidValueError(
                f"{show(part)} is not a whole number of days from 0 to {MAX_LEAD_DAYS}"
            )
        days.append(int(part))
    return tuple(sorted(set(days), reverse=True))


def plan_to_ics(
    plans: ClusterPlan | Iterable[ClusterPlan],
    remind: Iterable[int] = (),
    *,
    remind_on_plan_day: bool = False,
    language: Language | str | None = None,
    name: str | None = None,
) -> str:
    """The actions of ``plans`` as an iCalendar file (RFC 5545) of all-day events, their
    words in ``language`` (``"en"``, ``"da"``, ``"nb"``, ``"de"``; default English), the
    calendar called ``name`` (default: "Cluster labels: the plan ahead", in the language).

    UIDs are stable (a hash of cluster, code and date), and ``DTSTAMP`` is the
    plan day, so the same plans give the same bytes. Each event lasts its
    day: ``DTEND`` is the next day, except on 9999-12-31, which has none; an
    event with a DATE start and no end lasts one day (3.6.1).

    A cluster's findings for the next tier (what is missing or not met, all on
    the plan day) make one event that lists them, not one each. Every event
    after the plan day carries one alarm (``VALARM``, 3.6.6) per lead time in
    ``remind``: ``TRIGGER:-P{DAYS}D`` before the start of its day. The plan day's
    own events get none, as an alarm before them would ring in the past (our
    decision, ``remind_on_plan_day=True`` gives them alarms too; docs: *Watching
    a portfolio*).
    """
    words = _language(language)
    leads = reminder_days(",".join(str(days) for days in remind)) if remind else ()
    if name is not None and (problem := text_problem(name)) is not None:
        raise failure("name", problem)
    title = name if name is not None else Message("Cluster labels: the plan ahead").text(words)
    tag = f";LANGUAGE={words.code}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//cluster_excellence//plan//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME{tag}:{_escape(title)}",
    ]
    for entry in [plans] if isinstance(plans, ClusterPlan) else plans:
        stamp = f"{_day(entry.on)}T000000Z"
        for action, description in _events(entry, words):
            key = f"{action.cluster_id}|{action.code}|{action.date.isoformat()}|{action.title}"
            uid = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
            summary = _escape(
                Message(
                    "{cluster_name}: {title}", cluster_name=entry.cluster_name, title=action.title
                ).text(words)
            )
            lines += [
                "BEGIN:VEVENT",
                f"UID:{uid}@cluster-excellence",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{_day(action.date)}",
            ]
            if action.date < dt.date.max:
                lines.append(f"DTEND;VALUE=DATE:{_day(action.date + dt.timedelta(days=1))}")
            lines += [
                f"SUMMARY{tag}:{summary}",
                f"DESCRIPTION{tag}:{_escape(description)}",
            ]
            if action.date > entry.on or remind_on_plan_day:
                for days in leads:
                    lines += [
                        "BEGIN:VALARM",
                        "ACTION:DISPLAY",
                        f"TRIGGER:-P{days}D",
                        f"DESCRIPTION{tag}:{summary}",
                        "END:VALARM",
                    ]
            lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
