"""The strict reader behind :func:`read_portfolio` and :func:`parse_portfolio`.

It walks the parsed JSON once, collecting every problem with its JSON path,
and builds the value types only when the whole file is sound. The format is
``cluster-excellence.portfolio/1`` (``shared/design/contract.md``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections.abc import Iterable
from typing import Any

import attrs

from ._checks import unchecked
from ._countries import ALPHA_2, HINTS
from ._json import MISSING as _MISSING
from ._json import Checker, RepeatedKeys, load_json, show
from ._json import key_path as _key
from .assessments import (
    NO_VALUES,
    Assessment,
    Benchmarking,
    GoldAudit,
    ImprovementArea,
    IndicatorValues,
    SilverAudit,
    Value,
    _checked_values,
    gold_audit_contradiction,
)
from .catalogue import Catalogue, value_problem
from .errors import PortfolioError, Problem
from .labels import StatedLabel
from .portfolio import FORMAT, MEMBER_TYPES, Cluster, Organisation, Portfolio, canonical_order
from .rulebook import Rulebook
from .tiers import Tier

_DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DAWN = dt.date.min

_TOP_KEYS = frozenset({"format", "clusters"})
_SOUND_CLUSTER_KEYS = frozenset(
    {"id", "name", "country", "comparative_portfolio", "note", "assessments"}
)
_CLUSTER_KEYS = _SOUND_CLUSTER_KEYS | {"organisation", "stated_labels", "website"}
_STATED_KEYS = frozenset({"tier", "valid_until", "source"})
_TIERS = {tier.value: tier for tier in Tier}
_ORGANISATION_KEYS = frozenset(attrs.fields_dict(Organisation))
# The sound path takes assessments without indicator values; with them, the
# careful checks run (and check the values against a catalogue when given).
_SOUND_KEYS = {
    "benchmarking": frozenset({"type", "date", "awarded", "note"}),
    "silver_audit": frozenset({"type", "date", "passed", "note"}),
    "gold_audit": frozenset(
        {"type", "date", "passed", "score", "minimum_requirements_met", "note"}
    ),
}
_ASSESSMENT_KEYS = {
    "benchmarking": _SOUND_KEYS["benchmarking"] | {"indicators"},
    "silver_audit": _SOUND_KEYS["silver_audit"] | {"improvement_areas", "minimum_requirements_met"},
    "gold_audit": _SOUND_KEYS["gold_audit"]
    | {"indicators", "self_test_passed", "audit_days", "experts"},
}
_AREA_KEYS = frozenset({"indicators", "description", "effect", "validated"})
_REQUIRED = {
    "benchmarking": ("type", "date"),
    "silver_audit": ("type", "date", "passed"),
    "gold_audit": ("type", "date"),
}
_KINDS = ", ".join(_ASSESSMENT_KEYS)


_benchmarking = unchecked(Benchmarking)
_silver_audit = unchecked(SilverAudit)
_gold_audit = unchecked(GoldAudit)
_cluster = unchecked(Cluster)


def read_document(
    data: bytes, source: str, rulebook: Rulebook, catalogues: Iterable[Catalogue] = ()
) -> Portfolio:
    """Decode, parse and check a portfolio document."""
    reader = _Reader(source, rulebook, catalogues)
    return reader.portfolio(load_json(data, source, PortfolioError))


class _Reader(Checker):
    def __init__(
        self, source: str, rulebook: Rulebook, catalogues: Iterable[Catalogue] = ()
    ) -> None:
        super().__init__(source)
        self.rulebook = rulebook
        self.catalogues = {catalogue.purpose: catalogue for catalogue in catalogues}
        self.indicator_codes = {
            purpose: {indicator.code: indicator for indicator in catalogue.indicators}
            for purpose, catalogue in self.catalogues.items()
        }
        self.dates: dict[str, dt.date] = {}

    def portfolio(self, document: Any) -> Portfolio:
        if not isinstance(document, dict):
            raise PortfolioError(
                self.source,
                [Problem("", f"the document must be a JSON object, not {show(document)}")],
            )
        self.keys(document, "", _TOP_KEYS, ("format", "clusters"))
        fmt = document.get("format", _MISSING)
        if fmt is not _MISSING and fmt != FORMAT:
            self.fail("format", f"{show(fmt)} is not a supported format (expected {FORMAT!r})")
        raw = document.get("clusters", _MISSING)
        clusters: list[Cluster] = []
        if raw is not _MISSING:
            if type(raw) is not list:
                self.fail("clusters", f"must be a list, not {show(raw)}")
            else:
                first_index: dict[str, int] = {}
                for index, item in enumerate(raw):
                    cluster = self.sound_cluster(item)
                    if cluster is None or cluster.id in first_index:
                        cluster = self.cluster(item, f"clusters[{index}]", first_index, index)
                    else:
                        first_index[cluster.id] = index
                    if cluster is not None:
                        clusters.append(cluster)
        if self.problems:
            raise PortfolioError(self.source, self.problems)
        return Portfolio(clusters)

    def cluster(
        self, obj: Any, path: str, first_index: dict[str, int], index: int
    ) -> Cluster | None:
        if not isinstance(obj, dict):
            self.fail(path, f"must be an object, not {show(obj)}")
            return None
        before = len(self.problems)
        self.keys(obj, path, _CLUSTER_KEYS, ("id", "name", "assessments"))
        cluster_id = self.text(obj, "id", path)
        if cluster_id is not None:
            if cluster_id in first_index:
                self.fail(
                    _key(path, "id"),
                    f"{show(cluster_id)} is already the id of clusters[{first_index[cluster_id]}]",
                )
            else:
                first_index[cluster_id] = index
        name = self.text(obj, "name", path)
        country = self.country(obj, path)
        portfolio = self.text(obj, "comparative_portfolio", path)
        note = self.text(obj, "note", path)
        website = self.text(obj, "website", path)
        stated = self.stated_labels(obj, path)
        organisation = self.organisation(
            obj.get("organisation", _MISSING), _key(path, "organisation")
        )
        assessments = self.assessments(obj.get("assessments", _MISSING), _key(path, "assessments"))
        if len(self.problems) > before:
            return None
        assert cluster_id is not None
        assert name is not None
        assert assessments is not None
        return Cluster(
            cluster_id,
            name,
            assessments,
            country=country,
            comparative_portfolio=portfolio,
            note=note,
            organisation=organisation,
            stated_labels=stated,
            website=website,
        )

    def stated_labels(self, obj: dict[str, Any], path: str) -> tuple[StatedLabel, ...]:
        """The optional list of labels known only by their stated end."""
        raw = self.list(obj, "stated_labels", path)
        if raw is None:
            return ()
        result = []
        first_index: dict[tuple[Tier, dt.date], int] = {}
        for index, at, entry in self.objects(raw, _key(path, "stated_labels")):
            before = len(self.problems)
            self.keys(entry, at, _STATED_KEYS, ("tier", "valid_until"))
            tier = entry.get("tier", _MISSING)
            if tier is not _MISSING and (type(tier) is not str or tier not in _TIERS):
                self.fail(_key(at, "tier"), f"{show(tier)} is not one of {', '.join(_TIERS)}")
            until = self.date(entry, "valid_until", at)
            source = self.text(entry, "source", at)
            if len(self.problems) > before:
                continue
            assert until is not None
            stated = StatedLabel(_TIERS[tier], until, source=source)
            key = (stated.tier, until)
            if key in first_index:
                self.fail(
                    at,
                    f"a second stated {tier} label valid until {until.isoformat()} "
                    f"(the first is {_key(path, 'stated_labels')}[{first_index[key]}])",
                )
                continue
            first_index[key] = index
            result.append(stated)
        return tuple(result)

    def organisation(self, raw: Any, path: str) -> Organisation | None:
        """The optional organisation profile; every field optional, none null."""
        if raw is _MISSING:
            return None
        obj = self.object(raw, path)
        if obj is None:
            return None
        before = len(self.problems)
        self.keys(obj, path, _ORGANISATION_KEYS, ())
        values: dict[str, Any] = {}
        for key in ("eccp_listed", "public_cooperation", "english_website"):
            values[key] = self.boolean(obj, key, path, default=None)
        for key, whole in (("management_fte", False), ("committed_members", True)):
            value = obj.get(key, _MISSING)
            if value is _MISSING:
                continue
            at = _key(path, key)
            number = self.number(value, at)
            if number is None:
                continue
            if number < 0 or (whole and type(number) is not int):
                kind = "a whole number" if whole else "a number"
                self.fail(at, f"{number!r} must be {kind} of 0 or more")
                continue
            values[key] = number
        types = obj.get("member_types", _MISSING)
        if types is not _MISSING:
            at = _key(path, "member_types")
            if type(types) is not list or any(t not in MEMBER_TYPES for t in types):
                self.fail(at, f"must be a list of {', '.join(MEMBER_TYPES)}, not {show(types)}")
            elif len(set(types)) != len(types):
                self.fail(at, "lists a member type twice")
            else:
                values["member_types"] = tuple(types)
        values["programme_recognition"] = self.text(obj, "programme_recognition", path)
        if len(self.problems) > before:
            return None
        return Organisation(**values)

    def assessments(self, raw: Any, path: str) -> list[Assessment] | None:
        if raw is _MISSING:
            return None
        if type(raw) is not list:
            self.fail(path, f"must be a list, not {show(raw)}")
            return None
        result: list[Assessment] = []
        first_index: dict[tuple[str, dt.date], int] = {}
        for index, item in enumerate(raw):
            item_path = f"{path}[{index}]"
            assessment = self.assessment(item, item_path)
            if assessment is None:
                continue
            key = (assessment.kind, assessment.date)
            if key in first_index:
                self.fail(
                    item_path,
                    f"a second {assessment.kind} on {assessment.date.isoformat()} "
                    f"(the first is {path}[{first_index[key]}])",
                )
            else:
                first_index[key] = index
            result.append(assessment)
        return result

    def assessment(self, obj: Any, path: str) -> Assessment | None:
        if not isinstance(obj, dict):
            self.fail(path, f"must be an object, not {show(obj)}")
            return None
        kind = obj.get("type", _MISSING)
        if kind is _MISSING:
            self.fail(_key(path, "type"), f"is missing (required: one of {_KINDS})")
            return None
        allowed = _ASSESSMENT_KEYS.get(kind) if type(kind) is str else None
        if allowed is None:
            self.fail(_key(path, "type"), f"{show(kind)} is not one of {_KINDS}")
            return None
        before = len(self.problems)
        self.keys(obj, path, allowed, _REQUIRED[kind])
        date = self.date(obj, "date", path)
        note = self.text(obj, "note", path)
        if kind == "benchmarking":
            awarded = self.boolean(obj, "awarded", path, default=True)
            values = self.indicators(obj, path, "benchmarking")
            if len(self.problems) > before:
                return None
            assert date is not None
            assert awarded is not None
            return Benchmarking(date, awarded=awarded, note=note, indicators=values)
        if kind == "silver_audit":
            passed = self.boolean(obj, "passed", path, default=_MISSING)
            areas = self.improvement_areas(obj, path)
            minimums = self.boolean(obj, "minimum_requirements_met", path, default=None)
            if len(self.problems) > before:
                return None
            assert date is not None
            assert passed is not None
            return SilverAudit(
                date,
                passed=passed,
                note=note,
                improvement_areas=areas,
                minimum_requirements_met=minimums,
            )
        passed = self.boolean(obj, "passed", path, default=None)
        score = self.percent(obj, "score", path)
        met = self.boolean(obj, "minimum_requirements_met", path, default=True)
        values = self.indicators(obj, path, "gold")
        self_test = self.boolean(obj, "self_test_passed", path, default=None)
        days = self.positive(obj, "audit_days", path, whole=False)
        experts = self.positive(obj, "experts", path, whole=True)
        if "passed" not in obj and "score" not in obj:
            self.fail(path, "a gold_audit needs passed or score (or both)")
        if len(self.problems) > before:
            return None
        assert date is not None
        assert met is not None
        audit = GoldAudit(
            date,
            passed=passed,
            score=score,
            minimum_requirements_met=met,
            note=note,
            indicators=values,
            self_test_passed=self_test,
            audit_days=days,
            experts=experts,
        )
        contradiction = gold_audit_contradiction(audit, self.rulebook)
        if contradiction is not None:
            self.fail(_key(path, "passed"), contradiction)
            return None
        return audit

    def positive(self, obj: dict[str, Any], key: str, path: str, *, whole: bool) -> Any:
        """An optional number above 0 (whole when ``whole``)."""
        value = obj.get(key, _MISSING)
        if value is _MISSING:
            return None
        at = _key(path, key)
        number = self.number(value, at)
        if number is None:
            return None
        if number <= 0 or (whole and type(number) is not int):
            self.fail(at, f"{number!r} must be {'a whole number' if whole else 'a number'} above 0")
            return None
        return number

    def improvement_areas(
        self, obj: dict[str, Any], path: str
    ) -> tuple[ImprovementArea, ...] | None:
        """The Silver audit's improvement areas, each tied to Gold indicators."""
        raw = self.list(obj, "improvement_areas", path)
        if raw is None:
            return None
        catalogue = self.catalogues.get("gold")
        areas = []
        for _, at, area in self.objects(raw, _key(path, "improvement_areas")):
            before = len(self.problems)
            self.keys(area, at, _AREA_KEYS, ("indicators",))
            codes = area.get("indicators", _MISSING)
            if codes is not _MISSING:
                if (
                    type(codes) is not list
                    or not codes
                    or any(type(code) is not str or not code.strip() for code in codes)
                ):
                    self.fail(
                        _key(at, "indicators"),
                        f"must be a list of indicator codes (at least one), not {show(codes)}",
                    )
                elif catalogue is not None:
                    for code in codes:
                        if code not in {i.code for i in catalogue.indicators}:
                            self.fail(
                                _key(at, "indicators"),
                                f"{catalogue.label} has no indicator {code!r}",
                            )
            description = self.text(area, "description", at)
            effect = self.text(area, "effect", at)
            validated = self.boolean(area, "validated", at, default=None)
            if len(self.problems) == before:
                areas.append(
                    ImprovementArea(
                        codes, description=description, effect=effect, validated=validated
                    )
                )
        return tuple(areas)

    def indicators(self, obj: dict[str, Any], path: str, purpose: str) -> IndicatorValues:
        """The ``indicators`` object: values checked against the catalogue of ``purpose``."""
        raw = obj.get("indicators", _MISSING)
        if raw is _MISSING:
            return NO_VALUES
        at = _key(path, "indicators")
        if not isinstance(raw, dict):
            self.fail(at, f"must be an object of indicator values, not {show(raw)}")
            return NO_VALUES
        if type(raw) is RepeatedKeys:
            for code in raw.repeated:
                self.fail(_key(at, code), "appears more than once in the object")
        catalogue = self.catalogues.get(purpose)
        known = self.indicator_codes.get(purpose, {})
        values: dict[str, Value] = {}
        for code, value in raw.items():
            if not code.strip():
                self.fail(_key(at, code), "an indicator code must not be blank")
                continue
            if catalogue is not None:
                indicator = known.get(code)
                if indicator is None:
                    self.fail(_key(at, code), f"{catalogue.label} has no indicator {code!r}")
                    continue
                problem = value_problem(indicator.kind, value, indicator.scale)
                if problem is not None:
                    self.fail(
                        _key(at, code), f"{problem} ({indicator.kind.value}: {indicator.name})"
                    )
                    continue
            elif not (
                value is True
                or value is False
                or (type(value) in (int, float) and math.isfinite(value))
            ):
                self.fail(_key(at, code), f"must be a number or true/false, not {show(value)}")
                continue
            values[code] = value
        return _checked_values(values)

    # -- the fast path -----------------------------------------------------
    # Most files are sound. These methods accept exactly what the checks
    # above accept, build the values without checking them twice, and return
    # None at the first doubt: the checks above then run and say what is
    # wrong. Keeping both in step is tested by feeding every broken document
    # of the test suite through the reader.

    def sound_day(self, value: Any) -> dt.date | None:
        if type(value) is not str:
            return None
        day = self.dates.get(value)
        if day is None and _DATE_SHAPE.fullmatch(value):
            try:
                day = self.dates[value] = dt.date.fromisoformat(value)
            except ValueError:
                return None
        return day

    def sound_assessment(self, obj: Any) -> Assessment | None:
        if type(obj) is not dict:  # a RepeatedKeys object is not sound
            return None
        kind = obj.get("type")
        allowed = _SOUND_KEYS.get(kind) if type(kind) is str else None
        if allowed is None or not obj.keys() <= allowed:
            return None
        day = self.sound_day(obj.get("date"))
        if day is None:
            return None
        note = obj.get("note", _MISSING)
        if note is _MISSING:
            note = None
        elif type(note) is not str or not note or note.isspace():
            return None
        if kind == "benchmarking":
            awarded = obj.get("awarded", True)
            if awarded is not True and awarded is not False:
                return None
            return _benchmarking(day, awarded, note, NO_VALUES)
        passed = obj.get("passed", _MISSING)
        if kind == "silver_audit":
            if passed is not True and passed is not False:
                return None
            return _silver_audit(day, passed, note, None, None)
        if passed is _MISSING:
            passed = None
        elif passed is not True and passed is not False:
            return None
        score = obj.get("score", _MISSING)
        if score is _MISSING:
            if passed is None:
                return None
            score = None
        elif (type(score) is float or type(score) is int) and 0 <= score <= 100:  # not NaN
            score = float(score)
        else:
            return None
        met = obj.get("minimum_requirements_met", True)
        if met is not True and met is not False:
            return None
        audit: GoldAudit = _gold_audit(day, passed, score, met, note, NO_VALUES, None, None, None)
        if passed is not None and gold_audit_contradiction(audit, self.rulebook) is not None:
            return None
        return audit

    def sound_cluster(self, obj: Any) -> Cluster | None:
        if type(obj) is not dict or not obj.keys() <= _SOUND_CLUSTER_KEYS:
            return None
        cluster_id = obj.get("id")
        name = obj.get("name")
        raw = obj.get("assessments")
        if type(cluster_id) is not str or type(name) is not str or type(raw) is not list:
            return None
        if not cluster_id or cluster_id.isspace() or not name or name.isspace():
            return None
        country = portfolio = note = None
        if len(obj) > 3:  # some of the optional texts are there
            country = obj.get("country", _MISSING)
            portfolio = obj.get("comparative_portfolio", _MISSING)
            note = obj.get("note", _MISSING)
            if country is _MISSING:
                country = None
            elif type(country) is not str or country not in ALPHA_2:
                return None
            if portfolio is _MISSING:
                portfolio = None
            elif type(portfolio) is not str or not portfolio or portfolio.isspace():
                return None
            if note is _MISSING:
                note = None
            elif type(note) is not str or not note or note.isspace():
                return None
        assessments = []
        in_order = True  # strictly later dates: sorted, and no kind twice on a day
        previous = _DAWN
        for item in raw:
            assessment = self.sound_assessment(item)
            if assessment is None:
                return None
            if assessment.date <= previous:
                in_order = False
            previous = assessment.date
            assessments.append(assessment)
        if in_order:
            return _cluster(
                cluster_id, name, tuple(assessments), country, portfolio, note, None, (), None
            )
        ordered = canonical_order(assessments)
        for before, after in itertools.pairwise(ordered):
            if before.date == after.date and before.kind == after.kind:
                return None
        return _cluster(cluster_id, name, ordered, country, portfolio, note, None, (), None)

    # -- fields ------------------------------------------------------------

    def country(self, obj: dict[str, Any], path: str) -> str | None:
        value = self.text(obj, "country", path)
        if value is not None and value not in ALPHA_2:
            hint = HINTS.get(value)
            self.fail(
                _key(path, "country"),
                f"{show(value)} is not an ISO 3166-1 alpha-2 country code"
                + (f" ({hint})" if hint else ""),
            )
            return None
        return value

    def date(self, obj: dict[str, Any], key: str, path: str) -> dt.date | None:
        value = obj.get(key, _MISSING)
        if value is _MISSING:
            return None
        if type(value) is str:
            known = self.dates.get(value)
            if known is not None:
                return known
            if _DATE_SHAPE.fullmatch(value):
                try:
                    day = dt.date.fromisoformat(value)
                except ValueError:
                    self.fail(_key(path, key), f"{value} is not a valid date")
                    return None
                self.dates[value] = day
                return day
            self.fail(_key(path, key), f"{show(value)} is not a date in YYYY-MM-DD form")
            return None
        self.fail(_key(path, key), f"must be a date string YYYY-MM-DD, not {show(value)}")
        return None

    def percent(self, obj: dict[str, Any], key: str, path: str) -> float | None:
        value = obj.get(key, _MISSING)
        if value is _MISSING:
            return None
        if type(value) is int or type(value) is float:
            if not math.isfinite(value):
                self.fail(_key(path, key), f"{value} is not a finite number")
            elif not 0 <= value <= 100:
                self.fail(
                    _key(path, key), f"{value!r} is outside 0-100 (percent of the maximum points)"
                )
            else:
                return float(value)
            return None
        self.fail(_key(path, key), f"must be a number from 0 to 100, not {show(value)}")
        return None
