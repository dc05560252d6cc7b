"""Clusters, their organisation profiles and stated labels, and portfolios of clusters.

These are value types only: reading and writing them is
``cluster_excellence.files``. The rules that involve more than one field
(no assessment kind twice on a day, unique cluster ids, renewal chains that
stay within the calendar) are functions here, used both by the constructors
and by the readers, so that the two accept exactly the same values.

>>> import datetime as dt
>>> from cluster_excellence import Benchmark, Cluster
>>> qoot = Cluster("qoot", "Qoot Cluster", [Benchmark(dt.date(2019, 7, 25))], country="JO")
>>> qoot.assessments[0].date
datetime.date(2019, 7, 25)
>>> Cluster("x", "X", [Benchmark(dt.date(2019, 7, 25))] * 2)
Traceback (most recent call last):
...
cluster_excellence.errors.InvalidValueError: assessments[1]: a second benchmarking on 2019-07-25 ...
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from .._calendar import LAST_MONTH, MAX_TERM_MONTHS, month_index
from .._checks import (
    as_tuple,
    instance_of,
    is_day,
    is_optional_bool,
    is_optional_free_text,
    is_optional_text,
    is_text,
    number_problem,
    optional,
    optional_instance_of,
    validator,
)
from .._countries import ALPHA_2, HINTS
from .._tabular import MAX_HTML_ROWS, Table, Tables, dataframe, records_table, table
from .._text import printable, shorten, show
from ..errors import InvalidTypeError, InvalidValueError, PortfolioError, Problem
from .assessments import Assessment, Benchmark, GoldAudit, SilverAudit
from .tiers import Tier

__all__ = [
    "AREA_COLUMNS",
    "ASSESSMENT_COLUMNS",
    "CLUSTER_COLUMNS",
    "CLUSTER_SHEET_COLUMNS",
    "COLUMN_TYPES",
    "EMPTY_LIST",
    "INDICATOR_KEYS",
    "LIST_SEPARATOR",
    "LONG_INDICATOR_COLUMNS",
    "MEMBER_TYPES",
    "ORGANISATION_COLUMNS",
    "SHEETS",
    "STATED_COLUMNS",
    "TABLE_COLUMNS",
    "Cluster",
    "Organisation",
    "Portfolio",
    "StatedLabel",
    "assessment_problems",
    "beyond_one_table",
    "canonical_order",
    "cluster_id_problems",
    "country_problem",
    "portfolio_of",
    "stated_label_problems",
    "stated_order",
    "workbook_tables",
]


@attrs.frozen
class StatedLabel:
    """A label known only by its stated end, e.g. from the public label listing.

    The label listing says for each cluster only until when its label is
    valid ("Label valid until 2013/02/23"); when the label began is not
    stated. Assessments, where a portfolio has them, say more: see
    :func:`~cluster_excellence.stated_label_status` for how a stated label
    is read on a day.

    >>> import datetime as dt
    >>> from cluster_excellence import StatedLabel, Tier
    >>> StatedLabel(Tier.BRONZE, dt.date(2024, 11, 30), source="certificate")
    StatedLabel(tier=Tier.BRONZE, valid_until=datetime.date(2024, 11, 30), source='certificate')
    """

    tier: Tier = attrs.field(validator=instance_of(Tier))
    #: The last valid day, as stated.
    valid_until: dt.date = attrs.field(validator=is_day)
    #: Where the statement comes from (a listing, a certificate), when recorded.
    source: str | None = attrs.field(default=None, validator=is_optional_text, kw_only=True)


def _order_key(assessment: Assessment) -> tuple[dt.date, int]:
    return assessment.date, assessment.tier.rank


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
        if not isinstance(item, (Benchmark, SilverAudit, GoldAudit)):
            raise InvalidTypeError(f"assessments must be assessments, not {type(item).__name__}")
    for index, field, message in assessment_problems(value):
        where = f"assessments[{index}]" + (f".{field}" if field else "")
        raise InvalidValueError(f"{where}: {message}")


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
            raise InvalidTypeError(
                f"stated_labels must be StatedLabel values, not {type(item).__name__}"
            )
    for index, message in stated_label_problems(value):
        raise InvalidValueError(f"stated_labels[{index}]: {message}")


def country_problem(value: Any) -> str | None:
    """What is wrong with ``value`` as an ISO 3166-1 alpha-2 country code, or None.

    >>> from cluster_excellence.model.clusters import country_problem
    >>> country_problem(["DE"])
    'must be a string (an ISO 3166-1 alpha-2 country code), not a list'
    """
    if type(value) is not str:
        return f"must be a string (an ISO 3166-1 alpha-2 country code), not {show(value)}"
    if value in ALPHA_2:
        return None
    hint = HINTS.get(value)
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
        default=None, converter=as_tuple, validator=validator(optional(member_types_problem))
    )
    #: Visible cooperation with public bodies (counts when no public body is a member).
    public_cooperation: bool | None = attrs.field(default=None, validator=is_optional_bool)
    #: An English website showing the cluster's activity.
    english_website: bool | None = attrs.field(default=None, validator=is_optional_bool)
    #: The national or regional cluster programme that recognises it, if any.
    programme_recognition: str | None = attrs.field(default=None, validator=is_optional_text)


#: The columns of a portfolio table that describe the cluster (docs: *Portfolio tables*).
CLUSTER_COLUMNS = ("id", "name", "country", "comparative_portfolio", "website")
#: The columns of a portfolio table that describe the assessment.
ASSESSMENT_COLUMNS = (
    "type", "date", "awarded", "passed", "score", "minimum_requirements_met",
    "self_test_passed", "audit_days", "experts", "awarded_on", "note",
)  # fmt: skip
#: Every column of a portfolio table (:meth:`Portfolio.to_records`), each named as its
#: JSON key: the cluster's, then the assessment's.
TABLE_COLUMNS = (*CLUSTER_COLUMNS, *ASSESSMENT_COLUMNS)

#: The sheets of a portfolio workbook beside its table of assessments, by what they hold
#: (docs: *Portfolio workbooks*).
SHEETS = {
    "clusters": "Clusters",
    "indicators": "Indicators",
    "improvement_areas": "Improvement areas",
    "stated_labels": "Stated labels",
}
#: The columns of an organisation profile (the ``organisation`` object's keys).
ORGANISATION_COLUMNS = (
    "eccp_listed", "management_fte", "committed_members", "member_types",
    "public_cooperation", "english_website", "programme_recognition",
)  # fmt: skip
#: The columns of the clusters sheet: one row per cluster, its fields and its organisation
#: profile's; ``organisation`` (true/false) records a profile that holds no value yet.
CLUSTER_SHEET_COLUMNS = (*CLUSTER_COLUMNS, "note", "organisation", *ORGANISATION_COLUMNS)
#: The columns that name an assessment in the sheets of indicator values.
INDICATOR_KEYS = ("id", "type", "date")
#: The long layout of indicator values: one row per value.
LONG_INDICATOR_COLUMNS = (*INDICATOR_KEYS, "indicator", "value")
#: The columns of the improvement areas sheet: one row per area of a Silver audit (by the
#: cluster's id and the audit's date); a row with only the two records an audit with none.
AREA_COLUMNS = ("id", "date", "indicators", "description", "effect", "validated")
#: The columns of the stated labels sheet: one row per stated label.
STATED_COLUMNS = ("id", "tier", "valid_until", "source")
#: The type of each column of a portfolio's tables in a ``pandas.DataFrame``, declared
#: so that a column keeps its type when it is empty (days and tiers are typed by their
#: names; an indicator's values by what they are).
COLUMN_TYPES = {
    **dict.fromkeys(
        ("id", "name", "country", "comparative_portfolio", "website", "type", "note",
         "member_types", "programme_recognition", "indicators", "description", "effect",
         "source", "indicator"),
        "string",
    ),
    **dict.fromkeys(
        ("awarded", "passed", "minimum_requirements_met", "self_test_passed", "eccp_listed",
         "public_cooperation", "english_website", "organisation", "validated"),
        "boolean",
    ),
    **dict.fromkeys(("score", "audit_days", "management_fte"), "Float64"),
    **dict.fromkeys(("experts", "committed_members"), "Int64"),
}  # fmt: skip

#: How the writer separates a list's items in one cell (member types, indicator codes),
#: and the word for an empty list (our decision, docs: *Portfolio workbooks*).
LIST_SEPARATOR = ", "
EMPTY_LIST = "none"


def assessment_record(assessment: Assessment) -> dict[str, Any]:
    """An assessment's cells in a portfolio table: its type, its date and the fields it
    records (a field at its default is left empty, as the JSON writer leaves it out)."""
    cells: dict[str, Any] = {"type": assessment.kind, "date": assessment.date}
    for key in ASSESSMENT_COLUMNS[2:]:
        value = getattr(assessment, key, None)
        if key == "awarded" and value is True:
            continue
        if key == "minimum_requirements_met" and value is True and assessment.kind == "gold_audit":
            continue
        cells[key] = value
    return cells


@attrs.frozen(repr=False)
class Cluster(Tables):
    """A cluster organisation and its assessments.

    Assessments are kept in date order (Benchmark, Silver audit, Gold
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
        validator=optional_instance_of(Organisation),
        kw_only=True,
    )
    #: Labels known only by their stated end (e.g. from the public label
    #: listing), in date order; used for a tier the assessments never award.
    stated_labels: tuple[StatedLabel, ...] = attrs.field(
        default=(), converter=stated_order, validator=_stated_labels, kw_only=True
    )
    #: The cluster's website, as listed.
    website: str | None = attrs.field(default=None, validator=is_optional_text, kw_only=True)

    def __repr__(self) -> str:
        """Short: the id, the name and how much is recorded (the fields are attributes).

        >>> import datetime as dt
        >>> from cluster_excellence import Benchmark, Cluster
        >>> Cluster("qoot", "Qoot Cluster", [Benchmark(dt.date(2019, 7, 25))])
        <Cluster 'qoot' (Qoot Cluster): 1 assessment, latest benchmarking on 2019-07-25>
        """
        count = len(self.assessments)
        latest = (
            f", latest {self.assessments[-1].kind} on {self.assessments[-1].date.isoformat()}"
            if count
            else ""
        )
        stated = len(self.stated_labels)
        more = f", {stated} stated label{'' if stated == 1 else 's'}" if stated else ""
        plural = "" if count == 1 else "s"
        cid, name = shorten(printable(self.id), 60), shorten(printable(self.name), 60)
        return f"<Cluster {cid!r} ({name}): {count} assessment{plural}{latest}{more}>"

    def to_records(self) -> list[dict[str, Any]]:
        """One flat record per assessment in the portfolio table's columns
        (:data:`TABLE_COLUMNS`); a cluster without assessments is one record. Organisation
        profiles, stated labels and indicator values have no column."""
        base = {key: getattr(self, key) for key in CLUSTER_COLUMNS}
        if not self.assessments:
            return [{**base, **dict.fromkeys(ASSESSMENT_COLUMNS)}]
        empty = dict.fromkeys(ASSESSMENT_COLUMNS)
        return [{**base, **empty, **assessment_record(a)} for a in self.assessments]

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a typed ``pandas.DataFrame`` (needs the ``pandas`` extra):
        a view of the cluster's assessments, without what one table cannot hold (its note,
        profile, stated labels, indicator values); :meth:`Portfolio.to_dataframes` holds
        every record of a portfolio."""
        return dataframe(self.to_records(), TABLE_COLUMNS, COLUMN_TYPES)

    def tables(self) -> list[Table]:
        """The assessments as one table (its XLSX sheet): title, records, columns."""
        return [(self.id, self.to_records(), TABLE_COLUMNS)]

    def to_html(self, max_rows: int | None = MAX_HTML_ROWS) -> str:
        """An HTML table of the assessments; over ``max_rows`` rows, the first and last."""
        caption = f"{self.name} ({self.id})"
        return records_table(caption, self.to_records(), ASSESSMENT_COLUMNS[:5], max_rows)


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
            raise InvalidTypeError(f"clusters must be Cluster values, not {type(cluster).__name__}")
    for index, message in cluster_id_problems([cluster.id for cluster in value]):
        raise InvalidValueError(f"clusters[{index}].id: {message}")


@attrs.frozen(repr=False)
class Portfolio(Tables):
    """Clusters in a fixed order, with unique ids; indexable by id or by position.

    >>> from cluster_excellence import Cluster, Portfolio
    >>> portfolio = Portfolio([Cluster("qoot", "Qoot Cluster"), Cluster("nord", "Nordland")])
    >>> portfolio
    <Portfolio of 2 clusters: 'qoot', 'nord'>
    >>> portfolio["nord"].name, portfolio[0].id, "qoot" in portfolio
    ('Nordland', 'qoot', True)
    >>> portfolio["qot"]
    Traceback (most recent call last):
    ...
    KeyError: "no cluster with id 'qot' (did you mean 'qoot'?)"
    """

    clusters: tuple[Cluster, ...] = attrs.field(converter=_clusters, validator=_unique_ids)

    def __iter__(self) -> Iterator[Cluster]:
        return iter(self.clusters)

    def __len__(self) -> int:
        return len(self.clusters)

    def __getitem__(self, key: str | int) -> Cluster:
        """The cluster with the id ``key`` (a text), or at the position ``key`` (a number)."""
        if isinstance(key, str):
            for cluster in self.clusters:
                if cluster.id == key:
                    return cluster
            import difflib  # only for a mistake: costly to import with every value type

            close = difflib.get_close_matches(key, [c.id for c in self.clusters], n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise KeyError(f"no cluster with id {shorten(printable(key), 60)!r}{hint}")
        # A bool is refused although the annotation allows it (mypy: redundant).
        if isinstance(key, int) and not isinstance(key, bool):  # type: ignore[redundant-expr]
            return self.clusters[key]
        raise InvalidTypeError(f"a portfolio is indexed by cluster id or position, not {show(key)}")

    def __contains__(self, key: object) -> bool:
        if isinstance(key, Cluster):
            return key in self.clusters
        return isinstance(key, str) and any(cluster.id == key for cluster in self.clusters)

    def __repr__(self) -> str:
        """Short: how many clusters, and the first ids."""
        ids = ", ".join(repr(shorten(printable(c.id), 40)) for c in self.clusters[:5])
        more = f", ... ({len(self.clusters) - 5} more)" if len(self.clusters) > 5 else ""
        plural = "" if len(self.clusters) == 1 else "s"
        return f"<Portfolio of {len(self.clusters)} cluster{plural}: {ids}{more}>"

    def to_records(self) -> list[dict[str, Any]]:
        """One flat record per assessment (:meth:`Cluster.to_records`), clusters in order:
        the rows of a portfolio table."""
        return [record for cluster in self.clusters for record in cluster.to_records()]

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a typed ``pandas.DataFrame`` (needs the ``pandas`` extra),
        which :func:`~cluster_excellence.from_dataframe` reads back equal; its scores are
        in percent, and the frame says so (``frame.attrs["scores"] == "percent"``), so
        that a score of 0.5 is not taken for a spreadsheet's fraction. A portfolio whose
        records do not fit one table (:func:`beyond_one_table`) is refused with a
        :class:`~cluster_excellence.PortfolioError` naming each, never cut:
        :meth:`to_dataframes` holds every record."""
        beyond = beyond_one_table(self)
        if beyond:
            message = "has no column in one table (to_dataframes() holds every record)"
            raise PortfolioError("portfolio", [Problem(path, message) for path in beyond])
        frame = dataframe(self.to_records(), TABLE_COLUMNS, COLUMN_TYPES)
        frame.attrs[SCORES_ATTRIBUTE] = "percent"
        return frame

    def to_dataframes(self) -> dict[str, Any]:
        """Every sheet of :meth:`tables` as a typed ``pandas.DataFrame``, by the sheet's
        title: what :func:`~cluster_excellence.from_dataframe` reads back equal."""
        frames = {}
        for title, records, columns in self.tables():
            frame = dataframe(records, columns, COLUMN_TYPES)
            frame.attrs[SCORES_ATTRIBUTE] = "percent"
            frames[title] = frame
        return frames

    def tables(self) -> list[Table]:
        """The portfolio as the sheets of a workbook (:func:`workbook_tables`): title,
        records, columns each."""
        return workbook_tables(self)

    def to_html(self, max_rows: int | None = MAX_HTML_ROWS) -> str:
        """An HTML table of the clusters (one row each); over ``max_rows``, the first and
        last."""
        rows = [
            [
                c.id,
                c.name,
                c.country,
                len(c.assessments),
                c.assessments[-1].kind if c.assessments else None,
                c.assessments[-1].date if c.assessments else None,
            ]
            for c in self.clusters
        ]
        columns = ("id", "name", "country", "assessments", "latest", "latest_date")
        return table(f"Portfolio of {len(self.clusters)} clusters", columns, rows, max_rows)


