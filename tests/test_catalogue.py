"""Indicator catalogues: the format, the strict reader and the shipped catalogues."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from cluster_excellence import Indicator, benchmarking_catalogue, gold_catalogue, read_catalogue
from cluster_excellence.errors import CatalogueError
from cluster_excellence.files.catalogue import CATALOGUE_FILES
from cluster_excellence.model.catalogues import Direction, Provenance, ValueKind, value_problem

DATA = Path(__file__).resolve().parents[1] / "src" / "cluster_excellence" / "data"


class TestShipped:
    def test_benchmarking_has_the_six_published_areas_and_36_indicators(self) -> None:
        catalogue = benchmarking_catalogue()
        assert [area.name for area in catalogue.areas] == [
            "Structure of the cluster",
            "Cluster management and governance",
            "Financing of the cluster management",
            "Services",
            "Contacts and interaction within the cluster",
            "Achievements and recognition",
        ]
        assert all(area.provenance is Provenance.PUBLISHED for area in catalogue.areas)
        assert len(catalogue.indicators) == 36
        assert catalogue.purpose == "benchmarking"

    def test_the_eligibility_thresholds_are_published_entries(self) -> None:
        catalogue = benchmarking_catalogue()
        published = {
            i.code: i.minimum for i in catalogue.indicators if i.provenance is Provenance.PUBLISHED
        }
        assert published["B-MAN-01"] == 0.5  # management team FTE
        assert published["B-STR-01"] == 15  # committed members
        assert published["B-STR-02"] == 2  # member types
        assert published["B-INT-01"] is True  # English website
        assert published["B-MAN-02"] is True  # listed on ECCP
        assert all("ECCP" in catalogue.indicator(code).source for code in published)

    def test_gold_has_31_indicators_and_150_points(self) -> None:
        catalogue = gold_catalogue()
        assert len(catalogue.indicators) == 31
        assert catalogue.max_points() == 150
        assert all(i.gold_threshold is not None and i.points for i in catalogue.indicators)
        assert all(i.provenance is Provenance.ILLUSTRATIVE for i in catalogue.indicators)

    @pytest.mark.parametrize("catalogue", [benchmarking_catalogue(), gold_catalogue()])
    def test_every_entry_has_a_source_and_a_provenance(self, catalogue: Any) -> None:
        for entry in (*catalogue.areas, *catalogue.indicators):
            assert entry.source.strip()
            assert isinstance(entry.provenance, Provenance)

    @pytest.mark.parametrize("name", ["benchmarking-reference.json", "gold-reference.json"])
    def test_the_shipped_files_are_what_the_writer_writes(self, name: str) -> None:
        text = (DATA / name).read_text(encoding="utf-8")
        assert CATALOGUE_FILES.to_json(CATALOGUE_FILES.parse(text)) == text

    def test_reading_a_file(self, tmp_path: Path) -> None:
        path = tmp_path / "c.json"
        path.write_text(CATALOGUE_FILES.to_json(gold_catalogue()), encoding="utf-8")
        assert read_catalogue(path) == gold_catalogue()


def _document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(CATALOGUE_FILES.to_json(gold_catalogue()))
    return document


def problems(document: Any) -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        CATALOGUE_FILES.parse(json.dumps(document), source="c.json")
    assert caught.value.source == "c.json"
    return [str(problem) for problem in caught.value.problems]


def with_indicator(**changes: Any) -> dict[str, Any]:
    document = _document()
    indicator = document["indicators"][0]  # G-STR-01: count, threshold 80, points 5, minimum 15
    for key, value in changes.items():
        if value is None:
            indicator.pop(key, None)
        else:
            indicator[key] = value
    return document


class TestReaderProblems:
    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            (
                {"gold_threshold": 80.5},
                "indicators[0].gold_threshold: 80.5 is a count and must be a whole number of 0 or more (the indicator is count)",
            ),
            (
                {"minimum": -1},
                "indicators[0].minimum: -1 is a count and must be a whole number of 0 or more (the indicator is count)",
            ),
            ({"minimum": 81}, "indicators[0].minimum: 81 is stricter than the gold_threshold 80"),
            (
                {"gold_threshold": True},
                "indicators[0].gold_threshold: must be a number, not true (the indicator is count)",
            ),
            (
                {"area": "strucure"},
                'indicators[0].area: "strucure" is not the code of an area of this catalogue',
            ),
            (
                {"kind": "percent"},
                'indicators[0].kind: "percent" is not one of count, share, fte, money, yes_no, ordinal',
            ),
            ({"direction": "up"}, 'indicators[0].direction: "up" is not one of higher, lower'),
            (
                {"provenance": "official"},
                'indicators[0].provenance: "official" is not one of published, illustrative',
            ),
            ({"points": 0}, "indicators[0].points: must be a whole number above 0, not 0"),
            ({"scale": [1, 5]}, "indicators[0].scale: only ordinal indicators have a scale"),
            ({"source": " "}, "indicators[0].source: must not be blank"),
            (
                {"treshold": 3},
                "indicators[0].treshold: unknown key (did you mean 'gold_threshold'?)",
            ),
        ],
    )
    def test_indicator_problems(self, changes: dict[str, Any], expected: str) -> None:
        assert problems(with_indicator(**changes)) == [expected]

    def test_a_lower_is_better_minimum_stricter_than_its_threshold(self) -> None:
        document = _document()
        fin04 = next(i for i in document["indicators"] if i["code"] == "G-FIN-04")  # lower, 0.7
        fin04["minimum"] = 0.5
        assert problems(document) == [
            "indicators[14].minimum: 0.5 is stricter than the gold_threshold 0.7"
        ]
        fin04["minimum"] = 0.9
        assert CATALOGUE_FILES.parse(json.dumps(document)).indicator("G-FIN-04").minimum == 0.9

    def test_a_share_threshold_outside_0_to_1(self) -> None:
        document = _document()
        document["indicators"][2]["gold_threshold"] = 50
        assert problems(document) == [
            "indicators[2].gold_threshold: 50 is a share and must lie from 0 to 1 (the indicator is share)"
        ]

    def test_ordinal_indicators_need_a_scale_and_values_on_it(self) -> None:
        document = _document()
        man05 = document["indicators"][9]
        assert man05["kind"] == "ordinal"
        man05["gold_threshold"] = 6
        del man05["scale"]
        assert problems(document) == [
            "indicators[9].scale: is missing (required for an ordinal indicator)"
        ]
        man05["scale"] = [1, 5]
        assert problems(document) == [
            "indicators[9].gold_threshold: 6 must be a whole number on the scale 1 to 5 (the indicator is ordinal)"
        ]

    def test_duplicate_codes_and_areas(self) -> None:
        document = _document()
        document["indicators"][1]["code"] = "G-STR-01"
        document["areas"].append(dict(document["areas"][0]))
        assert problems(document) == [
            'areas[6].code: "structure" is already the code of areas[0]',
            'indicators[1].code: "G-STR-01" is already the code of indicators[0]',
        ]

    def test_a_gold_catalogue_needs_thresholds_and_points(self) -> None:
        assert problems(with_indicator(points=None)) == [
            "indicators[0]: an indicator of a gold catalogue needs gold_threshold and points"
        ]
        assert problems(with_indicator(gold_threshold=None, minimum=None)) == [
            "indicators[0].points: points need a gold_threshold to be earned against",
            "indicators[0]: an indicator of a gold catalogue needs gold_threshold and points",
        ]

    def test_the_document(self) -> None:
        found = problems({"format": "x", "purpose": "silver"})
        assert (
            "format: \"x\" is not a supported format (expected 'cluster-excellence.catalogue/1')"
            in found
        )
        assert 'purpose: "silver" is not one of benchmarking, gold' in found
        assert "indicators: is missing (required)" in found

    def test_unusable_text(self) -> None:
        with pytest.raises(CatalogueError, match=r"c\.json: not valid JSON"):
            CATALOGUE_FILES.parse("{", source="c.json")


class TestValues:
    @pytest.mark.parametrize(
        ("kind", "value", "problem"),
        [
            (ValueKind.COUNT, 3, None),
            (ValueKind.COUNT, 3.0, "3.0 is a count and must be a whole number of 0 or more"),
            (ValueKind.COUNT, -1, "-1 is a count and must be a whole number of 0 or more"),
            (ValueKind.SHARE, 0, None),
            (ValueKind.SHARE, 1, None),
            (ValueKind.SHARE, 1.01, "1.01 is a share and must lie from 0 to 1"),
            (ValueKind.FTE, 0.5, None),
            (ValueKind.FTE, -0.5, "-0.5 must be 0 or more"),
            (ValueKind.MONEY, 250000, None),
            (ValueKind.YES_NO, True, None),
            (ValueKind.YES_NO, 1, "must be true or false, not 1"),
            (ValueKind.FTE, True, "must be a number, not true"),
            (ValueKind.FTE, float("nan"), "nan is not a finite number"),
            (ValueKind.MONEY, 10**400, "an integer of 401 digits is too large for a number"),
            (ValueKind.COUNT, "3", 'must be a number, not "3"'),
        ],
    )
    def test_value_problem(self, kind: ValueKind, value: Any, problem: str | None) -> None:
        assert value_problem(kind, value) == problem

    def test_indicators_refuse_inconsistent_values(self) -> None:
        base = gold_catalogue().indicator("G-STR-01")
        with pytest.raises(ValueError, match="stricter than the gold_threshold"):
            Indicator(
                base.code, base.name, base.area, base.kind, Direction.HIGHER, base.source,
                base.provenance, gold_threshold=10, minimum=20,
            )  # fmt: skip
        with pytest.raises(ValueError, match="points need a gold_threshold"):
            Indicator(
                base.code, base.name, base.area, base.kind, Direction.HIGHER, base.source,
                base.provenance, points=5,
            )  # fmt: skip

    def test_catalogues_refuse_unknown_areas(self) -> None:
        catalogue = gold_catalogue()
        broken = copy.copy(list(catalogue.indicators))
        with pytest.raises(
            ValueError,
            match=r'indicators\[1\].area: "nowhere" is not the code of an area of this catalogue',
        ):
            type(catalogue)(
                catalogue.id, catalogue.version, catalogue.title, catalogue.purpose,
                catalogue.areas, [*broken[:1], Indicator(
                    "X", "X", "nowhere", ValueKind.COUNT, Direction.HIGHER, "s",
                    Provenance.ILLUSTRATIVE, gold_threshold=1, points=1)],
            )  # fmt: skip
