"""What agencies watch: changes between two days, labels expiring soon, badges, the report."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cluster_excellence import (
    DEFAULT_RULEBOOK,
    Benchmark,
    Cluster,
    GoldAudit,
    Portfolio,
    StatedLabel,
    Tier,
    badge,
    cluster_status,
    get_programme,
    portfolio_changes,
    portfolio_status,
    portfolio_to_json,
    report_html,
    sample_portfolio,
)
from cluster_excellence.cli import main
from cluster_excellence.errors import InvalidTypeError, InvalidValueError
from cluster_excellence.model.rulebooks import Anchor
from cluster_excellence.renderers.badge import COLOURS, Badge
from cluster_excellence.rules.changes import LabelEvent, PortfolioChanges, cluster_changes

from .documents import validate

CHANGE_COLUMNS = tuple(column.name for column in PortfolioChanges.LAYOUT.tables[0].columns)

D = dt.date
QOOT = Cluster("qoot", "Qoot Cluster", [Benchmark(D(2019, 7, 25))])  # valid until 2021-07-31


def _events(
    cluster: Cluster, since: dt.date, until: dt.date, **kw: object
) -> list[tuple[str, str, str]]:
    found = cluster_changes(cluster, since, until, **kw).events  # type: ignore[arg-type]
    return [(e.date.isoformat(), e.tier.value, e.event.value) for e in found]


class TestChanges:
    @pytest.mark.parametrize(
        ("since", "until", "expected"),
        [
            (D(2019, 7, 24), D(2019, 7, 24), []),
            (D(2019, 7, 24), D(2019, 7, 25), [("2019-07-25", "bronze", "awarded")]),
            (D(2019, 7, 25), D(2021, 7, 31), []),  # the award day itself is not after FROM
            (D(2021, 7, 30), D(2021, 7, 31), []),  # the last valid day
            (D(2021, 7, 31), D(2021, 8, 1), [("2021-08-01", "bronze", "expired")]),
            (D(2021, 8, 1), D(2022, 7, 31), []),
            (D(2022, 7, 31), D(2022, 8, 1), [("2022-08-01", "bronze", "lapsed")]),
            (D(2022, 8, 1), D(2040, 1, 1), []),
        ],
    )
    def test_the_day_before_on_and_after_each_boundary(
        self, since: dt.date, until: dt.date, expected: list[tuple[str, str, str]]
    ) -> None:
        assert _events(QOOT, since, until) == expected

    def test_an_award_counts_on_its_award_day(self) -> None:
        late = Cluster("x", "X", [Benchmark(D(2019, 7, 25), awarded_on=D(2019, 9, 2))])
        assert _events(late, D(2019, 1, 1), D(2019, 12, 31)) == [
            ("2019-09-02", "bronze", "awarded")
        ]

    def test_renewed_while_valid_and_in_the_window_and_awarded_after_a_lapse(self) -> None:
        valid = Cluster("x", "X", [Benchmark(D(2019, 7, 25)), Benchmark(D(2021, 6, 1))])
        assert _events(valid, D(2021, 1, 1), D(2021, 12, 31)) == [
            ("2021-06-01", "bronze", "renewed")
        ]
        window = Cluster("x", "X", [Benchmark(D(2019, 7, 25)), Benchmark(D(2021, 9, 1))])
        assert _events(window, D(2021, 1, 1), D(2021, 12, 31)) == [
            ("2021-08-01", "bronze", "expired"),
            ("2021-09-01", "bronze", "renewed"),
        ]
        (renewal,) = cluster_changes(window, D(2021, 8, 31), D(2021, 9, 1)).events
        assert renewal.status.value == "valid"
        assert renewal.valid_until == D(2024, 7, 31)  # 36 months after the earlier expiry
        again = Cluster("x", "X", [Benchmark(D(2019, 7, 25)), Benchmark(D(2023, 1, 10))])
        assert _events(again, D(2022, 1, 1), D(2023, 12, 31)) == [
            ("2022-08-01", "bronze", "lapsed"),
            ("2023-01-10", "bronze", "awarded"),
        ]

    def test_leap_day_under_the_exact_day_anchor(self) -> None:
        leap = Cluster("x", "X", [GoldAudit(D(2024, 2, 29), score=90.0)])
        exact = DEFAULT_RULEBOOK.variant(anchor=Anchor.EXACT_DAY)
        end = cluster_status(leap, D(2024, 3, 1), exact).labels[0].valid_until
        after = (end + dt.timedelta(days=1)).isoformat()
        assert _events(leap, end - dt.timedelta(days=1), end, rulebook=exact) == []
        assert _events(leap, end, end + dt.timedelta(days=1), rulebook=exact) == [
            (after, "gold", "expired")
        ]

    def test_a_stated_label_is_awarded_on_the_day_it_is_known(self) -> None:
        listed = Cluster("x", "X", [], stated_labels=[StatedLabel(Tier.GOLD, D(2027, 3, 31))])
        assert _events(listed, D(2025, 3, 30), D(2025, 3, 31)) == [
            ("2025-03-31", "gold", "awarded")
        ]
        (event,) = cluster_changes(listed, D(2025, 1, 1), D(2025, 12, 31)).events
        assert event.valid_from is None

    def test_programme_compliance_gained_and_lost(self) -> None:
        silver = next(c for c in sample_portfolio() if c.id == "example-silver")
        found = cluster_changes(
            silver, D(2020, 1, 1), D(2026, 11, 20), programmes=[get_programme("de-go-cluster")]
        ).compliance
        assert [(e.date.isoformat(), e.event, e.held_tier) for e in found] == [
            ("2024-06-18", "gained", Tier.SILVER),
            ("2026-07-01", "lost", None),
        ]

    def test_order_by_date_then_portfolio_then_tier(self) -> None:
        first = Cluster(
            "b", "B", [Benchmark(D(2019, 7, 25)), GoldAudit(D(2019, 7, 25), score=90.0)]
        )
        second = Cluster("a", "A", [Benchmark(D(2019, 7, 25))])
        found = portfolio_changes(Portfolio([first, second]), D(2019, 7, 1), D(2019, 8, 1))
        assert [(e.cluster_id, e.tier) for e in found.events] == [
            ("b", Tier.BRONZE), ("b", Tier.GOLD), ("a", Tier.BRONZE),
        ]  # fmt: skip

    def test_until_before_since_is_refused(self) -> None:
        with pytest.raises(ValueError, match=r"until: 2020-01-01 is before since \(2021-01-01\)"):
            cluster_changes(QOOT, D(2021, 1, 1), D(2020, 1, 1))
        with pytest.raises(InvalidTypeError, match=r"since: must be a day \(a date, YYYY-MM-DD"):
            cluster_changes(QOOT, 20210101, D(2022, 1, 1))  # type: ignore[arg-type]
        with pytest.raises(
            InvalidValueError, match=r'since: "2021-1-1" is not a date in YYYY-MM-DD'
        ):
            cluster_changes(QOOT, "2021-1-1", D(2022, 1, 1))
        assert cluster_changes(QOOT, "2021-01-01", "2022-01-01") == cluster_changes(
            QOOT, D(2021, 1, 1), D(2022, 1, 1)
        )

    def test_the_command_prints_the_contract_document(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        argv = ["changes", "--from", "2026-01-01", "--to", "2026-11-20", "--format", "json"]
        assert main([*argv, "--programme", "de-go-cluster"]) == 0
        document = json.loads(capsys.readouterr().out)
        assert document["from"] == "2026-01-01"
        assert document["to"] == "2026-11-20"
        assert document["rulebook"] == "ecei-2019"
        assert document["events"][0] == {
            "date": "2026-01-20", "cluster_id": "example-leap", "tier": "gold",
            "event": "renewed", "cluster_name": "Example Leap Day Cluster", "status": "valid",
            "valid_from": "2024-02-29", "valid_until": "2028-02-29", "renewable_until": "2029-02-28",
        }  # fmt: skip
        assert {e["event"] for e in document["events"]} <= {m.value for m in LabelEvent}
        assert document["compliance"] == [
            {"date": "2026-07-01", "cluster_id": "example-silver", "programme": "de-go-cluster",
             "event": "lost", "cluster_name": "Example Silver Cluster", "held_tier": None}
        ]  # fmt: skip
        assert main([*argv[:-2], "--format", "csv", "--programme", "de-go-cluster"]) == 0
        rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
        assert tuple(rows[0]) == CHANGE_COLUMNS
        validate(document)
        assert len(rows) == len(document["events"]) + 1
        assert rows[-2]["programme"] == "de-go-cluster"
        assert main(argv[:-2]) == 0
        table = capsys.readouterr().out
        assert "2026-07-01  example-silver  Silver  expired" in table
        assert all(len(line) <= 80 for line in table.splitlines())

    def test_the_command_on_a_user_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "mine.json"
        path.write_text(portfolio_to_json(Portfolio([QOOT])), encoding="utf-8")
        assert main(["changes", str(path), "--from", "2021-07-31", "--to", "2021-08-01"]) == 0
        assert "2021-08-01  qoot     Bronze  expired" in capsys.readouterr().out

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                ["--from", "2026-01-01", "--to", "2025-01-01"],
                "--to 2025-01-01 is before --from 2026-01-01",
            ),
            (["--from", "2026-02-30"], "February 2026 has no day 30"),
            (["--to", "2026-01-01"], "the following arguments are required: --from"),
            (["--from", "2026-01-01", "--programme", "nope"], "is neither a preset"),
        ],
    )
    def test_usage_errors(
        self, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["changes", *argv]) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert message in err


class TestExpiring:
    def test_boundary_at_exactly_the_days(self) -> None:
        status = portfolio_status(
            Portfolio([QOOT]), D(2021, 5, 1)
        )  # valid until 2021-07-31: 91 days
        assert status.expiring(90).clusters == ()
        (kept,) = status.expiring(91).clusters
        assert kept.labels[0].valid_until == D(2021, 7, 31)
        assert (
            portfolio_status(Portfolio([QOOT]), D(2021, 7, 31)).expiring(0).clusters[0].cluster_id
            == "qoot"
        )
        assert (
            portfolio_status(Portfolio([QOOT]), D(2021, 8, 1)).expiring(10**6).clusters == ()
        )  # expired

    def test_only_valid_entries_and_their_tiers_stay(self) -> None:
        result = portfolio_status(sample_portfolio(), D(2026, 11, 20)).expiring(400)
        for cluster in result.clusters:
            assert cluster.labels
            for entry in cluster.labels:
                assert entry.status.value == "valid"
                assert (entry.valid_until - result.on).days <= 400
        assert result.expiring_within == 400
        assert result.to_dict()["expiring_within"] == 400

    def test_keeping_every_cluster(self) -> None:
        status = portfolio_status(sample_portfolio(), D(2026, 11, 20))
        kept = status.expiring(90, keep_clusters=True)
        assert [c.cluster_id for c in kept.clusters] == [c.cluster_id for c in status.clusters]
        assert [c.cluster_id for c in kept.clusters if c.labels] == ["example-go"]

    @pytest.mark.parametrize("bad", [-1, True, 1.5, "7"])
    def test_bad_days(self, bad: object) -> None:
        with pytest.raises(ValueError, match="whole number of days"):
            portfolio_status(sample_portfolio(), D(2026, 11, 20)).expiring(bad)  # type: ignore[arg-type]

    def test_the_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert (
            main(["status", "--on", "2026-11-20", "--expiring-within", "400", "--format", "json"])
            == 0
        )
        document = json.loads(capsys.readouterr().out)
        python = portfolio_status(sample_portfolio(), D(2026, 11, 20)).expiring(400).to_dict()
        assert document == python
        assert main(["status", "--expiring-within", "1e3"]) == 2
        assert "not a whole number of days" in capsys.readouterr().err


#: The shields.io endpoint schema (https://shields.io/badges/endpoint-badge), the fields we write.
ENDPOINT = {
    "type": "object",
    "required": ["schemaVersion", "label", "message"],
    "properties": {
        "schemaVersion": {"const": 1},
        "label": {"type": "string"},
        "message": {"type": "string", "minLength": 1},
        "color": {"type": "string", "pattern": "^([0-9a-f]{3}){1,2}$"},
    },
    "additionalProperties": False,
}


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


class TestBadge:
    @pytest.mark.parametrize(
        ("language", "error", "problem"),
        [
            ('" onload="alert(1)', InvalidValueError,
             '"\\" onload=\\"alert(1)" is not a language tag such as da or de'),
            ("", InvalidValueError, '"" is not a language tag such as da or de'),
            (3, InvalidTypeError, "must be a language tag such as da, not 3"),
        ],
    )  # fmt: skip
    def test_a_language_that_is_no_tag_is_refused(
        self, language: Any, error: type[Exception], problem: str
    ) -> None:
        with pytest.raises(error) as raised:
            Badge("ECEI", "x", "aabbcc", language=language)
        assert str(raised.value) == f"language: {problem}"
        assert 'xml:lang="de-CH"' in Badge("ECEI", "x", "aabbcc", language="de-CH").to_svg()

    @pytest.mark.parametrize(
        ("on", "words"),
        [
            (D(2021, 7, 31), "ECEI Bronze | valid until 2021-07"),
            (D(2021, 8, 1), "ECEI Bronze | expired, renewable until 2022-07"),
            (D(2022, 8, 1), "ECEI | no valid label"),
            (D(2019, 7, 24), "ECEI | no valid label"),
        ],
    )
    def test_words_on_each_side_of_the_boundaries(self, on: dt.date, words: str) -> None:
        found = badge(cluster_status(QOOT, on))
        assert str(found) == words
        jsonschema.validate(found.to_dict(), ENDPOINT)

    def test_an_end_within_a_month_is_written_as_the_day(self) -> None:
        exact = DEFAULT_RULEBOOK.variant(anchor=Anchor.EXACT_DAY)
        assert badge(cluster_status(QOOT, D(2021, 1, 1), exact)).message == "valid until 2021-07-25"

    def test_the_best_valid_tier(self) -> None:
        cluster = Cluster(
            "x", "X", [Benchmark(D(2025, 3, 12)), GoldAudit(D(2025, 5, 14), score=90.0)]
        )
        assert (
            str(badge(cluster_status(cluster, D(2026, 11, 20))))
            == "ECEI Gold | valid until 2027-05"
        )

    def test_colours_are_a_parameter_and_must_be_hex(self) -> None:
        mine: dict[Tier | str, str] = {**COLOURS, Tier.BRONZE: "123456"}
        assert badge(cluster_status(QOOT, D(2021, 1, 1)), mine).color == "123456"
        with pytest.raises(ValueError, match="color"):
            Badge("ECEI", "x", "#zz")

    def test_colours_keep_white_text_readable(self) -> None:
        for colour in COLOURS.values():
            ratio = 1.05 / (_luminance(colour) + 0.05)
            assert ratio >= 4.5, colour

    def test_svg_is_escaped_and_named(self) -> None:
        svg = Badge("A<b>&", 'say "hi"', "666666").to_svg()
        assert "A&lt;b&gt;&amp;" in svg
        assert "<b>" not in svg
        assert 'aria-label="A&lt;b&gt;&amp;: say &quot;hi&quot;"' in svg

    def test_the_command(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        assert main(["badge", "--cluster", "example-gold", "--on", "2026-11-20"]) == 0
        document = json.loads(capsys.readouterr().out)
        jsonschema.validate(document, ENDPOINT)
        assert document == {
            "schemaVersion": 1,
            "label": "ECEI Gold",
            "message": "valid until 2027-05",
            "color": "8a6d00",
        }
        out = tmp_path / "badge.svg"
        assert (
            main(
                [
                    "badge",
                    "--cluster",
                    "example-gold",
                    "--on",
                    "2026-11-20",
                    "--format",
                    "svg",
                    "-o",
                    str(out),
                ]
            )
            == 0
        )
        assert out.read_text(encoding="utf-8").startswith("<svg ")
        assert main(["badge", "--cluster", "\x1b[2J"]) == 2
        assert 'no cluster with id "\\x1b[2J"' in capsys.readouterr().err


class TestReport:
    def test_every_text_is_escaped(self) -> None:
        hostile = Cluster("x", "<script>alert(1)</script>\u202e", [Benchmark(D(2025, 3, 12))])
        page = report_html(Portfolio([hostile]), D(2026, 11, 20))
        assert "<script" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "\u202e" not in page

    def test_it_holds_every_section_and_no_address(self) -> None:
        page = report_html(
            sample_portfolio(), D(2026, 11, 20), programmes=[get_programme("no-gce")]
        )
        for heading in (
            "Label status",
            "Compliance with",
            "The plan ahead (12 months)",
            "Label timeline",
        ):
            assert f"<h2>{heading}" in page
        # the summary's picture of the tiers, then the timeline
        assert page.count("<svg") == 2
        assert page.index('aria-label="Clusters by highest valid label"') < page.index(
            "<h2>Label status"
        )
        assert "Content-Security-Policy" in page
        assert "<script" not in page
        # nothing to fetch: every reference is to the page itself
        assert re.findall(r'\b(?:href|src|action|poster)\s*=\s*"(?!#)', page) == []
        assert re.findall(r"url\((?!#)", page) == []
        assert "@import" not in page

    def test_a_scorecard_when_the_portfolio_has_indicator_values(self) -> None:
        from cluster_excellence import benchmarking_catalogue

        region = sample_portfolio("region")
        assert "<h2>Scorecard</h2>" in report_html(region, D(2026, 11, 20))
        assert "needs a benchmarking catalogue" in report_html(region, D(2026, 11, 20))
        page = report_html(region, D(2026, 11, 20), catalogue=benchmarking_catalogue())
        assert page.count("<svg") == 3  # the tiers, the timeline, the heat map

    def test_too_many_rows_leave_the_picture_out_with_a_note(self) -> None:
        page = report_html(sample_portfolio(), D(2026, 11, 20), max_rows=3)
        assert "The timeline is left out: " in page
        assert page.count("<svg") == 1  # the summary's picture of the tiers only
        assert "Clusters by highest valid label" in page

    def test_the_command(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        out = tmp_path / "report.html"
        assert (
            main(["report", "--on", "2026-11-20", "--programme", "de-go-cluster", "-o", str(out)])
            == 0
        )
        assert "<h2>Compliance with Germany" in out.read_text(encoding="utf-8")
        assert main(["report", "-o", str(tmp_path / "report.pdf")]) == 2
        assert "the report must be an .html file" in capsys.readouterr().err
        assert main(["report"]) == 2
        assert "--output" in capsys.readouterr().err


def _summary(page: str) -> str:
    return page[page.index('<section class="summary">') : page.index("</section>")]


def _cells(html_text: str, caption: str) -> list[list[str]]:
    """The rows of the table whose caption starts with ``caption``, as the cells' texts."""
    start = html_text.index(f"<caption>{caption}")
    table = html_text[start : html_text.index("</table>", start)]
    rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)[1:]
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)
        ]
        for row in rows
    ]


