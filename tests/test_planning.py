"""Dated plans, their iCalendar form, and the consistency check."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import icalendar
import pytest

from cluster_excellence import (
    DEFAULT_RULEBOOK,
    Benchmark,
    Cluster,
    GoldAudit,
    Portfolio,
    StatedLabel,
    Tier,
    cluster_plan,
    plan_to_ics,
    portfolio_check,
    portfolio_to_json,
    sample_portfolio,
)
from cluster_excellence.cli import main
from cluster_excellence.model.rulebooks import IntervalLimit
from cluster_excellence.renderers.ics import reminder_days

from .documents import validate
from .examples import PROFILE

D = dt.date


def codes(actions: object) -> list[tuple[str, str]]:
    return [(a.date.isoformat(), a.code) for a in actions]  # type: ignore[attr-defined]


class TestPlan:
    def test_a_valid_bronze_label(self) -> None:
        cluster = Cluster("q", "Q", [Benchmark(D(2019, 7, 25))], organisation=PROFILE)
        assert codes(cluster_plan(cluster, D(2020, 1, 1)).actions) == [
            ("2020-01-01", "next.silver"),
            ("2021-01-25", "silver.second_benchmarking_opens"),
            ("2021-07-25", "silver.second_benchmarking_closes"),
            ("2021-07-31", "bronze.expires"),
            ("2022-07-31", "bronze.renewal_deadline"),
        ]

    def test_only_days_on_or_after_the_plan_day_and_within_the_horizon(self) -> None:
        cluster = Cluster("q", "Q", [Benchmark(D(2019, 7, 25))], organisation=PROFILE)
        assert codes(cluster_plan(cluster, D(2021, 7, 31)).actions) == [
            ("2021-07-31", "bronze.expires"),
            ("2021-07-31", "next.silver"),
            ("2022-07-31", "bronze.renewal_deadline"),
        ]
        within = cluster_plan(cluster, D(2021, 8, 1), within_months=12).actions
        assert [a.code for a in within if a.date > D(2021, 8, 1)] == ["bronze.renewal_deadline"]
        assert not [
            a
            for a in cluster_plan(cluster, D(2021, 8, 1), within_months=11).actions
            if a.date > D(2021, 8, 1)
        ]

    def test_gold_renewal_as_a_1_day_audit(self) -> None:
        cluster = Cluster("g", "G", [GoldAudit(D(2023, 5, 1), score=90.0)], organisation=PROFILE)
        actions = codes(cluster_plan(cluster, D(2023, 6, 1)).actions)
        assert ("2025-05-31", "gold.expires") in actions
        assert ("2026-05-31", "gold.one_day_renewal_audit") in actions
        assert ("2026-05-31", "gold.renewal_deadline") in actions

    def test_a_lapsed_label_needs_a_new_assessment(self) -> None:
        cluster = Cluster("q", "Q", [Benchmark(D(2019, 7, 25))])
        (action,) = cluster_plan(cluster, D(2026, 1, 1)).actions
        assert action.code == "next.bronze"
        assert "a new benchmarking" in str(action.title)

    def test_what_is_missing_for_the_next_tier(self) -> None:
        cluster = Cluster("q", "Q", [Benchmark(D(2024, 7, 25))])  # no profile
        titles = [
            str(a.title)
            for a in cluster_plan(cluster, D(2024, 8, 1)).actions
            if a.code == "next.silver"
        ]
        assert titles == ["for Silver: no Silver audit recorded on or before 2024-08-01 (not met)"]

    def test_sorted_and_never_before_the_day(self) -> None:
        for cluster in sample_portfolio():
            result = cluster_plan(cluster, D(2026, 11, 20))
            dates = [a.date for a in result.actions]
            assert dates == sorted(dates)
            assert all(day >= D(2026, 11, 20) for day in dates)


class TestIcs:
    def test_parses_back_with_every_action(self) -> None:
        plans = [cluster_plan(cluster, D(2026, 11, 20)) for cluster in sample_portfolio()]
        text = plan_to_ics(plans)
        calendar = icalendar.Calendar.from_ical(text)
        events = [c for c in calendar.walk() if c.name == "VEVENT"]
        # every action but the findings for the next tier, which make one event per cluster
        actions = [a for p in plans for a in p.actions if not a.code.startswith("next.")]
        findings = {
            (a.cluster_id, a.code) for p in plans for a in p.actions if a.code.startswith("next.")
        }
        assert len(events) == len(actions) + len(findings)
        assert len({str(e["UID"]) for e in events}) == len(events)
        first, action = events[0], plans[0].actions[0]
        assert first.decoded("DTSTART") == action.date
        assert str(first["SUMMARY"]).endswith(str(action.title))
        assert str(action.rule) in str(first["DESCRIPTION"])
        for p in plans:
            for a in p.actions:
                if a.code.startswith("next."):  # each finding is in its cluster's summary
                    summary = next(
                        e for e in events
                        if str(e["SUMMARY"]).startswith(p.cluster_name + ":")
                        and str(e["DESCRIPTION"]).startswith((a.code, "What the next tier"))
                    )  # fmt: skip
                    shown = str(summary["SUMMARY"]) + str(summary["DESCRIPTION"])
                    assert str(a.title).rpartition(": ")[2] in shown

    def test_findings_of_a_cluster_make_one_event(self) -> None:
        hemp = next(c for c in sample_portfolio() if c.id == "hemp-sk")
        entry = cluster_plan(hemp, D(2026, 11, 20))
        findings = [a for a in entry.actions if a.code.startswith("next.")]
        assert len(findings) == 5
        events = [
            c for c in icalendar.Calendar.from_ical(plan_to_ics([entry])).walk()
            if c.name == "VEVENT" and c.decoded("DTSTART") == D(2026, 11, 20)
        ]  # fmt: skip
        (summary,) = events
        assert str(summary["SUMMARY"]) == "Hemp Cluster: 5 findings for Bronze (missing or not met)"
        assert str(summary["DESCRIPTION"]).count("\n- ") == 5

    def test_one_alarm_per_lead_time_on_every_event_after_the_plan_day(self) -> None:
        plans = [cluster_plan(cluster, D(2026, 11, 20)) for cluster in sample_portfolio()]
        text = plan_to_ics(plans, remind=[7, 30, 30, 0])
        events = [c for c in icalendar.Calendar.from_ical(text).walk() if c.name == "VEVENT"]
        later = [e for e in events if e.decoded("DTSTART") > D(2026, 11, 20)]
        assert later
        assert len(later) < len(events)
        for event in events:
            alarms = [c for c in event.subcomponents if c.name == "VALARM"]
            if event.decoded("DTSTART") > D(2026, 11, 20):
                triggers = [a.decoded("TRIGGER") for a in alarms]
                assert triggers == [dt.timedelta(days=-30), dt.timedelta(days=-7), dt.timedelta(0)]
                assert {str(a["ACTION"]) for a in alarms} == {"DISPLAY"}
                assert {str(a["DESCRIPTION"]) for a in alarms} == {str(event["SUMMARY"])}
            else:
                assert alarms == []
        assert "TRIGGER:-P30D\r\n" in text
        assert "TRIGGER:-P0D\r\n" in text
        assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))

    def test_alarms_on_plan_day_events_when_asked(self) -> None:
        plans = [cluster_plan(cluster, D(2026, 11, 20)) for cluster in sample_portfolio()]
        text = plan_to_ics(plans, remind=[7], remind_on_plan_day=True)
        events = [c for c in icalendar.Calendar.from_ical(text).walk() if c.name == "VEVENT"]
        assert all(len([c for c in e.subcomponents if c.name == "VALARM"]) == 1 for e in events)

    def test_no_alarms_unless_asked(self) -> None:
        plans = [cluster_plan(cluster, D(2026, 11, 20)) for cluster in sample_portfolio()]
        assert "VALARM" not in plan_to_ics(plans)

    @pytest.mark.parametrize("text", ["", "-1", "7,,30", "x", "36601", "1e3", "\u0667", "7;30"])
    def test_bad_lead_times(self, text: str) -> None:
        with pytest.raises(ValueError, match="is not a whole number of days from 0 to 36600"):
            reminder_days(text)

    def test_lead_times(self) -> None:
        assert reminder_days("7") == (7,)
        assert reminder_days(" 0 , 36600 ,7") == (36600, 7, 0)

    def test_lines_are_folded_and_text_escaped(self) -> None:
        cluster = Cluster(
            "x",
            "Name, with; odd\\ characters and a very long name indeed",
            [Benchmark(D(2024, 1, 2))],
        )
        text = plan_to_ics([cluster_plan(cluster, D(2024, 2, 1))])
        assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
        assert text.endswith("END:VCALENDAR\r\n")
        assert "Name\\, with\\; odd\\\\ characters" in text.replace("\r\n ", "")
        event = next(c for c in icalendar.Calendar.from_ical(text).walk() if c.name == "VEVENT")
        assert str(event["SUMMARY"]).startswith("Name, with; odd\\ characters")

    def test_stable(self) -> None:
        plans = [cluster_plan(cluster, D(2026, 11, 20)) for cluster in sample_portfolio()]
        assert plan_to_ics(plans) == plan_to_ics(plans)


class TestCheck:
    def test_the_sample_has_one_contradiction(self) -> None:
        (found,) = portfolio_check(sample_portfolio()).inconsistencies
        assert (found.path, found.cluster_id, found.assessment, found.date) == (
            "clusters[11]", "example-late", "benchmarking", D(2022, 5, 10),
        )  # fmt: skip
        assert [f.code for f in found.decision.findings if f.met is False] == [
            "criteria.committed_members"
        ]

    def test_a_silver_passed_29_months_after_the_benchmarking(self) -> None:
        """Beyond the page's 24 months is a remark by default (Mineralklynge Norge was
        awarded after 29); a rulebook that makes it a knock-out finds the contradiction."""
        from cluster_excellence import SilverAudit

        cluster = Cluster(
            "s", "S",
            [Benchmark(D(2019, 1, 10)), Benchmark(D(2021, 6, 10)), SilverAudit(D(2021, 9, 1), passed=True)],
            organisation=PROFILE,
        )  # fmt: skip
        assert portfolio_check(Portfolio([cluster])).inconsistencies == ()
        knock_out = DEFAULT_RULEBOOK.variant(
            silver=attrs.evolve(DEFAULT_RULEBOOK.silver, max_interval=IntervalLimit.KNOCK_OUT)
        )
        (found,) = portfolio_check(Portfolio([cluster]), knock_out).inconsistencies
        assert found.assessment == "silver_audit"
        assert "silver.benchmarking_interval" in [
            f.code for f in found.decision.findings if f.met is False
        ]

    def test_undetermined_is_not_a_contradiction(self) -> None:
        clean = portfolio_check(Portfolio([Cluster("x", "X", [Benchmark(D(2024, 1, 1))])]))
        assert clean.inconsistencies == ()
        assert clean.clean


class TestCommands:
    def test_check_exit_status(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        assert main(["check"]) == 1
        assert "clusters[11] example-late: benchmarking on 2022-05-10" in capsys.readouterr().out
        clean = tmp_path / "clean.json"
        clean.write_text(
            portfolio_to_json(Portfolio([Cluster("x", "X", [Benchmark(D(2019, 1, 1))])])),
            encoding="utf-8",
        )
        assert main(["check", str(clean)]) == 0
        assert capsys.readouterr().out == (
            "Rulebook: ecei-2019\n\nNo recorded award contradicts the rules; no stated label "
            "disagrees.\n"
        )

    def test_check_reports_stated_labels_that_disagree(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        stated = tmp_path / "stated.json"
        cluster = Cluster(
            "x", "X", [Benchmark(D(2019, 7, 25))],
            stated_labels=[StatedLabel(Tier.BRONZE, D(2021, 7, 25), source="=certificate")],
        )  # fmt: skip
        stated.write_text(portfolio_to_json(Portfolio([cluster])), encoding="utf-8")
        assert main(["check", str(stated), "--format", "json"]) == 1
        document = json.loads(capsys.readouterr().out)
        validate(document)
        assert document == {
            "format": "cluster-excellence.check/1",
            "rulebook": "ecei-2019",
            "inconsistencies": [],
            "stated_disagreements": [
                {"path": "clusters[0]", "cluster_id": "x", "cluster_name": "X", "tier": "bronze",
                 "stated_valid_until": "2021-07-25", "implied_valid_until": "2021-07-31",
                 "source": "=certificate"}
            ],
        }  # fmt: skip
        assert main(["check", str(stated), "--format", "csv"]) == 1
        row = capsys.readouterr().out.splitlines()[1]
        assert row.startswith("clusters[0],x,X,stated_label,2021-07-25,bronze.stated_disagrees,")
        assert row.endswith(",'=certificate")  # shown as text by spreadsheets
        assert main(["check", str(stated)]) == 1
        assert "1 stated label(s) disagree with the assessments" in capsys.readouterr().out
        broken = tmp_path / "broken.json"
        broken.write_text("{", encoding="utf-8")
        assert main(["check", str(broken)]) == 2
        assert main(["check", "--format", "json"]) == 1
        assert (
            json.loads(capsys.readouterr().out)["inconsistencies"][0]["cluster_id"]
            == "example-late"
        )

    def test_plan_formats(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["plan", "--on", "2026-11-20", "--within", "12"]) == 0
        out = capsys.readouterr().out
        assert max(len(line) for line in out.splitlines()) <= 80
        assert main(["plan", "--on", "2026-11-20", "--format", "json"]) == 0
        plans = json.loads(capsys.readouterr().out)["plans"]
        assert len(plans) == 16
        assert main(["plan", "--on", "2026-11-20", "--format", "ics"]) == 0
        assert capsys.readouterr().out.startswith("BEGIN:VCALENDAR\r\n")
        assert main(["plan", "--on", "2026-11-20", "--format", "csv"]) == 0
        assert capsys.readouterr().out.startswith(
            "date,cluster_id,cluster_name,code,title,rule,source\r\n"
        )

    def test_bad_within(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["plan", "--within", "0"]) == 2
        assert "not a whole number of months above 0" in capsys.readouterr().err


def test_a_gold_pass_with_a_minimum_missed_by_its_values() -> None:
    from cluster_excellence import gold_catalogue
    from cluster_excellence.model.catalogues import Provenance

    catalogue = gold_catalogue()
    values = {
        i.code: i.gold_threshold for i in catalogue.indicators if i.gold_threshold is not None
    }
    values["G-MAN-01"] = 0.3  # minimum 0.5 FTE
    audit = GoldAudit(D(2023, 5, 1), passed=True, audit_days=2, experts=2, indicators=values)
    portfolio = Portfolio([Cluster("g", "G", [audit], organisation=PROFILE)])
    assert portfolio_check(portfolio).clean  # without the catalogue the recorded verdict stands
    assert portfolio_check(portfolio, catalogue=catalogue).clean  # illustrative: a remark only
    published = attrs.evolve(
        catalogue,
        indicators=[attrs.evolve(i, provenance=Provenance.PUBLISHED) for i in catalogue.indicators],
    )
    (found,) = portfolio_check(portfolio, catalogue=published).inconsistencies
    assert found.assessment == "gold_audit"
    assert [str(f.message) for f in found.decision.findings if f.met is False] == [
        "minimum requirements missed by ecei-gold-reference@2026.1 (published): G-MAN-01"
    ]


def test_the_sample_shows_every_outcome_and_the_waiver(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eligibility", "--tier", "bronze", "--on", "2026-11-20", "--format", "json"]) == 0
    codes = {
        f["code"] for d in json.loads(capsys.readouterr().out)["decisions"] for f in d["findings"]
    }
    assert {"criteria.waived", "criteria.not_in_force", "criteria.committed_members"} <= codes
