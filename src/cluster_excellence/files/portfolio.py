"""Portfolio files: the format ``cluster-excellence.portfolio/1``, read, written and described.

The format is described once, below, key by key; :data:`PORTFOLIO_FILES`
reads, writes and describes it (its JSON Schema) from that description, and
its checks are the value types' own rules. So every portfolio you can build
is written into a file the reader accepts and reads back equal (docs: *File
formats*).

The reader reports every problem of a file at once, each with its JSON
path, in one :class:`~cluster_excellence.PortfolioError`:

>>> from cluster_excellence import PortfolioError
>>> from cluster_excellence.files.portfolio import PORTFOLIO_FILES
>>> portfolio = PORTFOLIO_FILES.parse('''
... {"format": "cluster-excellence.portfolio/1",
...  "clusters": [{"id": "qoot", "name": "Qoot Cluster", "country": "JO",
...                "assessments": [{"type": "benchmarking", "date": "2019-07-25"}]}]}
... ''')
>>> portfolio.clusters[0].assessments[0]
Benchmark(date=datetime.date(2019, 7, 25), awarded=True, note=None, indicators=...)
>>> try:
...     PORTFOLIO_FILES.parse('{"format": "cluster-excellence.portfolio/1", "clusters": '
...                           '[{"id": "x", "name": "X", "assessments": '
...                           '[{"type": "benchmarking", "date": "2019-02-30"}]}]}',
...                           source="x.json")
... except PortfolioError as error:
...     print(error)
x.json: clusters[0].assessments[0].date: 2019-02-30 is not a valid date
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from .._calendar import LAST_MONTH, MAX_TERM_MONTHS, month_index
from .._checks import text_problem
from .._countries import ALPHA_2
from .._text import show
from ..errors import InvalidTypeError, PortfolioError
from ..model.assessments import (
    NO_VALUES,
    Assessment,
    Benchmark,
    GoldAudit,
    ImprovementArea,
    IndicatorValues,
    SilverAudit,
    Value,
    award_day_problem,
    gold_audit_problem,
    indicator_codes_problem,
    indicator_value_problem,
    percent_problem,
    positive_problem,
    silver_audit_problem,
)
from ..model.clusters import (
    MEMBER_TYPES,
    Cluster,
    Organisation,
    Portfolio,
    StatedLabel,
    amount_problem,
    assessment_problems,
    canonical_order,
    cluster_id_problems,
    country_problem,
    member_types_problem,
    stated_label_problems,
    stated_order,
)
from ..model.tiers import Tier
from ._fields import (
    BOOLEAN,
    DAY,
    FREE_TEXT,
    MISSING,
    TEXT,
    Checker,
    Field,
    ObjectSpec,
    checked,
    choice,
    key_path,
    number_schema,
)
from ._json import RepeatedKeys
from .formats import Format

if TYPE_CHECKING:
    from ..model.catalogues import Catalogue, Indicator

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMAT",
    "PORTFOLIO_FILES",
    "PortfolioFormat",
    "portfolio_to_json",
    "read_portfolio",
]

#: The ``format`` value of the portfolio files this version reads and writes.
FORMAT = "cluster-excellence.portfolio/1"

#: Files larger than this are refused unless the caller raises the limit
#: (our decision: 256 MiB holds well over a million clusters).
DEFAULT_MAX_BYTES = 256 * 1024 * 1024


def _catalogues(values: Any) -> tuple[Catalogue, ...]:
    """``values`` if each is a :class:`~cluster_excellence.Catalogue`, else an error naming
    the one that is not (``catalogues[0]``)."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InvalidTypeError(f"catalogues: must be a list of catalogues, not {show(values)}")
    found = tuple(values)
    if found:  # the catalogues' module only where there are catalogues (docs: *Performance*)
        catalogue_of = importlib.import_module("..model.catalogues", __package__).catalogue_of
        for index, value in enumerate(found):
            catalogue_of(value, f"catalogues[{index}]")
    return found


class _PortfolioChecker(Checker):
    """A checker that also knows the catalogues indicator values are checked against."""

    def __init__(self, source: str, catalogues: Iterable[Catalogue]) -> None:
        super().__init__(source)
        self.catalogues = {catalogue.purpose: catalogue for catalogue in catalogues}
        self.codes: dict[str, dict[str, Indicator]] = {
            purpose: {indicator.code: indicator for indicator in catalogue.indicators}
            for purpose, catalogue in self.catalogues.items()
        }


