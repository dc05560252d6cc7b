"""Programmes and compliance: which clusters meet a programme on a day, until when, and why."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cluster_excellence import (
    Benchmark,
    Cluster,
    GoldAudit,
    Portfolio,
    Programme,
    SilverAudit,
    StatedLabel,
    Tier,
    cluster_plan,
    cluster_status,
    get_programme,
    portfolio_compliance,
    portfolio_to_json,
    read_programme,
)
from cluster_excellence._calendar import EARLIEST_DAY, LATEST_DAY
from cluster_excellence.cli import main
from cluster_excellence.errors import ProgrammeError
from cluster_excellence.files.presets import PROGRAMME_IDS
from cluster_excellence.files.programme import PROGRAMME_FILES
from cluster_excellence.rules.compliance import cluster_compliance
from cluster_excellence.rules.labels import Status, known_on

from .documents import validate
from .property.strategies import clusters

D = dt.date
ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "regional-programme.json"
SCHEMA = jsonschema.Draft202012Validator(PROGRAMME_FILES.schema())
FORMAT = "cluster-excellence.programme/1"
PRESETS = [get_programme(name) for name in PROGRAMME_IDS]
GCE = get_programme("no-gce")
GO = get_programme("de-go-cluster")
#: Gold from 2021-09-22: valid until 2023-09-30, renewable until 2024-09-30.
OCEAN = Cluster("ocean", "Ocean", [GoldAudit(D(2021, 9, 22), score=99.0)])


class TestProgramme:
    def test_the_presets(self) -> None:
        assert list(PROGRAMME_IDS) == ["de-go-cluster", "dk-innovationskraft", "no-gce"]
        assert get_programme("dk-innovationskraft").tiers == (Tier.GOLD,)
        assert GCE.tiers == (Tier.GOLD,)
        assert GO.tiers == (Tier.SILVER, Tier.GOLD)
        for programme in PRESETS:
            assert not programme.renewal_window_counts  # the presets count valid labels only
            assert programme.become_by is None  # no source gives a deadline
            assert any(source.startswith("https://") for source in programme.sources)

    def test_an_unknown_preset(self) -> None:
        with pytest.raises(KeyError, match="unknown programme 'dk' \\(known: de-go-cluster"):
            get_programme("dk")

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"tiers": []}, "tiers: must name at least one tier"),
            ({"tiers": ["gold", "gold"]}, "tiers: must name each tier once"),
            ({"tiers": "gold"}, 'tiers: must be tiers (bronze, silver, gold), not "gold"'),
            ({"id": ""}, "id: must not be blank"),
            ({"renewal_window_counts": 1}, "renewal_window_counts: must be True or False, not 1"),
            ({"become_by": dt.datetime(2027, 1, 1)}, "become_by: must be a day"),
            ({"become_by": D(9999, 1, 1)}, "become_by: 9999-01-01 is after 9979-12-31"),
            ({"sources": ["a\nb"]}, "sources: holds a text that contains a line break"),
            ({"sources": "a guide"}, 'sources: must be a list of texts, not "a guide"'),
        ],
    )
    def test_bad_values_are_refused(self, fields: dict[str, Any], message: str) -> None:
        values: dict[str, Any] = {"id": "p", "name": "P", "tiers": ["gold"], **fields}
        with pytest.raises((TypeError, ValueError)) as caught:
            Programme(**values)
        assert str(caught.value).startswith(message)


class TestCompliance:
    @pytest.mark.parametrize(
        ("on", "compliant", "held"),
        [
            (D(2021, 9, 21), False, None),  # the day before the audit
            (D(2021, 9, 22), True, Tier.GOLD),
            (D(2023, 9, 30), True, Tier.GOLD),  # the last valid day
            (D(2023, 10, 1), False, None),  # the day after: expired, in the renewal window
        ],
    )
    def test_only_a_valid_label_counts_for_the_presets(
        self, on: dt.date, compliant: bool, held: Tier | None
    ) -> None:
        result = cluster_compliance(OCEAN, GCE, on)
        assert (result.compliant, result.held_tier) == (compliant, held)
        assert result.compliant_until == (D(2023, 9, 30) if compliant else None)
        assert result.standing.value == ("compliant" if compliant else "not_compliant")

    @pytest.mark.parametrize(
        ("on", "compliant"),
        [(D(2023, 10, 1), True), (D(2024, 9, 30), True), (D(2024, 10, 1), False)],
    )
    def test_a_programme_may_count_the_renewal_window(self, on: dt.date, compliant: bool) -> None:
        lenient = attrs.evolve(GCE, id="lenient", renewal_window_counts=True)
        result = cluster_compliance(OCEAN, lenient, on)
        assert result.compliant is compliant
        assert result.compliant_until == (D(2024, 9, 30) if compliant else None)

    @pytest.mark.parametrize(
        ("on", "standing"),
        [(D(2021, 9, 21), "due"), (D(2021, 9, 22), "compliant"), (D(2023, 10, 1), "not_compliant")],
    )
    def test_before_a_deadline_a_cluster_is_due(self, on: dt.date, standing: str) -> None:
        deadline = attrs.evolve(GCE, become_by=D(2021, 12, 31))
        result = cluster_compliance(OCEAN, deadline, on)
        assert result.standing.value == standing
        if standing == "due":
            assert tuple(str(r) for r in result.reasons) == (
                "needs a valid Gold label",
                "due by 2021-12-31",
            )
        late = cluster_compliance(OCEAN, deadline, D(2022, 1, 1) if standing == "due" else on)
        assert late.standing.value != "due"

    def test_the_best_tier_that_counts_and_the_latest_end(self) -> None:
        cluster = Cluster(
            "both",
            "Both",
            [
                Benchmark(D(2019, 1, 10)),
                Benchmark(D(2020, 9, 1)),
                SilverAudit(D(2020, 11, 3), passed=True),  # Silver until 2022-11-30
                GoldAudit(D(2021, 2, 1), score=85.0),  # Gold until 2023-02-28
            ],
        )
        result = cluster_compliance(cluster, GO, D(2021, 6, 1))
        assert (result.held_tier, result.compliant_until) == (Tier.GOLD, D(2023, 2, 28))
        assert tuple(str(r) for r in result.reasons) == (
            "Bronze valid until 2024-01-31 (not accepted)",
            "Silver valid until 2022-11-30",
            "Gold valid until 2023-02-28",
        )
        assert cluster_compliance(cluster, GCE, D(2023, 1, 1)).compliant_until == D(2023, 2, 28)

    def test_a_label_known_only_from_the_listing_counts(self) -> None:
        listed = Cluster("l", "L", [], stated_labels=[StatedLabel(Tier.GOLD, D(2027, 3, 31))])
        result = cluster_compliance(listed, GCE, D(2026, 11, 20))
        assert (result.compliant, result.compliant_until) == (True, D(2027, 3, 31))

    def test_an_award_not_yet_made_does_not_count(self) -> None:
        audit = GoldAudit(D(2021, 9, 22), score=99.0, awarded_on=D(2021, 11, 10))
        cluster = Cluster("o", "O", [audit])
        assert not cluster_compliance(cluster, GCE, D(2021, 11, 9)).compliant
        assert cluster_compliance(cluster, GCE, D(2021, 11, 10)).compliant

    def test_a_portfolio_and_who_falls_out_first(self) -> None:
        later = Cluster("later", "Later", [GoldAudit(D(2022, 3, 1), score=90.0)])
        none = Cluster("none", "None", [])
        result = portfolio_compliance(Portfolio([later, none, OCEAN]), GCE, D(2022, 6, 1))
        assert [c.cluster_id for c in result.clusters] == ["later", "none", "ocean"]
        assert [c.cluster_id for c in result.falling_out()] == ["ocean", "later"]
        document = result.to_dict()
        assert document["programme"]["id"] == "no-gce"
        assert document["clusters"][1] == {
            "id": "none",
            "name": "None",
            "compliant": False,
            "held_tier": None,
            "compliant_until": None,
            "standing": "not_compliant",
            "become_by": None,
            "reasons": [
                {
                    "code": "compliance.needs",
                    "message": "needs a valid Gold label",
                    "values": {"tiers": "Gold"},
                },
            ],
        }
        assert result.to_records()[0]["compliant_until"] == D(2024, 3, 31)
        assert '<table lang="en">' in result._repr_html_()


@given(
    clusters(),
    st.dates(D(2009, 1, 1), D(2040, 12, 31)),
    st.sampled_from([*PRESETS, attrs.evolve(GO, renewal_window_counts=True)]),
)
@example(OCEAN, D(2023, 9, 30), GCE)
@example(OCEAN, D(2022, 1, 1), attrs.evolve(GCE, renewal_window_counts=True))
def test_compliant_until_is_a_compliant_day_within_the_qualifying_labels(
    cluster: Cluster, on: dt.date, programme: Programme
) -> None:
    """``compliant_until`` is never after the latest ``renewable_until`` of a qualifying label,
    the cluster is compliant on it and on the day before (on the records known on ``on``),
    and not the day after."""
    result = cluster_compliance(cluster, programme, on)
    if result.compliant_until is None:
        assert not result.compliant
        return
    known = attrs.evolve(cluster, assessments=[a for a in cluster.assessments if known_on(a, on)])
    qualifying = [
        entry
        for entry in cluster_status(known, on).labels
        if programme.counts(entry.tier) and entry.status is not Status.LAPSED
    ]
    assert result.compliant_until <= max(entry.renewable_until for entry in qualifying)
    until = result.compliant_until
    assert cluster_compliance(known, programme, until).compliant
    assert (
        until <= on or cluster_compliance(known, programme, until - dt.timedelta(days=1)).compliant
    )
    assert not cluster_compliance(known, programme, until + dt.timedelta(days=1)).compliant


class TestFiles:
    def test_the_example_in_the_docs(self) -> None:
        programme = read_programme(EXAMPLE)
        assert (programme.tiers, programme.renewal_window_counts) == (
            (Tier.SILVER, Tier.GOLD),
            True,
        )
        assert programme.become_by == D(2027, 6, 30)

    @given(
        st.builds(
            Programme,
            st.sampled_from(["p", "région-7"]),
            st.sampled_from(["A programme", "Программа"]),
            st.lists(st.sampled_from(list(Tier)), min_size=1, unique=True),
            renewal_window_counts=st.booleans(),
            become_by=st.none() | st.dates(EARLIEST_DAY, LATEST_DAY),
            sources=st.lists(st.sampled_from(["https://example.org", "a guide"])),
        )
    )
    def test_every_programme_reads_back_equal(self, programme: Programme) -> None:
        text = PROGRAMME_FILES.to_json(programme)
        assert PROGRAMME_FILES.parse(text) == programme
        SCHEMA.validate(json.loads(text))

    @pytest.mark.parametrize("programme", PRESETS, ids=lambda p: p.id)
    def test_the_presets_read_back_equal(self, programme: Programme) -> None:
        assert PROGRAMME_FILES.parse(PROGRAMME_FILES.to_json(programme)) == programme

    @pytest.mark.parametrize(
        ("fields", "expected"),
        [
            ({"tiers": []}, ["tiers: must name at least one tier"]),
            ({"tiers": ["gold", "gold"]}, ["tiers: must name each tier once"]),
            (
                {"tiers": ["platinum", 3]},
                [
                    'tiers[0]: "platinum" is not one of bronze, silver, gold',
                    "tiers[1]: 3 is not one of bronze, silver, gold",
                ],
            ),
            (
                {"become_by": "2024-02-30", "renewal_window_counts": "yes"},
                [
                    "become_by: 2024-02-30 is not a valid date",
                    'renewal_window_counts: must be true or false, not "yes"',
                ],
            ),
            ({"tier": ["gold"]}, ["tier: unknown key (did you mean 'tiers'?)"]),
            ({"name": "a\x1bb"}, ["name: contains the control character \\x1b at position 1"]),
        ],
    )
    def test_problems_are_named_with_their_paths(
        self, fields: dict[str, Any], expected: list[str]
    ) -> None:
        document = {"format": FORMAT, "id": "p", "name": "P", "tiers": ["gold"], **fields}
        with pytest.raises(ProgrammeError) as caught:
            PROGRAMME_FILES.parse(json.dumps(document))
        assert [str(p) for p in caught.value.problems] == expected

    def test_the_shipped_schema_is_the_schema(self) -> None:
        jsonschema.Draft202012Validator.check_schema(PROGRAMME_FILES.schema())
        data = ROOT / "src" / "cluster_excellence" / "data" / "programme.schema.json"
        assert json.loads(data.read_text(encoding="utf-8")) == PROGRAMME_FILES.schema()


class TestCommand:
    def test_the_sample_shows_compliant_falling_out_and_not_compliant(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        args = ["compliance", "--programme", "de-go-cluster", "--on", "2026-11-20"]
        assert main([*args, "--format", "json"]) == 0
        document = json.loads(capsys.readouterr().out)
        assert set(document) == {"format", "on", "programme", "rulebook", "clusters"}
        validate(document)
        assert document["programme"]["id"] == "de-go-cluster"
        clusters = {c["id"]: c for c in document["clusters"]}
        assert [c["id"] for c in document["clusters"]][-2:] == ["mineralklynge", "example-go"]
        assert clusters["example-go"]["compliant_until"] == "2026-11-30"  # falls out soon
        assert clusters["example-gold"]["held_tier"] == "gold"
        assert clusters["mineralklynge"]["compliant"] is False
        assert main(args) == 0
        table = capsys.readouterr().out
        assert max(len(line) for line in table.splitlines()) <= 80
        assert "example-go      compliant      Silver            2026-11-30" in table
        assert "First to fall out: example-go after 2026-11-30" in table
        assert main([*args, "--format", "csv"]) == 0
        rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
        assert rows[0]["cluster_id"] == "qoot"
        assert {row["standing"] for row in rows} == {"compliant", "not_compliant"}

    def test_a_programme_file_and_a_user_portfolio(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "mine.json"
        path.write_text(portfolio_to_json(Portfolio([OCEAN])), encoding="utf-8")
        args = ["compliance", str(path), "--programme", str(EXAMPLE), "--on", "2026-11-20"]
        assert main([*args, "--format", "json"]) == 0
        (ocean,) = json.loads(capsys.readouterr().out)["clusters"]
        assert ocean["standing"] == "due"
        assert ocean["become_by"] == "2027-06-30"

    def test_the_programme_is_required_and_checked(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        assert main(["compliance"]) == 2
        assert "--programme" in capsys.readouterr().err
        assert main(["compliance", "--programme", "dk"]) == 2
        assert capsys.readouterr().err == (
            'cluster-excellence compliance: --programme: "dk" is neither a preset '
            "(de-go-cluster, dk-innovationskraft, no-gce) nor a programme file\n"
        )
        bad = tmp_path / "p.json"
        bad.write_text(json.dumps({"format": FORMAT, "id": "p", "name": "P"}), encoding="utf-8")
        assert main(["compliance", "--programme", str(bad)]) == 2
        out, err = capsys.readouterr()
        assert (out, err) == (
            "",
            f"cluster-excellence compliance: {bad}: tiers: is missing (required)\n",
        )

    def test_the_plan_names_the_day_a_cluster_falls_out(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        actions = cluster_plan(OCEAN, D(2022, 1, 1), programmes=[GCE]).actions
        (out,) = [a for a in actions if a.code == "programme.no-gce.falls_out"]
        assert out.date == D(2023, 10, 1)
        due = cluster_plan(
            OCEAN, D(2021, 1, 1), programmes=[attrs.evolve(GCE, become_by=D(2021, 6, 30))]
        )
        assert [a.date for a in due.actions if a.code == "programme.no-gce.deadline"] == [
            D(2021, 6, 30)
        ]
        later = cluster_plan(OCEAN, D(2025, 1, 1), programmes=[GCE]).actions
        assert [a.date for a in later if a.code == "programme.no-gce.not_compliant"] == [
            D(2025, 1, 1)
        ]
        args = ["plan", "--on", "2026-11-20", "--programme", "de-go-cluster", "--format", "json"]
        assert main(args) == 0
        plans = {p["cluster_id"]: p for p in json.loads(capsys.readouterr().out)["plans"]}
        codes = [(a["date"], a["code"]) for a in plans["example-go"]["actions"]]
        assert ("2026-12-01", "programme.de-go-cluster.falls_out") in codes
