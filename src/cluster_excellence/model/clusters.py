"""Clusters, their organisation profiles and stated labels, and portfolios of clusters.

These are value types only: reading and writing them is
:mod:`cluster_excellence.files`. The rules that involve more than one field
(no assessment kind twice on a day, unique cluster ids, renewal chains that
stay within the calendar) are functions here, used both by the constructors
and by the readers, so that the two accept exactly the same values.

>>> qoot = Cluster("qoot", "Qoot Cluster", [Benchmarking(dt.date(2019, 7, 25))], country="JO")
>>> qoot.assessments[0].date
datetime.date(2019, 7, 25)
>>> Cluster("x", "X", [Benchmarking(dt.date(2019, 7, 25))] * 2)
Traceback (most recent call last):
...
ValueError: assessments[1]: a second benchmarking on 2019-07-25 (the first is assessments[0])
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from .._calendar import LAST_MONTH, MAX_TERM_MONTHS, month_index
from .._checks import (
    is_day,
    is_optional_bool,
    is_optional_free_text,
    is_optional_text,
    is_text,
    number_problem,
    optional,
    validator,
)
from .._countries import ALPHA_2, HINTS
from .._text import show
from .assessments import KIND_ORDER, Assessment, Benchmarking, GoldAudit, SilverAudit
from .tiers import Tier

__all__ = [
    "MEMBER_TYPES",
    "Cluster",
    "Organisation",
    "Portfolio",
    "StatedLabel",
    "assessment_problems",
    "canonical_order",
    "cluster_id_problems",
    "country_problem",
    "stated_label_problems",
    "stated_order",
]


@attrs.frozen
class StatedLabel:
    """A label known only by its stated end, e.g. from the public label listing.

    The label listing says for each cluster only until when its label is
    valid ("Label valid until 2013/02/23"); when the label began is not
    stated. Assessments, where a portfolio has them, say more: see
    :func:`~cluster_excellence.stated_label_status` for how a stated label
    is read on a day.

    >>> StatedLabel(Tier.BRONZE, dt.date(2024, 11, 30), source="certificate")
    StatedLabel(tier=Tier.BRONZE, valid_until=datetime.date(2024, 11, 30), source='certificate')
    """

    tier: Tier = attrs.field(validator=attrs.validators.instance_of(Tier))
    #: The last valid day, as stated.
    valid_until: dt.date = attrs.field(validator=is_day)
    #: Where the statement comes from (a listing, a certificate), when recorded.
    source: str | None = attrs.field(default=None, validator=is_optional_text, kw_only=True)


def _order_key(assessment: Assessment) -> tuple[dt.date, int]:
    return assessment.date, KIND_ORDER[assessment.kind]


def canonical_order(value: Iterable[Assessment]) -> tuple[Assessment, ...]:
    """Assessments by date; on one day benchmarking, Silver audit, Gold audit."""
    items = tuple(value)
    try:
        if all(a.date < b.date for a, b in itertools.pairwise(items)):
            return items  # the usual order of records: nothing to sort
        return tuple(sorted(items, key=_order_key))
    except (AttributeError, KeyError, TypeError):
        return items  # the validator names what is wrong


def assessment_problems(
    items: Sequence[Assessment | None], path: str = "assessments"
) -> list[tuple[int, str, str]]:
    """What is wrong with a cluster's assessments together: (index, field, message).

    ``None`` stands for an item that could not be read (it is skipped, and
    the indices stay those of the list); ``path`` is where messages say the
    list is.

    - No kind of assessment twice on one day (one record per event).
    - Each kind's labels stay within the calendar: from the latest assessment
      of a kind, a first term, a renewal for each of the kind's assessments
      and a renewal window, each up to ``MAX_TERM_MONTHS``, must end by
      9999-12-31 (our decision: no rulebook can then compute a day past the
      calendar's end; docs: *File formats*, "Dates at the calendar's edges").
    """
    present = [item for item in items if item is not None]
    if not present or (
        len({(item.kind, item.date) for item in present}) == len(present)
        and month_index(max(item.date for item in present)) + MAX_TERM_MONTHS * (len(present) + 1)
        <= LAST_MONTH
    ):
        return []  # the common case, told at once: nothing repeats, and room for any chain
    found = []
    first: dict[tuple[str, dt.date], int] = {}
    latest: dict[str, tuple[int, dt.date]] = {}
    count: dict[str, int] = {}
    for index, item in enumerate(items):
        if item is None:
            continue
        key = (item.kind, item.date)
        if key in first:
            found.append(
                (
                    index,
                    "",
                    f"a second {item.kind} on {item.date.isoformat()} "
                    f"(the first is {path}[{first[key]}])",
                )
            )
        else:
            first[key] = index
        count[item.kind] = count.get(item.kind, 0) + 1
        if item.kind not in latest or latest[item.kind][1] < item.date:
            latest[item.kind] = (index, item.date)
    for kind, (index, last) in latest.items():
        if month_index(last) + MAX_TERM_MONTHS * (count[kind] + 1) > LAST_MONTH:
            found.append(
                (
                    index,
                    "date",
                    f"{last.isoformat()} with {count[kind]} {kind} record(s) up to it: renewed "
                    "that often, a label could run past 9999-12-31, the end of the calendar",
                )
            )
    return found


def _assessments(instance: Cluster, attribute: Any, value: tuple[Any, ...]) -> None:
    for item in value:
        if not isinstance(item, (Benchmarking, SilverAudit, GoldAudit)):
            raise TypeError(f"assessments must be assessments, not {type(item).__name__}")
    for index, field, message in assessment_problems(value):
        where = f"assessments[{index}]" + (f".{field}" if field else "")
        raise ValueError(f"{where}: {message}")


def stated_order(value: Iterable[StatedLabel]) -> tuple[StatedLabel, ...]:
    """Stated labels by their end, then tier."""
    items = tuple(value)
    try:
        return tuple(sorted(items, key=lambda s: (s.valid_until, s.tier)))
    except (AttributeError, TypeError):
        return items  # the validator names what is wrong


def stated_label_problems(
    items: Sequence[StatedLabel | None], path: str = "stated_labels"
) -> Iterator[tuple[int, str]]:
    """A stated label given twice (same tier and end): (index, message); None is skipped."""
    first: dict[tuple[Tier, dt.date], int] = {}
    for index, item in enumerate(items):
        if item is None:
            continue
        key = (item.tier, item.valid_until)
        if key in first:
            yield (
                index,
                f"a second stated {item.tier.value} label valid until "
                f"{item.valid_until.isoformat()} (the first is {path}[{first[key]}])",
            )
        else:
            first[key] = index


def _stated_labels(instance: Cluster, attribute: Any, value: tuple[Any, ...]) -> None:
    for item in value:
        if not isinstance(item, StatedLabel):
            raise TypeError(f"stated_labels must be StatedLabel values, not {type(item).__name__}")
    for index, message in stated_label_problems(value):
        raise ValueError(f"stated_labels[{index}]: {message}")


def country_problem(value: Any) -> str | None:
    """What is wrong with ``value`` as an ISO 3166-1 alpha-2 country code, or None."""
    if value in ALPHA_2 and type(value) is str:
        return None
    hint = HINTS.get(value) if type(value) is str else None
    return f"{show(value)} is not an ISO 3166-1 alpha-2 country code" + (
        f" ({hint})" if hint else ""
    )


#: The member types an organisation profile may list (the triple helix and the rest).
MEMBER_TYPES = ("business", "research", "public", "other")


def member_types_problem(value: Any) -> str | None:
    """What is wrong with ``value`` as member types (a list of :data:`MEMBER_TYPES`)."""
    if not isinstance(value, (tuple, list)):
        return f"must be a list of {', '.join(MEMBER_TYPES)}, not {show(value)}"
    for item in value:
        if type(item) is not str or item not in MEMBER_TYPES:
            return f"{show(item)} is not one of {', '.join(MEMBER_TYPES)}"
    if len(set(value)) != len(value):
        return "lists a member type twice"
    return None


def amount_problem(value: Any, *, whole: bool) -> str | None:
    """What is wrong with ``value`` as an amount of 0 or more (a whole one when ``whole``)."""
    problem = number_problem(value)
    if problem is not None:
        return problem
    if value < 0 or (whole and type(value) is not int):
        return f"{show(value)} must be {'a whole number' if whole else 'a number'} of 0 or more"
    return None


def _optional_tuple(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


def _amount(value: Any) -> str | None:
    return amount_problem(value, whole=False)


def _count(value: Any) -> str | None:
    return amount_problem(value, whole=True)


@attrs.frozen
class Organisation:
    """What is known of a cluster organisation for the Eligibility Criteria.

    Every field is optional: None means not recorded, and a decision that
    needs it is ``undetermined`` (see :doc:`eligibility`).
    """

    #: Listed on the European Cluster Collaboration Platform.
    eccp_listed: bool | None = attrs.field(default=None, validator=is_optional_bool)
    #: Full-time equivalents of the dedicated management team.
    management_fte: float | None = attrs.field(default=None, validator=validator(optional(_amount)))
    #: Clearly committed members.
    committed_members: int | None = attrs.field(default=None, validator=validator(optional(_count)))
    #: The member types among the members (:data:`MEMBER_TYPES`).
    member_types: tuple[str, ...] | None = attrs.field(
        default=None, converter=_optional_tuple, validator=validator(optional(member_types_problem))
    )
    #: Visible cooperation with public bodies (counts when no public body is a member).
    public_cooperation: bool | None = attrs.field(default=None, validator=is_optional_bool)
    #: An English website showing the cluster's activity.
    english_website: bool | None = attrs.field(default=None, validator=is_optional_bool)
    #: The national or regional cluster programme that recognises it, if any.
    programme_recognition: str | None = attrs.field(default=None, validator=is_optional_text)


@attrs.frozen
class Cluster:
    """A cluster organisation and its assessments.

    Assessments are kept in date order (Benchmarking, Silver audit, Gold
    audit on the same day), whatever order they were given in; two of one
    kind on one day are an error (:func:`assessment_problems`).
    """

    #: Identifier, unique within a portfolio.
    id: str = attrs.field(validator=is_text)
    name: str = attrs.field(validator=is_text)
    assessments: tuple[Assessment, ...] = attrs.field(
        default=(), converter=canonical_order, validator=_assessments
    )
    #: ISO 3166-1 alpha-2 code.
    country: str | None = attrs.field(
        default=None, validator=validator(optional(country_problem)), kw_only=True
    )
    #: The technology field the benchmarking compares with, e.g. ``"ICT"``.
    comparative_portfolio: str | None = attrs.field(
        default=None, validator=is_optional_text, kw_only=True
    )
    #: Free text, e.g. where the records come from.
    note: str | None = attrs.field(default=None, validator=is_optional_free_text, kw_only=True)
    #: What is known for the Eligibility Criteria, when recorded.
    organisation: Organisation | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(Organisation)),
        kw_only=True,
    )
    #: Labels known only by their stated end (e.g. from the public label
    #: listing), in date order; used for a tier the assessments never award.
    stated_labels: tuple[StatedLabel, ...] = attrs.field(
        default=(), converter=stated_order, validator=_stated_labels, kw_only=True
    )
    #: The cluster's website, as listed.
    website: str | None = attrs.field(default=None, validator=is_optional_text, kw_only=True)


def _clusters(value: Iterable[Cluster]) -> tuple[Cluster, ...]:
    return tuple(value)


def cluster_id_problems(
    ids: Sequence[str | None], path: str = "clusters"
) -> Iterator[tuple[int, str]]:
    """A cluster id given twice: (index, message); None (an unreadable id) is skipped."""
    first: dict[str, int] = {}
    for index, cluster_id in enumerate(ids):
        if cluster_id is None:
            continue
        if cluster_id in first:
            yield index, f"{show(cluster_id)} is already the id of {path}[{first[cluster_id]}]"
        else:
            first[cluster_id] = index


def _unique_ids(instance: Portfolio, attribute: Any, value: tuple[Any, ...]) -> None:
    for cluster in value:
        if not isinstance(cluster, Cluster):
            raise TypeError(f"clusters must be Cluster values, not {type(cluster).__name__}")
    for index, message in cluster_id_problems([cluster.id for cluster in value]):
        raise ValueError(f"clusters[{index}].id: {message}")


@attrs.frozen
class Portfolio:
    """Clusters in a fixed order, with unique ids."""

    clusters: tuple[Cluster, ...] = attrs.field(converter=_clusters, validator=_unique_ids)

    def __iter__(self) -> Iterator[Cluster]:
        return iter(self.clusters)

    def __len__(self) -> int:
        return len(self.clusters)