#: The key of ``frame.attrs`` that says a frame's scores are in percent.
SCORES_ATTRIBUTE = "scores"


def _used(records: Sequence[dict[str, Any]], columns: Sequence[str], kept: int) -> list[str]:
    """The first ``kept`` columns and those some record fills, in order."""
    return [
        c for i, c in enumerate(columns) if i < kept or any(r.get(c) is not None for r in records)
    ]


def _plain_code(code: str) -> bool:
    return code == code.strip() and "," not in code and ";" not in code


def _codes_cell(codes: Sequence[str]) -> str:
    """Indicator codes in one cell: separated by commas, or by line breaks when a code
    holds a comma, a semicolon or surrounding spaces (a single such code then ends with
    a line break)."""
    if all(_plain_code(code) for code in codes):
        return LIST_SEPARATOR.join(codes)
    return "\n".join(codes) + ("\n" if len(codes) == 1 else "")


def workbook_tables(portfolio: Portfolio, main: str = "Portfolio") -> list[Table]:
    """The sheets of ``portfolio``'s workbook (docs: *Portfolio workbooks*): the table of
    assessments titled ``main``, then, when the portfolio records any, the clusters'
    notes and organisation profiles, the indicator values (one column per code, or one
    row per value when a code could not be a column's name), the improvement areas and
    the stated labels. Only the columns some row fills, and the keys, are kept."""
    records = portfolio.to_records()
    filled = _used(records, TABLE_COLUMNS, 0)
    required = ("id", "name", "type", "date")
    tables: list[Table] = [
        (main, records, [c for c in TABLE_COLUMNS if c in required or c in filled])
    ]
    clusters: list[dict[str, Any]] = []
    values: list[tuple[dict[str, Any], dict[str, Any]]] = []
    areas: list[dict[str, Any]] = []
    stated: list[dict[str, Any]] = []
    for cluster in portfolio.clusters:
        profile = cluster.organisation
        if cluster.note is not None or profile is not None:
            row: dict[str, Any] = {"id": cluster.id, "name": cluster.name, "note": cluster.note}
            if profile is not None:
                fields = {key: getattr(profile, key) for key in ORGANISATION_COLUMNS}
                types = fields["member_types"]
                if types is not None:
                    fields["member_types"] = LIST_SEPARATOR.join(types) or EMPTY_LIST
                row.update(fields)
                if all(value is None for value in fields.values()):
                    row["organisation"] = True
            clusters.append(row)
        for assessment in cluster.assessments:
            key = {"id": cluster.id, "type": assessment.kind, "date": assessment.date}
            indicators = getattr(assessment, "indicators", None)
            if indicators:
                values.append((key, dict(indicators.items())))
            found = getattr(assessment, "improvement_areas", None)
            if found is not None:
                day = {"id": cluster.id, "date": assessment.date}
                areas.extend(
                    {**day, "indicators": _codes_cell(area.indicators),
                     "description": area.description, "effect": area.effect,
                     "validated": area.validated}
                    for area in found
                )  # fmt: skip
                if not found:
                    areas.append(day)
        stated.extend(
            {"id": cluster.id, "tier": label.tier.value, "valid_until": label.valid_until,
             "source": label.source}
            for label in cluster.stated_labels
        )  # fmt: skip
    if clusters:
        tables.append((SHEETS["clusters"], clusters, _used(clusters, CLUSTER_SHEET_COLUMNS, 2)))
    if values:
        tables.append(_indicator_table(values))
    if areas:
        tables.append((SHEETS["improvement_areas"], areas, _used(areas, AREA_COLUMNS, 3)))
    if stated:
        tables.append((SHEETS["stated_labels"], stated, _used(stated, STATED_COLUMNS, 3)))
    return tables


