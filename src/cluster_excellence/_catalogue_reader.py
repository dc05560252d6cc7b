"""The strict reader behind :func:`read_catalogue` and :func:`parse_catalogue`."""

from __future__ import annotations

from typing import Any

from ._json import MISSING, Checker, key_path, load_json, show
from .catalogue import (
    CATALOGUE_FORMAT,
    Area,
    Catalogue,
    Direction,
    Indicator,
    Provenance,
    ValueKind,
    meets,
    value_problem,
)
from .errors import CatalogueError, Problem

_TOP = frozenset({"format", "id", "version", "title", "purpose", "areas", "indicators"})
_AREA = frozenset({"code", "name", "source", "provenance"})
_INDICATOR = frozenset(
    {
        "code",
        "name",
        "area",
        "kind",
        "direction",
        "unit",
        "scale",
        "gold_threshold",
        "points",
        "minimum",
        "source",
        "provenance",
    }
)
_INDICATOR_REQUIRED = ("code", "name", "area", "kind", "direction", "source", "provenance")
_PROVENANCES = [p.value for p in Provenance]


def read_catalogue_document(data: bytes, source: str) -> Catalogue:
    """Decode, parse and check a catalogue document."""
    return _CatalogueReader(source).catalogue(load_json(data, source, CatalogueError))


class _CatalogueReader(Checker):
    def catalogue(self, document: Any) -> Catalogue:
        if not isinstance(document, dict):
            raise CatalogueError(
                self.source,
                [Problem("", f"the document must be a JSON object, not {show(document)}")],
            )
        self.keys(document, "", _TOP, sorted(_TOP))
        fmt = document.get("format", MISSING)
        if fmt is not MISSING and fmt != CATALOGUE_FORMAT:
            self.fail(
                "format", f"{show(fmt)} is not a supported format (expected {CATALOGUE_FORMAT!r})"
            )
        fields = {key: self.text(document, key, "") for key in ("id", "version", "title")}
        purpose = self.choice(document, "purpose", "", ("benchmarking", "gold"))
        areas = self.areas(self.list(document, "areas", "") or [])
        indicators = self.indicators(
            self.list(document, "indicators", "") or [], {a.code for a in areas}, purpose
        )
        if self.problems:
            raise CatalogueError(self.source, self.problems)
        assert fields["id"] and fields["version"] and fields["title"]
        assert purpose is not None
        return Catalogue(
            id=fields["id"],
            version=fields["version"],
            title=fields["title"],
            purpose=purpose,
            areas=areas,
            indicators=indicators,
        )

    def areas(self, raw: list[Any]) -> list[Area]:
        areas: list[Area] = []
        first: dict[str, int] = {}
        for index, path, obj in self.objects(raw, "areas"):
            before = len(self.problems)
            self.keys(obj, path, _AREA, sorted(_AREA))
            code = self.unique_code(obj, path, first, "areas", index)
            name = self.text(obj, "name", path)
            source = self.text(obj, "source", path)
            provenance = self.choice(obj, "provenance", path, _PROVENANCES)
            if len(self.problems) == before:
                assert code and name and source
                assert provenance
                areas.append(Area(code, name, source, Provenance(provenance)))
        return areas

    def indicators(self, raw: list[Any], areas: set[str], purpose: str | None) -> list[Indicator]:
        indicators: list[Indicator] = []
        first: dict[str, int] = {}
        for index, path, obj in self.objects(raw, "indicators"):
            before = len(self.problems)
            self.keys(obj, path, _INDICATOR, _INDICATOR_REQUIRED)
            code = self.unique_code(obj, path, first, "indicators", index)
            name = self.text(obj, "name", path)
            area = self.text(obj, "area", path)
            if area is not None and area not in areas:
                self.fail(
                    key_path(path, "area"),
                    f"{show(area)} is not the code of an area of this catalogue",
                )
            kind_name = self.choice(obj, "kind", path, [k.value for k in ValueKind])
            direction_name = self.choice(obj, "direction", path, [d.value for d in Direction])
            unit = self.text(obj, "unit", path)
            source = self.text(obj, "source", path)
            provenance = self.choice(obj, "provenance", path, _PROVENANCES)
            kind = ValueKind(kind_name) if kind_name else None
            direction = Direction(direction_name) if direction_name else None
            scale = self.scale(obj, path, kind)
            threshold = self.value(obj, "gold_threshold", path, kind, scale)
            minimum = self.value(obj, "minimum", path, kind, scale)
            points = self.points(obj, path, threshold)
            if (
                minimum is not None
                and threshold is not None
                and direction is not None
                and not meets(threshold, minimum, direction)
            ):
                self.fail(
                    key_path(path, "minimum"),
                    f"{minimum!r} is stricter than the gold_threshold {threshold!r}",
                )
            if purpose == "gold" and ("gold_threshold" not in obj or "points" not in obj):
                self.fail(path, "an indicator of a gold catalogue needs gold_threshold and points")
            if len(self.problems) == before:
                assert code and name and area and source and provenance
                assert kind is not None
                assert direction is not None
                indicators.append(
                    Indicator(
                        code,
                        name,
                        area,
                        kind,
                        direction,
                        source,
                        Provenance(provenance),
                        unit=unit,
                        scale=scale,
                        gold_threshold=threshold,
                        points=points,
                        minimum=minimum,
                    )
                )
        return indicators

    def unique_code(
        self, obj: dict[str, Any], path: str, first: dict[str, int], what: str, index: int
    ) -> str | None:
        """The entry's ``code``, reported when an earlier entry has it already."""
        code = self.text(obj, "code", path)
        if code is not None and code in first:
            message = f"{show(code)} is already the code of {what}[{first[code]}]"
            self.fail(key_path(path, "code"), message)
        elif code is not None:
            first[code] = index
        return code

    def scale(
        self, obj: dict[str, Any], path: str, kind: ValueKind | None
    ) -> tuple[int, int] | None:
        value = obj.get("scale", MISSING)
        at = key_path(path, "scale")
        if kind is ValueKind.ORDINAL and value is MISSING:
            self.fail(at, "is missing (required for an ordinal indicator)")
            return None
        if value is MISSING:
            return None
        if kind is not ValueKind.ORDINAL:
            self.fail(at, "only ordinal indicators have a scale")
            return None
        if (
            type(value) is not list
            or len(value) != 2
            or any(type(v) is not int for v in value)
            or value[0] >= value[1]
        ):
            self.fail(at, f"must be [lowest, highest] whole numbers, not {show(value)}")
            return None
        return (value[0], value[1])

    def value(
        self,
        obj: dict[str, Any],
        key: str,
        path: str,
        kind: ValueKind | None,
        scale: tuple[int, int] | None,
    ) -> Any:
        value = obj.get(key, MISSING)
        if value is MISSING or kind is None:
            return None
        problem = value_problem(kind, value, scale)
        if problem is not None:
            self.fail(key_path(path, key), f"{problem} (the indicator is {kind.value})")
            return None
        return value

    def points(self, obj: dict[str, Any], path: str, threshold: Any) -> int | None:
        value = obj.get("points", MISSING)
        if value is MISSING:
            return None
        if type(value) is not int or value <= 0:
            self.fail(
                key_path(path, "points"), f"must be a whole number above 0, not {show(value)}"
            )
            return None
        if "gold_threshold" not in obj:
            self.fail(key_path(path, "points"), "points need a gold_threshold to be earned against")
            return None
        return value