# -- leaf kinds --------------------------------------------------------------------


def _as_float(value: Any) -> float:
    return float(value)


def _whole_positive(value: Any) -> str | None:
    return positive_problem(value, whole=True)


def _positive(value: Any) -> str | None:
    return positive_problem(value, whole=False)


def _amount(value: Any) -> str | None:
    return amount_problem(value, whole=False)


def _count(value: Any) -> str | None:
    return amount_problem(value, whole=True)


def _plain_score(value: Any) -> bool:
    return type(value) is float and 0.0 <= value <= 100.0  # NaN fails both comparisons


_SCORE = checked(
    percent_problem, number_schema(minimum=0, maximum=100), convert=_as_float, sure=_plain_score
)
_POSITIVE = checked(_positive, number_schema(exclusiveMinimum=0))
_WHOLE_POSITIVE = checked(_whole_positive, {**number_schema(minimum=1), "type": "integer"})
_AMOUNT = checked(_amount, number_schema(minimum=0))
_COUNT = checked(_count, {**number_schema(minimum=0), "type": "integer"})
_COUNTRY = checked(country_problem, {"enum": sorted(ALPHA_2)})
_TIER = choice([tier.value for tier in Tier], Tier)
_MEMBER_TYPES = checked(
    member_types_problem,
    {"type": "array", "uniqueItems": True, "items": {"enum": list(MEMBER_TYPES)}},
    convert=tuple,
    write=list,
)
_CODES = checked(
    indicator_codes_problem,
    {"type": "array", "minItems": 1, "items": dict(TEXT.schema)},
    convert=tuple,
    write=list,
)

# -- objects -----------------------------------------------------------------------

_VALUES_SCHEMA = {
    "type": "object",
    "propertyNames": dict(TEXT.schema),
    "additionalProperties": {"anyOf": [{"type": "boolean"}, number_schema()]},
}


def _indicators(purpose: str) -> Field:
    """The ``indicators`` object; with a catalogue of ``purpose``, values are checked
    against their indicators."""

    def read(checker: Checker, raw: Any, path: str) -> IndicatorValues:
        if not isinstance(raw, dict):
            checker.fail(path, f"must be an object of indicator values, not {show(raw)}")
            return NO_VALUES
        if type(raw) is RepeatedKeys:
            for code in raw.repeated:
                checker.fail(key_path(path, code), "appears more than once in the object")
        assert isinstance(checker, _PortfolioChecker)
        catalogue = checker.catalogues.get(purpose)
        known = checker.codes.get(purpose, {})
        if catalogue is not None:
            # Only values checked against a catalogue need its rules: a portfolio read
            # without one does not load the catalogues' value types (docs: *Performance*).
            value_problem = importlib.import_module("..model.catalogues", __package__).value_problem
        values: dict[str, Value] = {}
        for code, value in raw.items():
            if not (code.isprintable() and code and not code.isspace()):  # else: the rule
                problem = text_problem(code)
                if problem is not None:
                    checker.fail(key_path(path, code), f"an indicator code {problem}")
                    continue
            if catalogue is None:
                problem = indicator_value_problem(value)
            elif code not in known:
                problem = f"{catalogue.label} has no indicator {show(code)}"
            else:
                indicator = known[code]
                problem = value_problem(indicator.kind, value, indicator.scale)
                if problem is not None:
                    problem += f" ({indicator.kind.value}: {indicator.name})"
            if problem is not None:
                checker.fail(key_path(path, code), problem)
                continue
            values[code] = value
        return IndicatorValues._trusted(values)

    return Field("indicators", _VALUES_SCHEMA, nested=read, write=dict, default=NO_VALUES)


_AREA = ObjectSpec(
    (
        Field.of("indicators", _CODES, required=True),
        Field.of("description", FREE_TEXT),
        Field.of("effect", FREE_TEXT),
        Field.of("validated", BOOLEAN),
    )
)