def _indicator_table(values: list[tuple[dict[str, Any], dict[str, Any]]]) -> Table:
    """Indicator values wide (a column per code) when every code can name a column, else
    long (a row per value)."""
    codes = list(dict.fromkeys(code for _, found in values for code in found))
    wide = len(codes) + len(INDICATOR_KEYS) <= 16_384 and all(
        code == code.strip() and code not in LONG_INDICATOR_COLUMNS for code in codes
    )
    title = SHEETS["indicators"]
    if wide:
        return title, [{**key, **found} for key, found in values], [*INDICATOR_KEYS, *codes]
    rows = [
        {**key, "indicator": code, "value": value}
        for key, found in values
        for code, value in found.items()
    ]
    return title, rows, LONG_INDICATOR_COLUMNS


def beyond_one_table(portfolio: Portfolio) -> list[str]:
    """The paths (``clusters[0].note``) of what one table of assessments cannot hold:
    organisation profiles, stated labels, indicator values, improvement areas, a
    cluster's note (docs: *File formats*, "Portfolio tables"); a workbook's other sheets
    hold them."""
    paths: list[str] = []
    for index, cluster in enumerate(portfolio.clusters):
        at = f"clusters[{index}]"
        paths += [f"{at}.{k}" for k in ("note", "organisation") if getattr(cluster, k) is not None]
        if cluster.stated_labels:
            paths.append(f"{at}.stated_labels")
        for number, assessment in enumerate(cluster.assessments):
            where = f"{at}.assessments[{number}]"
            if getattr(assessment, "indicators", None):
                paths.append(f"{where}.indicators")
            if getattr(assessment, "improvement_areas", None) is not None:
                paths.append(f"{where}.improvement_areas")
    return paths


def portfolio_of(value: Any, name: str = "portfolio") -> Portfolio:
    """``value`` if it is a :class:`Portfolio`, else an error that says what to pass
    (every portfolio-level function takes a portfolio; docs: *API reference*)."""
    if isinstance(value, Portfolio):
        return value
    hint = " (make one: Portfolio(clusters))" if isinstance(value, (list, tuple)) else ""
    raise InvalidTypeError(f"{name}: must be a Portfolio, not {show(value)}{hint}")