class TestReportSummary:
    """The answer the report opens with (docs: Watching a portfolio, "A report to send")."""

    def test_the_sample_s_answer(self) -> None:
        page = report_html(
            sample_portfolio(), D(2026, 11, 20), programmes=["de-go-cluster", "no-gce"]
        )
        summary = _summary(page)
        assert summary.index("<h2>The answer on 2026-11-20</h2>") < page.index("Label status")
        assert _cells(summary, "Clusters by highest valid label") == [
            ["Gold", "3"], ["Silver", "1"], ["Bronze", "2"], ["no valid label", "10"],
        ]  # fmt: skip
        programmes = _cells(summary, "Programmes on 2026-11-20")
        assert programmes[0] == [
            "Germany: go-cluster (Federal Ministry for Economic Affairs)", "4", "0", "12",
            "Example go-cluster Silver Cluster, compliant until 2026-11-30",
        ]  # fmt: skip
        assert len(programmes) == 2
        due = _cells(summary, "Due in the next 90 days, to 2027-02-18")
        assert [row[0] for row in due if row[0].startswith("Example go-cluster")] == [
            "Example go-cluster Silver Cluster"
        ]
        steps = next(row[1] for row in due if row[0] == "Example go-cluster Silver Cluster")
        assert "2026-11-30: last valid day of the Silver label" in steps
        assert all(
            day <= "2027-02-18" for row in due for day in re.findall(r"(\d{4}-\d\d-\d\d): ", row[1])
        )

    def test_the_next_to_fall_out_agree_with_the_programme_s_compliance(self) -> None:
        from cluster_excellence import portfolio_compliance

        for programme in ("de-go-cluster", "no-gce", "dk-innovationskraft"):
            result = portfolio_compliance(sample_portfolio(), programme, D(2026, 11, 20))
            first = result.falling_out()[0]
            page = report_html(sample_portfolio(), D(2026, 11, 20), programmes=[programme])
            row = _cells(_summary(page), "Programmes on")[0]
            assert row[4] == f"{first.cluster_name}, compliant until {first.compliant_until}"

    @pytest.mark.parametrize(
        ("soon_days", "caption", "nothing"),
        [
            (0, "Due on 2026-11-20", "Nothing is due on 2026-11-20."),
            (1, "Due by tomorrow, 2026-11-21", "Nothing is due by tomorrow."),
            (3660, "Due in the next 3660 days, to 2036-11-27", ""),
        ],
    )
    def test_the_days_ahead(self, soon_days: int, caption: str, nothing: str) -> None:
        one = Portfolio([Cluster("late", "Late", [Benchmark(D(2026, 1, 5))])])
        page = report_html(one, D(2026, 11, 20), soon_days=soon_days)
        assert f"<caption>{caption}" in page
        assert "1 cluster; labels as of 2026-11-20" in page  # one, not "1 clusters"
        if nothing:
            assert nothing in report_html(Portfolio([]), D(2026, 11, 20), soon_days=soon_days)

    def test_at_the_calendar_s_end_the_days_are_the_days_there_are(self) -> None:
        one = Portfolio([Cluster("late", "Late", [Benchmark(D(9979, 1, 5))])])
        page = report_html(one, D(9999, 12, 1), soon_days=90)
        assert "<caption>Due in the next 30 days, to 9999-12-31" in page

    @pytest.mark.parametrize(
        ("keywords", "error", "message"),
        [
            ({"soon_days": True}, InvalidTypeError, "soon_days: must be a whole number"),
            ({"soon_days": -1}, InvalidTypeError, "soon_days: must be a whole number"),
            ({"soon_days": 3661}, InvalidTypeError, "from 0 to 3660, not 3661"),
            ({"title": 5}, InvalidTypeError, "title: must be"),
            ({"title": ""}, InvalidValueError, "title: "),
            ({"title": "a\nb"}, InvalidValueError, "title: "),
            ({"max_rows": "x"}, InvalidTypeError, "max_rows: must be a whole number of rows"),
            ({"max_rows": 0}, InvalidValueError, "max_rows: 0 is not 1 or more"),
            ({"language": "sv"}, InvalidValueError, 'language: "sv" is not one of'),
            ({"plan_months": 0}, InvalidTypeError, "plan_months: must be a whole number above 0"),
            ({"plan_months": None}, InvalidTypeError, "plan_months: must be a whole number"),
        ],
    )
    def test_bad_arguments_are_refused_in_words(
        self, keywords: dict[str, object], error: type[Exception], message: str
    ) -> None:
        with pytest.raises(error, match=re.escape(message)):
            report_html(sample_portfolio(), D(2026, 11, 20), **keywords)  # type: ignore[arg-type]

    def test_a_picture_left_out_says_why_in_the_report_s_language(self) -> None:
        empty = report_html(Portfolio([]), D(2026, 11, 20), language="de")
        assert "Die Zeitleiste entfällt: keine Cluster zu zeichnen." in empty
        crowded = report_html(sample_portfolio(), D(2026, 11, 20), max_rows=3, language="da")
        assert "Tidslinjen er udeladt: 22 rækker er for mange til ét billede (højst 3)." in crowded
        assert "draw fewer" not in crowded

    def test_the_next_to_fall_out_are_named_three_at_most(self) -> None:
        alike = Portfolio(
            [
                Cluster(f"c{n}", f"Cluster {n}", [GoldAudit(D(2026, 5, 4), score=90.0)])
                for n in range(5)
            ]
        )
        page = report_html(alike, D(2026, 11, 20), programmes=["de-go-cluster"])
        row = _cells(_summary(page), "Programmes on")[0]
        assert row[1:4] == ["5", "0", "0"]
        assert row[4] == "Cluster 0, Cluster 1, Cluster 2 and 2 more, compliant until 2028-05-31"

    def test_a_programme_nobody_complies_with(self) -> None:
        page = report_html(Portfolio([]), D(2026, 11, 20), programmes=["no-gce"], language="nb")
        row = _cells(_summary(page), "Programmer per 20. november 2026")[0]
        assert row[1:] == ["0", "0", "0", "ingen i samsvar"]

    def test_a_heat_map_too_large_is_left_out_with_a_note(self) -> None:
        from cluster_excellence import benchmarking_catalogue

        region = sample_portfolio("region")
        page = report_html(region, D(2026, 11, 20), catalogue=benchmarking_catalogue(), max_rows=2)
        count = sum(1 for _ in region)
        assert (
            f"The heat map is left out: {count} clusters are too many for one picture (at most 2)."
            in page
        )