def _build_area(checker: Checker, values: dict[str, Any], path: str) -> ImprovementArea:
    """An improvement area. The areas are chosen by comparing two benchmarking reports and
    validated against the Gold criteria of those areas
    (https://www.cluster-analysis.org/silver-label), so a code names an indicator of the
    benchmarking catalogue or of the Gold catalogue: it is checked when both are given
    (with one, a code of the other could not be told from a typo)."""
    assert isinstance(checker, _PortfolioChecker)
    if "benchmarking" in checker.catalogues and "gold" in checker.catalogues:
        for code in values["indicators"]:
            if code not in checker.codes["benchmarking"] and code not in checker.codes["gold"]:
                names = " or ".join(checker.catalogues[p].label for p in ("benchmarking", "gold"))
                checker.fail(key_path(path, "indicators"), f"{names} has no indicator {show(code)}")
    return checker.make(ImprovementArea, values)


def _read_areas(checker: Checker, raw: Any, path: str) -> tuple[ImprovementArea, ...]:
    return tuple(a for a in checker.objects(raw, path, _AREA, _build_area) if a is not None)


_BENCHMARKING = ObjectSpec(
    (
        Field.of("date", DAY, required=True),
        Field.of("awarded", BOOLEAN, default=True),
        Field.of("note", FREE_TEXT),
        _indicators("benchmarking"),
        Field.of("awarded_on", DAY),
    ),
    extra={"type": {"const": "benchmarking"}},
)
_SILVER = ObjectSpec(
    (
        Field.of("date", DAY, required=True),
        Field.of("passed", BOOLEAN, required=True),
        Field.of("note", FREE_TEXT),
        Field(
            "improvement_areas",
            lambda: {"type": "array", "items": _AREA.schema()},
            nested=_read_areas,
            write=_AREA.writes,
        ),
        Field.of("minimum_requirements_met", BOOLEAN),
        Field.of("awarded_on", DAY),
    ),
    extra={"type": {"const": "silver_audit"}},
)
_GOLD = ObjectSpec(
    (
        Field.of("date", DAY, required=True),
        Field.of("passed", BOOLEAN),
        Field.of("score", _SCORE),
        Field.of("minimum_requirements_met", BOOLEAN, default=True),
        Field.of("note", FREE_TEXT),
        _indicators("gold"),
        Field.of("self_test_passed", BOOLEAN),
        Field.of("audit_days", _POSITIVE),
        Field.of("experts", _WHOLE_POSITIVE),
        Field.of("awarded_on", DAY),
    ),
    extra={"type": {"const": "gold_audit"}},
    schema_more={"anyOf": [{"required": ["passed"]}, {"required": ["score"]}]},
)
#: Each type of assessment: its keys and its value type.
_TYPES: dict[str, tuple[ObjectSpec, type[Assessment]]] = {
    "benchmarking": (_BENCHMARKING, Benchmark),
    "silver_audit": (_SILVER, SilverAudit),
    "gold_audit": (_GOLD, GoldAudit),
}
_KINDS = ", ".join(_TYPES)


def _assessment(checker: Checker, item: Any, path: str) -> Assessment | None:
    """One assessment, by its ``type``; None after reporting its problems."""
    if not isinstance(item, dict):
        checker.fail(path, f"must be an object, not {show(item)}")
        return None
    kind = item.get("type", MISSING)
    if kind is MISSING:
        checker.fail(key_path(path, "type"), f"is missing (required: one of {_KINDS})")
        return None
    found = _TYPES.get(kind) if type(kind) is str else None
    if found is None:
        checker.fail(key_path(path, "type"), f"{show(kind)} is not one of {_KINDS}")
        return None
    spec, cls = found
    before = checker.count
    values = checker.fields(item, path, spec)
    if values is None or checker.count != before:
        return None
    if cls is GoldAudit:
        gold = gold_audit_problem(
            values["passed"], values["score"], values["minimum_requirements_met"]
        )
        if gold is not None:
            field, message = gold
            checker.fail(key_path(path, field) if field else path, message)
            return None
    elif cls is SilverAudit:
        problem = silver_audit_problem(values["passed"], values["minimum_requirements_met"])
        if problem is not None:
            checker.fail(key_path(path, "passed"), problem)
            return None
    awarded_on = values["awarded_on"]
    if awarded_on is not None:
        awards = values["awarded"] if cls is Benchmark else values["passed"]
        problem = award_day_problem(values["date"], awarded_on, awards)
        if problem is not None:
            checker.fail(key_path(path, "awarded_on"), problem)
            return None
    return checker.make(cls, values)


