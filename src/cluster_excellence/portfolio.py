"""Clusters, portfolios, and the strict reader of portfolio files.

The file format ``cluster-excellence.portfolio/1`` is the public contract in
``shared/design/contract.md`` and is described in the docs (*File formats*).
The reader reports every problem of a file at once, each with its JSON path,
in one :class:`PortfolioError`.

>>> portfolio = parse_portfolio('''
... {"format": "cluster-excellence.portfolio/1",
...  "clusters": [{"id": "qoot", "name": "Qoot Cluster", "country": "JO",
...                "assessments": [{"type": "benchmarking", "date": "2019-07-25"}]}]}
... ''')
>>> portfolio.clusters[0].assessments[0]
Benchmarking(date=datetime.date(2019, 7, 25), awarded=True, note=None, indicators=...)
>>> try:
...     parse_portfolio('{"format": "cluster-excellence.portfolio/1", "clusters": '
...                     '[{"id": "x", "name": "X", "assessments": '
...                     '[{"type": "benchmarking", "date": "2019-02-30"}]}]}', source="x.json")
... except PortfolioError as error:
...     print(error)
x.json: clusters[0].assessments[0].date: 2019-02-30 is not a valid date
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from ._checks import is_optional_text, is_text
from ._countries import ALPHA_2, HINTS
from .assessments import KIND_ORDER, Assessment, Benchmarking, GoldAudit, SilverAudit
from .errors import PortfolioError
from .labels import StatedLabel

if TYPE_CHECKING:
    from .catalogue import Catalogue
from .rulebook import ECEI_2019, Rulebook

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMAT",
    "MEMBER_TYPES",
    "Cluster",
    "Organisation",
    "Portfolio",
    "parse_portfolio",
    "portfolio_to_json",
    "read_portfolio",
    "sample_portfolio",
]

#: The ``format`` value of the portfolio files this version reads and writes.
FORMAT = "cluster-excellence.portfolio/1"

#: Files larger than this are refused unless the caller raises the limit
#: (our decision: 256 MiB holds well over a million clusters).
DEFAULT_MAX_BYTES = 256 * 1024 * 1024


def _order_key(assessment: Assessment) -> tuple[dt.date, int]:
    return assessment.date, KIND_ORDER[assessment.kind]


def canonical_order(value: Iterable[Assessment]) -> tuple[Assessment, ...]:
    """Assessments by date; on one day benchmarking, Silver audit, Gold audit."""
    items = tuple(value)
    try:
        return tuple(sorted(items, key=_order_key))
    except (AttributeError, KeyError, TypeError):
        return items  # the validator names what is wrong


def _assessments(instance: Cluster, attribute: Any, value: tuple[Any, ...]) -> None:
    for item in value:
        if not isinstance(item, (Benchmarking, SilverAudit, GoldAudit)):
            raise TypeError(f"assessments must be assessments, not {type(item).__name__}")
    for before, after in itertools.pairwise(value):
        if before.kind == after.kind and before.date == after.date:
            raise ValueError(f"two {after.kind} assessments on {after.date.isoformat()}")


def _stated_order(value: Iterable[StatedLabel]) -> tuple[StatedLabel, ...]:
    items = tuple(value)
    try:
        return tuple(sorted(items, key=lambda s: (s.valid_until, s.tier)))
    except (AttributeError, TypeError):
        return items  # the validator names what is wrong


def _stated_labels(instance: Cluster, attribute: Any, value: tuple[Any, ...]) -> None:
    for item in value:
        if not isinstance(item, StatedLabel):
            raise TypeError(f"stated_labels must be StatedLabel values, not {type(item).__name__}")
    seen = set()
    for item in value:
        if (item.tier, item.valid_until) in seen:
            raise ValueError(
                f"two stated {item.tier.value} labels valid until {item.valid_until.isoformat()}"
            )
        seen.add((item.tier, item.valid_until))


def _country(instance: Cluster, attribute: Any, value: Any) -> None:
    if value is not None and value not in ALPHA_2:
        hint = HINTS.get(value) if isinstance(value, str) else None
        raise ValueError(
            f"country must be an ISO 3166-1 alpha-2 code, not {value!r}"
            + (f" ({hint})" if hint else "")
        )


#: The member types an organisation profile may list (the triple helix and the rest).
MEMBER_TYPES = ("business", "research", "public", "other")


def _member_types(instance: Any, attribute: Any, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, tuple) or len(set(value)) != len(value):
        raise ValueError(f"member_types must be a tuple without repeats, not {value!r}")
    for item in value:
        if item not in MEMBER_TYPES:
            raise ValueError(f"member type {item!r} is not one of {', '.join(MEMBER_TYPES)}")


def _optional_tuple(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


def _optional_bool(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None and type(value) is not bool:
        raise TypeError(f"{attribute.name} must be True, False or None, not {value!r}")


def _optional_amount(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None and (type(value) not in (int, float) or not 0 <= value < float("inf")):
        raise ValueError(f"{attribute.name} must be a number of 0 or more, not {value!r}")


def _optional_count(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None and (type(value) is not int or value < 0):
        raise ValueError(f"{attribute.name} must be a whole number of 0 or more, not {value!r}")


@attrs.frozen
class Organisation:
    """What is known of a cluster organisation for the Eligibility Criteria.

    Every field is optional: None means not recorded, and a decision that
    needs it is ``undetermined`` (see :mod:`cluster_excellence.eligibility`).
    """

    #: Listed on the European Cluster Collaboration Platform.
    eccp_listed: bool | None = attrs.field(default=None, validator=_optional_bool)
    #: Full-time equivalents of the dedicated management team.
    management_fte: float | None = attrs.field(default=None, validator=_optional_amount)
    #: Clearly committed members.
    committed_members: int | None = attrs.field(default=None, validator=_optional_count)
    #: The member types among the members (:data:`MEMBER_TYPES`).
    member_types: tuple[str, ...] | None = attrs.field(
        default=None, converter=_optional_tuple, validator=_member_types
    )
    #: Visible cooperation with public bodies (counts when no public body is a member).
    public_cooperation: bool | None = attrs.field(default=None, validator=_optional_bool)
    #: An English website showing the cluster's activity.
    english_website: bool | None = attrs.field(default=None, validator=_optional_bool)
    #: The national or regional cluster programme that recognises it, if any.
    programme_recognition: str | None = attrs.field(default=None, validator=is_optional_text)


@attrs.frozen
class Cluster:
    """A cluster organisation and its assessments.

    Assessments are kept in date order (Benchmarking, Silver audit, Gold
    audit on the same day), whatever order they were given in; two of one
    kind on one day are an error.
    """

    #: Identifier, unique within a portfolio.
    id: str = attrs.field(validator=is_text)
    name: str = attrs.field(validator=is_text)
    assessments: tuple[Assessment, ...] = attrs.field(
        default=(), converter=canonical_order, validator=_assessments
    )
    #: ISO 3166-1 alpha-2 code.
    country: str | None = attrs.field(default=None, validator=_country, kw_only=True)
    #: The technology field the benchmarking compares with, e.g. ``"ICT"``.
    comparative_portfolio: str | None = attrs.field(
        default=None, validator=is_optional_text, kw_only=True
    )
    #: Free text, e.g. where the records come from.
    note: str | None = attrs.field(default=None, validator=is_optional_text, kw_only=True)
    #: What is known for the Eligibility Criteria, when recorded.
    organisation: Organisation | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(Organisation)),
        kw_only=True,
    )
    #: Labels known only by their stated end (e.g. from the public label
    #: listing), in date order; used for a tier the assessments never award.
    stated_labels: tuple[StatedLabel, ...] = attrs.field(
        default=(), converter=_stated_order, validator=_stated_labels, kw_only=True
    )
    #: The cluster's website, as listed.
    website: str | None = attrs.field(default=None, validator=is_optional_text, kw_only=True)


def _clusters(value: Iterable[Cluster]) -> tuple[Cluster, ...]:
    return tuple(value)


def _unique_ids(instance: Portfolio, attribute: Any, value: tuple[Any, ...]) -> None:
    seen: set[str] = set()
    for cluster in value:
        if not isinstance(cluster, Cluster):
            raise TypeError(f"clusters must be Cluster values, not {type(cluster).__name__}")
        if cluster.id in seen:
            raise ValueError(f"two clusters with id {cluster.id!r}")
        seen.add(cluster.id)


@attrs.frozen
class Portfolio:
    """Clusters in a fixed order, with unique ids."""

    clusters: tuple[Cluster, ...] = attrs.field(converter=_clusters, validator=_unique_ids)

    def __iter__(self) -> Iterator[Cluster]:
        return iter(self.clusters)

    def __len__(self) -> int:
        return len(self.clusters)


def read_portfolio(
    path: str | os.PathLike[str],
    *,
    rulebook: Rulebook = ECEI_2019,
    catalogues: Iterable[Catalogue] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Portfolio:
    """Read a portfolio file, strictly.

    Every problem is collected and raised together in one
    :class:`PortfolioError` naming the file and each problem's JSON path: an
    unreadable, empty, non-UTF-8, malformed, too large (``max_bytes``) or too
    deeply nested file; unknown keys; duplicate keys; missing or mistyped
    fields; NaN or infinite numbers; booleans where numbers are meant; dates
    that are not ``YYYY-MM-DD`` or do not exist; duplicate cluster ids; two
    assessments of one type on one day; a Gold audit whose ``passed``
    contradicts its score under ``rulebook``'s pass score.

    Indicator values of benchmarkings and Gold audits must be numbers or
    true/false; with ``catalogues`` (a benchmarking and/or a Gold
    catalogue), each value is also checked against its indicator: an
    unknown code, a value of the wrong kind, a negative count, a share
    outside 0..1, a step off an ordinal scale.
    """
    from ._json import read_bytes
    from ._reader import read_document

    source = os.fspath(path)
    data = read_bytes(source, max_bytes, PortfolioError)
    return read_document(data, source, rulebook, catalogues)


def parse_portfolio(
    text: str | bytes,
    *,
    source: str = "<string>",
    rulebook: Rulebook = ECEI_2019,
    catalogues: Iterable[Catalogue] = (),
) -> Portfolio:
    """Parse a portfolio from JSON text, with the checks of :func:`read_portfolio`."""
    from ._reader import read_document

    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_document(data, source, rulebook, catalogues)


def portfolio_to_json(portfolio: Portfolio) -> str:
    """Write ``portfolio`` in the ``cluster-excellence.portfolio/1`` format.

    Optional fields are written only when set (``awarded`` only when false,
    ``minimum_requirements_met`` only when false); assessments come in date
    order. The output is stable and reads back into an equal portfolio.

    >>> sample = sample_portfolio()
    >>> parse_portfolio(portfolio_to_json(sample)) == sample
    True
    """
    import json

    clusters = []
    for cluster in portfolio.clusters:
        out: dict[str, Any] = {"id": cluster.id, "name": cluster.name}
        for key in ("country", "comparative_portfolio", "website", "note"):
            if getattr(cluster, key) is not None:
                out[key] = getattr(cluster, key)
        if cluster.organisation is not None:
            out["organisation"] = {
                field.name: list(value) if isinstance(value, tuple) else value
                for field in attrs.fields(Organisation)
                if (value := getattr(cluster.organisation, field.name)) is not None
            }
        if cluster.stated_labels:
            out["stated_labels"] = [
                {
                    "tier": stated.tier.value,
                    "valid_until": stated.valid_until.isoformat(),
                    **({} if stated.source is None else {"source": stated.source}),
                }
                for stated in cluster.stated_labels
            ]
        out["assessments"] = [_assessment_json(a) for a in cluster.assessments]
        clusters.append(out)
    document = {"format": FORMAT, "clusters": clusters}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _assessment_json(assessment: Assessment) -> dict[str, Any]:
    out: dict[str, Any] = {"type": assessment.kind, "date": assessment.date.isoformat()}
    if isinstance(assessment, Benchmarking):
        if not assessment.awarded:
            out["awarded"] = False
    elif isinstance(assessment, SilverAudit):
        out["passed"] = assessment.passed
        if assessment.improvement_areas is not None:
            out["improvement_areas"] = [
                {
                    "indicators": list(area.indicators),
                    **{
                        key: getattr(area, key)
                        for key in ("description", "effect", "validated")
                        if getattr(area, key) is not None
                    },
                }
                for area in assessment.improvement_areas
            ]
        if assessment.minimum_requirements_met is not None:
            out["minimum_requirements_met"] = assessment.minimum_requirements_met
    else:
        if assessment.passed is not None:
            out["passed"] = assessment.passed
        if assessment.score is not None:
            out["score"] = assessment.score
        if not assessment.minimum_requirements_met:
            out["minimum_requirements_met"] = False
        for key in ("self_test_passed", "audit_days", "experts"):
            if getattr(assessment, key) is not None:
                out[key] = getattr(assessment, key)
    if assessment.note is not None:
        out["note"] = assessment.note
    if not isinstance(assessment, SilverAudit) and assessment.indicators:
        out["indicators"] = dict(assessment.indicators)
    return out


#: The samples shipped with the package, by name.
SAMPLES = {
    "labels": "sample-portfolio.json",
    "region": "sample-region.json",
    "reference": "sample-reference.json",
}


def sample_portfolio(name: str = "labels") -> Portfolio:
    """Return a sample portfolio shipped with the package.

    ``"labels"`` (the default) holds the public records of the domain brief
    (Qoot Cluster, a Nordland cluster, Hemp Cluster, Basque Energy Cluster)
    and invented clusters whose names start with "Example"; each cluster's
    ``note`` says where its records come from. ``"region"`` (7 clusters) and
    ``"reference"`` (36 clusters in four countries) are synthetic clusters
    with indicator values of the shipped reference catalogues, made by
    ``tools/make_sample_benchmarks.py``; their names say "Synthetic".

    >>> [c.id for c in sample_portfolio()][:4]
    ['qoot', 'nordland-2016', 'hemp-sk', 'basque-energy']
    >>> len(sample_portfolio("reference"))
    36
    """
    from importlib import resources

    from ._reader import read_document
    from .catalogue import benchmarking_catalogue, gold_catalogue

    try:
        file = SAMPLES[name]
    except KeyError:
        raise KeyError(f"no sample {name!r} (samples: {', '.join(SAMPLES)})") from None
    data = resources.files(__package__).joinpath(f"data/{file}").read_bytes()
    return read_document(data, file, ECEI_2019, (benchmarking_catalogue(), gold_catalogue()))
