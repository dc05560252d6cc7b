"""Safe rendering: what comes from data is shown, never obeyed.

Text tables escape control and bidirectional characters; iCalendar text
escapes every control character (RFC 5545, 3.3.11); CSV cells that a
spreadsheet would read as a formula are neutralised, numbers stay numbers;
JSON never holds NaN or Infinity; pictures draw names as plain text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math

import pytest

from cluster_excellence import (
    Benchmark,
    Cluster,
    Portfolio,
    StatedLabel,
    Tier,
    benchmarking_catalogue,
    label_timeline,
    plan_to_ics,
    portfolio_scorecard,
    portfolio_status,
    render,
)
from cluster_excellence._results import _csv_cell, csv_safe
from cluster_excellence._words import Message
from cluster_excellence.model.assessments import IndicatorValues
from cluster_excellence.renderers.formats import dumps
from cluster_excellence.renderers.pictures import figure_bytes
from cluster_excellence.rules.percentiles import median
from cluster_excellence.rules.planning import Action, ClusterPlan

D = dt.date(2020, 1, 1)
TRICKY = "Qoot\u202eretsulC\u2066"  # a right-to-left override and an isolate: legal data


def test_text_tables_escape_bidirectional_and_control_characters() -> None:
    cluster = Cluster(
        TRICKY,
        "N",
        [Benchmark(D)],
        stated_labels=[StatedLabel(Tier.BRONZE, dt.date(2021, 1, 1), source="cert\u202e")],
    )
    table = str(render(portfolio_status(Portfolio([cluster]), D)))
    assert "\u202e" not in table
    assert "\u2066" not in table
    assert "Qoot\\u202eretsulC\\u2066" in table
    assert "cert\\u202e" in table
    assert all(line.isprintable() for line in table.splitlines())


def test_markdown_writes_markup_and_html_as_text() -> None:
    name = "a | b <script>alert(1)</script> **bold** [x](http://e) `c` \\ \u202e"
    cluster = Cluster("m|d", name, [Benchmark(D)])
    text = str(render(portfolio_status(Portfolio([cluster]), D), "md"))
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert all(row.count(" | ") == rows[0].count(" | ") for row in rows)  # no forged column
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    for escaped in ("\\*\\*bold\\*\\*", "\\[x\\]", "\\`c\\`", "\\\\u202e"):
        assert escaped in text
    assert "\u202e" not in text
    assert all(line.isprintable() for line in text.splitlines())


def test_html_views_escape_every_text() -> None:
    cluster = Cluster("<b>", "</td></tr><script>x</script>", [Benchmark(D)])
    page = str(render(portfolio_status(Portfolio([cluster]), D), "html"))
    assert "<script>" not in page
    assert "<b>" not in page
    assert "&lt;/td&gt;&lt;/tr&gt;&lt;script&gt;" in page


class TestCalendars:
    def plan(self, title: str, name: str = "Qoot, Cluster; Ltd.") -> ClusterPlan:
        action = Action(
            dt.date(11, 1, 1), "q", "bronze.expires", Message(title), Message("rule"), "source"
        )
        return ClusterPlan("q", name, dt.date(11, 1, 1), "ecei-2019", (action,))

    @pytest.mark.parametrize(
        "title",
        [
            "a\rBEGIN:VEVENT",
            "a\r\nEND:VCALENDAR",
            "tab\there",
            "nul\x00bell\x07",
            "line\u2028separator",
            "esc\x1b[31m",
            "long " * 40,
        ],
    )
    def test_text_is_escaped_and_lines_are_folded(self, title: str) -> None:
        icalendar = pytest.importorskip("icalendar")
        text = plan_to_ics(self.plan(title))
        lines = text.split("\r\n")
        assert lines[-1] == ""
        for line in lines[:-1]:
            assert len(line.encode("utf-8")) <= 75
            assert not any(ord(c) < 0x20 or c in "\x7f\u2028" for c in line)
        (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
        summary = str(event["SUMMARY"])
        assert summary.startswith("Qoot, Cluster; Ltd.: ")
        assert [line for line in lines if line.startswith(("BEGIN:", "END:"))] == [
            "BEGIN:VCALENDAR",
            "BEGIN:VEVENT",
            "END:VEVENT",
            "END:VCALENDAR",
        ]

    def test_years_have_four_digits(self) -> None:
        text = plan_to_ics(self.plan("x"))
        assert "DTSTART;VALUE=DATE:00110101\r\n" in text
        assert "DTSTAMP:00110101T000000Z\r\n" in text

    def test_the_last_day_of_the_calendar_has_no_end(self) -> None:
        action = Action(dt.date.max, "q", "bronze.expires", Message("t"), Message("r"), "s")
        text = plan_to_ics(ClusterPlan("q", "Q", dt.date.max, "ecei-2019", (action,)))
        assert "DTSTART;VALUE=DATE:99991231\r\n" in text
        assert "DTEND" not in text


class TestCsv:
    @pytest.mark.parametrize(
        ("cell", "safe"),
        [
            ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("\x00=1+1", "'\x00=1+1"),
            ("  =1+1", "'  =1+1"),
            ("\x1b\x07@cmd", "'\x1b\x07@cmd"),
            ("\uff1dSUM(A1)", "'\uff1dSUM(A1)"),
            ("Qoot Cluster", "Qoot Cluster"),
            ("a=b", "a=b"),
            ("", ""),
        ],
    )
    def test_formula_cells_are_neutralised(self, cell: str, safe: str) -> None:
        assert csv_safe(cell) == safe

    def test_numbers_stay_numbers(self) -> None:
        cells = [[_csv_cell(v) for v in row] for row in ([-1.5, "-1.5"], [-3, None])]
        assert cells == [["-1.5", "'-1.5"], ["-3", ""]]

    def test_in_a_command_output(self) -> None:
        cluster = Cluster("=cmd|' /C calc'!A0", "@SUM(1+1)*cmd", [Benchmark(D)])
        rows = list(
            csv.DictReader(
                io.StringIO(str(render(portfolio_status(Portfolio([cluster]), D), "csv")))
            )
        )
        assert rows[0]["cluster_id"] == "'=cmd|' /C calc'!A0"
        assert rows[0]["cluster_name"] == "'@SUM(1+1)*cmd"


class TestJson:
    def test_medians_of_the_largest_numbers_stay_finite(self) -> None:
        big = 1.7976931348623157e308
        assert median([big, big]) == big
        assert median([big / 2, big]) == pytest.approx(0.75 * big)
        assert median([-big, big]) == 0.0
        assert math.isfinite(median([big, big, big, big]) or 0)

    def test_a_scorecard_of_the_largest_amounts_is_valid_json(self) -> None:
        catalogue = benchmarking_catalogue()
        money = next(i.code for i in catalogue.indicators if i.kind.value == "money")
        region = [
            Cluster(f"c{n}", "C", [Benchmark(D, indicators=IndicatorValues({money: 1.7e308}))])
            for n in range(4)
        ]
        result = portfolio_scorecard(Portfolio(region), {"all": region}, catalogue, D)
        document = str(render(result, "json"))
        row = next(r for r in json.loads(document)["indicators"] if r["code"] == money)
        assert row["region_median"] == 1.7e308
        assert "Infinity" not in document
        assert "NaN" not in document

    def test_dumps_refuses_what_json_cannot_hold(self) -> None:
        with pytest.raises(ValueError, match="Out of range float values"):
            dumps({"x": math.nan})


def test_pictures_draw_names_as_plain_text() -> None:
    pytest.importorskip("matplotlib")
    name = r"$\frac{1}{$ and $x^2$ cluster"
    figure = label_timeline(Portfolio([Cluster("m", name, [Benchmark(D)])]), D)
    assert figure_bytes(figure, "png").startswith(b"\x89PNG")
    (label,) = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert label == r"\$\frac{1}{\$ and \$x^2\$ cluster · Bronze"