def _read_assessments(checker: Checker, raw: Any, path: str) -> tuple[Assessment, ...]:
    if type(raw) is not list:
        checker.fail(path, f"must be a list, not {show(raw)}")
        return ()
    items: list[Assessment | None] = []
    ordered, latest = True, dt.date.min
    for index, item in enumerate(raw):
        assessment = _assessment(checker, item, f"{path}[{index}]")
        items.append(assessment)
        if assessment is None or assessment.date <= latest:
            ordered = False
        else:
            latest = assessment.date
    if ordered and month_index(latest) + MAX_TERM_MONTHS * (len(items) + 1) <= LAST_MONTH:
        # The usual records: strictly later days (so no kind twice on a day) and room
        # for any renewal chain (a chain of one kind is no longer than all records),
        # so assessment_problems finds nothing and the order is the canonical one.
        return cast("tuple[Assessment, ...]", tuple(items))
    for index, field, message in assessment_problems(items, path):
        at = f"{path}[{index}]"
        checker.fail(key_path(at, field) if field else at, message)
    return canonical_order(item for item in items if item is not None)


def _write_assessments(assessments: tuple[Assessment, ...]) -> list[dict[str, Any]]:
    return [{"type": a.kind, **_TYPES[a.kind][0].write(a)} for a in assessments]


_STATED = ObjectSpec(
    (
        Field.of("tier", _TIER, required=True),
        Field.of("valid_until", DAY, required=True),
        Field.of("source", TEXT),
    )
)


def _build_stated(checker: Checker, values: dict[str, Any], path: str) -> StatedLabel:
    return checker.make(StatedLabel, values)


def _read_stated(checker: Checker, raw: Any, path: str) -> tuple[StatedLabel, ...]:
    items: list[StatedLabel | None] = checker.objects(raw, path, _STATED, _build_stated)
    for index, message in stated_label_problems(items, path):
        checker.fail(f"{path}[{index}]", message)
    return stated_order(item for item in items if item is not None)


_ORGANISATION = ObjectSpec(
    (
        Field.of("eccp_listed", BOOLEAN),
        Field.of("management_fte", _AMOUNT),
        Field.of("committed_members", _COUNT),
        Field.of("member_types", _MEMBER_TYPES),
        Field.of("public_cooperation", BOOLEAN),
        Field.of("english_website", BOOLEAN),
        Field.of("programme_recognition", TEXT),
    )
)


def _read_organisation(checker: Checker, raw: Any, path: str) -> Organisation | None:
    values = checker.sound(raw, path, _ORGANISATION)
    return None if values is None else checker.make(Organisation, values)


_CLUSTER = ObjectSpec(
    (
        Field.of("id", TEXT, required=True),
        Field.of("name", TEXT, required=True),
        Field.of("country", _COUNTRY),
        Field.of("comparative_portfolio", TEXT),
        Field.of("website", TEXT),
        Field.of("note", FREE_TEXT),
        Field(
            "organisation",
            _ORGANISATION.schema,
            nested=_read_organisation,
            write=_ORGANISATION.write,
        ),
        Field(
            "stated_labels",
            lambda: {"type": "array", "items": _STATED.schema()},
            nested=_read_stated,
            write=_STATED.writes,
            default=(),
        ),
        Field(
            "assessments",
            lambda: {
                "type": "array",
                "items": {"oneOf": [spec.schema() for spec, _ in _TYPES.values()]},
            },
            nested=_read_assessments,
            write=_write_assessments,
            required=True,
        ),
    )
)


def _read_clusters(checker: Checker, raw: Any, path: str) -> tuple[Cluster, ...]:
    if type(raw) is not list:
        checker.fail(path, f"must be a list, not {show(raw)}")
        return ()
    clusters: list[Cluster] = []
    ids: list[str | None] = []
    for index, item in enumerate(raw):
        before = checker.count
        values = checker.fields(item, f"{path}[{index}]", _CLUSTER)
        if values is None:
            ids.append(None)
            continue
        ids.append(values["id"])
        if checker.count == before:
            clusters.append(checker.make(Cluster, values))
    for index, message in cluster_id_problems(ids, path):
        checker.fail(key_path(f"{path}[{index}]", "id"), message)
    return tuple(clusters)


def _build_portfolio(checker: Checker, values: dict[str, Any]) -> Portfolio | None:
    return None if checker.count else checker.make(Portfolio, values)


class PortfolioFormat(Format[Portfolio]):
    """The portfolio format; :meth:`against` gives the one that also checks indicator
    values against catalogues."""

    __slots__ = ("catalogues",)

    def __init__(self, catalogues: Iterable[Catalogue] = ()) -> None:
        super().__init__(
            "portfolio",
            FORMAT,
            title="cluster_excellence portfolio file",
            fields=(
                Field(
                    "clusters",
                    lambda: {"type": "array", "items": _CLUSTER.schema()},
                    nested=_read_clusters,
                    write=_CLUSTER.writes,
                    required=True,
                ),
            ),
            build=_build_portfolio,
            error=PortfolioError,
            max_bytes=DEFAULT_MAX_BYTES,
        )
        #: The catalogues indicator values are checked against (a benchmarking and/or a
        #: Gold catalogue).
        self.catalogues = _catalogues(catalogues)

    def against(self, catalogues: Iterable[Catalogue]) -> PortfolioFormat:
        """This format, checking each indicator value against its indicator in
        ``catalogues``: a benchmarking's against the benchmarking catalogue, a Gold
        audit's against the Gold catalogue (an unknown code, a value of the wrong kind, a
        negative count, a share outside 0..1, a step off an ordinal scale)."""
        return PortfolioFormat(catalogues)

    def _checker(self, source: str) -> Checker:
        """A checker that knows the catalogues."""
        return _PortfolioChecker(source, self.catalogues)


#: Portfolio files: read, parsed, checked, written and described (see
#: :class:`~cluster_excellence.files.formats.Format`). The reader is strict: every
#: problem is collected and raised together in one
#: :class:`~cluster_excellence.PortfolioError` naming the file and each problem's JSON
#: path (docs: *File formats*, "What is an error").
PORTFOLIO_FILES = PortfolioFormat()


def read_portfolio(
    path: str | os.PathLike[str],
    *,
    catalogues: Iterable[Catalogue] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Portfolio:
    """Read a portfolio file, strictly (:data:`PORTFOLIO_FILES`).

    Every problem is collected and raised together in one
    :class:`~cluster_excellence.PortfolioError` naming the file and each
    problem's JSON path: an unreadable, empty, non-UTF-8, malformed, too
    large (``max_bytes``) or too deeply nested file; unknown and repeated
    keys; missing or mistyped fields; texts with control characters or lone
    surrogates; NaN, infinite or too large numbers; booleans where numbers
    are meant; dates that are not ``YYYY-MM-DD``, do not exist or lie too
    near the calendar's ends; duplicate cluster ids; two assessments of one
    type on one day; a Gold audit whose ``passed`` contradicts its score.

    Indicator values of benchmarkings and Gold audits must be numbers or
    true/false; with ``catalogues`` (a benchmarking and/or a Gold
    catalogue), each value is also checked against its indicator: an
    unknown code, a value of the wrong kind, a negative count, a share
    outside 0..1, a step off an ordinal scale.
    """
    return PORTFOLIO_FILES.against(catalogues).read(path, max_bytes=max_bytes)


def portfolio_to_json(portfolio: Portfolio) -> str:
    """Write ``portfolio`` in the ``cluster-excellence.portfolio/1`` format
    (:data:`PORTFOLIO_FILES`).

    Optional fields are written only when set (``awarded`` only when false,
    a Gold audit's ``minimum_requirements_met`` only when false);
    assessments come in date order. The output is stable and reads back into
    an equal portfolio.

    >>> from cluster_excellence import portfolio_to_json, sample_portfolio
    >>> from cluster_excellence.files.portfolio import PORTFOLIO_FILES
    >>> sample = sample_portfolio()
    >>> PORTFOLIO_FILES.parse(portfolio_to_json(sample)) == sample
    True

    Its JSON Schema says what a schema can: the keys, their types and ranges.
    The reader checks more: that dates exist and lie within the calendar's
    bounds, that cluster ids are unique, that no assessment type repeats on a
    day, that a Gold audit's ``passed`` agrees with its score, and that
    indicator values fit their catalogue.

    >>> PORTFOLIO_FILES.schema()["properties"]["format"]
    {'const': 'cluster-excellence.portfolio/1'}
    """
    return PORTFOLIO_FILES.to_json(portfolio)
