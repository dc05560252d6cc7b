"""Edges of the command line, of results and their outputs, of the model and of the rules:
the message a bad input gets, and the value an edge case gives."""

from __future__ import annotations

import datetime as dt
import importlib.resources
import io
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

import cluster_excellence as ce
from cluster_excellence import (
    DEFAULT_RULEBOOK,
    Benchmark,
    CatalogueError,
    Cluster,
    ComplianceChange,
    GoldAudit,
    Indicator,
    InvalidTypeError,
    InvalidValueError,
    Message,
    Organisation,
    Portfolio,
    Programme,
    StatedLabel,
    Tier,
    benchmarking_catalogue,
    cli,
    cluster_compliance,
    cluster_gold_baseline,
    cluster_gold_score,
    cluster_status,
    get_programme,
    get_rulebook,
    gold_catalogue,
    label_timeline,
    portfolio_changes,
    portfolio_compliance,
    portfolio_eligibility,
    portfolio_scorecard,
    portfolio_status,
    read_catalogue,
    render,
    sample_portfolio,
    scorecard_heatmap,
    write,
)
from cluster_excellence._calendar import months_fit
from cluster_excellence._layout import TEXT, Column, Table, listing, words
from cluster_excellence._output import OutputError, write_file
from cluster_excellence._words import _catalogue, language
from cluster_excellence.cli import main
from cluster_excellence.cli._common import ON, terminal_width
from cluster_excellence.model.catalogues import Direction, Provenance, ValueKind
from cluster_excellence.rules.awards import passes_by_score
from cluster_excellence.rules.eligibility import gold_eligibility
from cluster_excellence.rules.gold_points import gold_score
from cluster_excellence.rules.labels import label_history
from cluster_excellence.rules.scorecard import group_clusters

from .examples import ON as SAMPLE_DAY
from .examples import PROFILE, QOOT

D = dt.date


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def qoot_file(tmp_path: Path) -> str:
    path = tmp_path / "portfolio.json"
    path.write_text(json.dumps(QOOT), encoding="utf-8")
    return str(path)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


#: The shipped Gold catalogue as an agency holding the official figures would have it.
PUBLISHED_GOLD = attrs.evolve(
    gold_catalogue(),
    indicators=[
        attrs.evolve(i, provenance=Provenance.PUBLISHED) for i in gold_catalogue().indicators
    ],
)


def at_thresholds() -> dict[str, Any]:
    return {i.code: i.gold_threshold for i in gold_catalogue().indicators}


def benchmarking_catalogue_text() -> str:
    """The shipped benchmarking catalogue's file."""
    files = importlib.resources.files("cluster_excellence")
    return files.joinpath("data/benchmarking-reference.json").read_text(encoding="utf-8")


def finding(decision: Any, code: str) -> tuple[bool | None, str]:
    (found,) = [f for f in decision.findings if f.code == code]
    return found.met, str(found.message)


# -- the command line ------------------------------------------------------------------------


class TestCommandLine:
    def test_an_unknown_command_is_named_with_the_nearest(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, err = run(capsys, "--verbose", "statuss")
        assert (code, out) == (2, "")
        assert err.splitlines()[-1] == (
            "cluster-excellence: error: no command \"statuss\" (did you mean 'status'?); the "
            "commands are status, scorecard, gold-score, eligibility, plan, compliance, "
            "changes, check, timeline, report, badge, convert, import-listing"
        )

    def test_remind_needs_the_calendar_format(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        code, out, err = run(capsys, "plan", qoot_file(tmp_path), "--remind", "7")
        assert (code, out, err) == (2, "", "cluster-excellence plan: --remind needs --format ics\n")

    @pytest.mark.parametrize("days", ["x", "-3", "36601"])
    def test_remind_refuses_what_is_no_lead_time(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, days: str
    ) -> None:
        path = qoot_file(tmp_path)
        code, out, err = run(capsys, "plan", path, "--format", "ics", "--remind", days)
        assert (code, out) == (2, "")
        assert err.splitlines()[-1] == (
            f'cluster-excellence plan: error: argument --remind: "{days}" is not a whole '
            "number of days from 0 to 36600"
        )

    def test_remind_adds_an_alarm_to_each_event(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = qoot_file(tmp_path)
        argv = ("plan", path, "--on", "2021-01-01", "--format", "ics")
        code, plain, err = run(capsys, *argv)
        assert (code, err) == (0, "")
        code, reminded, err = run(capsys, *argv, "--remind", "7")
        assert (code, err) == (0, "")
        assert "BEGIN:VALARM" not in plain
        alarms = re.findall(r"BEGIN:VALARM\r\n.*?END:VALARM\r\n", reminded, flags=re.S)
        assert alarms
        assert all("TRIGGER:-P7D\r\n" in alarm for alarm in alarms)
        assert re.sub(r"BEGIN:VALARM\r\n.*?END:VALARM\r\n", "", reminded, flags=re.S) == plain

    def test_no_cluster_in_an_empty_portfolio(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "empty.json"
        path.write_text('{"format": "cluster-excellence.portfolio/1", "clusters": []}')
        code, out, err = run(capsys, "badge", str(path), "--cluster", "qoot")
        assert (code, out) == (2, "")
        assert err == (
            'cluster-excellence badge: --cluster: no cluster with id "qoot" '
            "(the portfolio has no cluster)\n"
        )

    def test_a_near_miss_of_a_cluster_id(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        code, out, err = run(capsys, "badge", qoot_file(tmp_path), "--cluster", "qot")
        assert (code, out) == (2, "")
        assert err == (
            "cluster-excellence badge: --cluster: no cluster with id \"qot\" (did you mean 'qoot'?)\n"
        )

    def test_xlsx_without_openpyxl_says_how_to_install_it(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setitem(sys.modules, "openpyxl", None)
        out_file = tmp_path / "out.xlsx"
        code, out, err = run(
            capsys, "status", qoot_file(tmp_path), "--format", "xlsx", "-o", str(out_file)
        )
        assert (code, out) == (2, "")
        assert err == (
            "cluster-excellence status: writing XLSX needs openpyxl: install it with "
            "pip install 'cluster_excellence[excel]'\n"
        )
        assert not out_file.exists()

    def test_every_command_reads_tables(self, capsys: pytest.CaptureFixture[str]) -> None:
        for entry in cli.COMMANDS:
            assert main([entry.name, "--help"]) == 0
            out = capsys.readouterr().out
            for flag in ("--date-order", "--decimal MARK", "--sheet NAME"):
                assert flag in out, (entry.name, flag)

    def test_ctrl_c_before_the_command_runs(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def interrupt(argv: Any) -> Any:
            raise KeyboardInterrupt

        monkeypatch.setattr(cli, "_parse", interrupt)
        assert run(capsys, "status") == (130, "", "cluster-excellence: interrupted\n")

    def test_after_a_broken_pipe_standard_output_goes_nowhere(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        target = tmp_path / "stdout"
        with open(target, "w", encoding="utf-8") as stream:
            monkeypatch.setattr(sys, "stdout", stream)
            monkeypatch.setattr(cli, "main", lambda: 141)
            with pytest.raises(SystemExit) as done:
                cli.run()
            assert done.value.code == 141
            stream.write("after the pipe broke")
            stream.flush()  # the interpreter's last flush, which must not fail
        assert target.read_text(encoding="utf-8") == ""

    def test_a_broken_pipe_on_a_stream_without_a_descriptor(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(sys, "stdout", io.StringIO())
        monkeypatch.setattr(cli, "main", lambda: 141)
        with pytest.raises(SystemExit) as done:
            cli.run()
        assert done.value.code == 141

    @pytest.mark.parametrize(("columns", "width"), [("wide", 80), ("0", 80), ("30", 40)])
    def test_the_width_without_a_usable_columns(
        self, monkeypatch: pytest.MonkeyPatch, columns: str, width: int
    ) -> None:
        def no_terminal(descriptor: int) -> os.terminal_size:
            raise OSError("not a terminal")

        monkeypatch.setenv("COLUMNS", columns)
        monkeypatch.setattr(os, "get_terminal_size", no_terminal)
        assert terminal_width() == width

    def test_reprs_name_the_command_and_the_option(self) -> None:
        assert repr(cli.COMMANDS[0]) == "CommandEntry('status')"
        assert repr(ON) == "Option('--on')"


# -- files written ---------------------------------------------------------------------------


class TestFilesWritten:
    def test_an_input_that_cannot_be_read_protects_nothing(self, tmp_path: Path) -> None:
        target = tmp_path / "out.txt"
        write_file(str(target), b"new", protect=[str(tmp_path / "gone.json"), "bad\0name"])
        assert target.read_bytes() == b"new"

    def test_a_path_through_a_file(self, tmp_path: Path) -> None:
        (tmp_path / "file").write_text("x")
        path = str(tmp_path / "file" / "out.txt")
        with pytest.raises(OutputError) as raised:
            write_file(path, b"new")
        assert str(raised.value) == f"{path}: cannot write the file: Not a directory"

    def test_ctrl_c_while_writing_leaves_the_old_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        target = tmp_path / "out.txt"
        target.write_text("old")

        def interrupt(descriptor: int) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(os, "fsync", interrupt)
        with pytest.raises(KeyboardInterrupt):
            write_file(str(target), b"new")
        assert target.read_text() == "old"
        assert leftovers(tmp_path) == []

    def test_without_fchmod_and_fchown(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Where the system has neither (Windows), the file is replaced all the same."""
        target = tmp_path / "out.txt"
        target.write_text("old")
        monkeypatch.delattr(os, "fchmod")
        monkeypatch.delattr(os, "fchown")
        write_file(str(target), b"new")
        assert target.read_bytes() == b"new"
        assert leftovers(tmp_path) == []

    def test_a_folder_whose_parent_is_missing(self, tmp_path: Path) -> None:
        folder = f"{tmp_path}/missing/csv/"
        with pytest.raises(OutputError) as raised:
            write(sample_portfolio(), folder)
        assert str(raised.value) == f"{folder}: cannot make the folder: No such file or directory"

    def test_a_folder_made_for_files_that_fail_is_removed(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def full(descriptor: int) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", full)
        with pytest.raises(OutputError, match="cannot write the file: No space left on device"):
            write(sample_portfolio(), f"{tmp_path}/csv/")
        assert list(tmp_path.iterdir()) == []

    def test_a_result_to_a_file_of_no_known_extension(self, tmp_path: Path) -> None:
        path = tmp_path / "status.yaml"
        with pytest.raises(InvalidValueError) as raised:
            write(portfolio_status(sample_portfolio(), SAMPLE_DAY), path)
        assert str(raised.value) == (
            f"path: {path}: no format for its extension "
            "(known: .txt, .json, .csv, .xlsx, .md, .html, .htm)"
        )
        assert not path.exists()


# -- results ---------------------------------------------------------------------------------


class TestResults:
    def test_an_unknown_format(self) -> None:
        with pytest.raises(InvalidValueError) as raised:
            render(portfolio_status(sample_portfolio(), SAMPLE_DAY), "yaml")
        assert str(raised.value) == "format: 'yaml' is not one of table, json, csv, xlsx, md, html"

    def test_a_value_that_is_no_result(self) -> None:
        with pytest.raises(InvalidTypeError) as raised:
            render(sample_portfolio().clusters, "json")
        assert str(raised.value) == "result: must be a result of the library, not tuple"

    def test_an_empty_table_says_so_in_markdown_and_html(self) -> None:
        result = portfolio_status(Portfolio([]), SAMPLE_DAY)
        markdown = render(result, "md")
        assert isinstance(markdown, str)
        assert "\n\nNo cluster holds a label that fits.\n\n" in markdown
        html = render(result, "html")
        assert isinstance(html, str)
        assert (
            '<tbody><tr><td colspan="1">No cluster holds a label that fits.</td></tr></tbody>'
        ) in html

    def test_repr_shows_the_top_of_the_document_and_the_rows(self) -> None:
        assert repr(portfolio_status(sample_portfolio(), SAMPLE_DAY)) == (
            "<PortfolioStatus on=2026-11-20 rulebook=ecei-2019 retroactive=False: "
            "20 rows of Status>"
        )
        status = cluster_status(Cluster("qoot", "Qoot", [Benchmark(D(2019, 7, 25))]), SAMPLE_DAY)
        assert repr(status) == "<ClusterStatus: 1 row of Status>"

    def test_a_cluster_as_one_table(self) -> None:
        cluster = Cluster("qoot", "Qoot Cluster", [Benchmark(D(2019, 7, 25))])
        ((title, records, columns),) = cluster.tables()
        assert title == "qoot"
        assert records == cluster.to_records()
        assert [records[0][c] for c in ("id", "type", "date")] == [
            "qoot",
            "benchmarking",
            D(2019, 7, 25),
        ]
        assert columns[:2] == ("id", "name")

    @pytest.mark.parametrize("max_rows", [0, -1, 1.5, True])
    def test_a_cluster_html_table_needs_a_row_count(self, max_rows: Any) -> None:
        cluster = Cluster("qoot", "Qoot Cluster", [Benchmark(D(2019, 7, 25))])
        with pytest.raises(InvalidValueError) as raised:
            cluster.to_html(max_rows=max_rows)
        assert str(raised.value) == (
            f"max_rows must be a whole number above 0 or None, not {max_rows!r}"
        )

    def test_an_empty_organisation_keeps_its_row_in_the_clusters_sheet(self) -> None:
        cluster = Cluster("q", "Q", [Benchmark(D(2019, 7, 25))], organisation=Organisation())
        sheets = {title: records for title, records, _ in Portfolio([cluster]).tables()}
        (row,) = sheets["Clusters"]
        assert row["id"] == "q"
        assert row["organisation"] is True


# -- layouts and words -----------------------------------------------------------------------


class TestLayoutsAndWords:
    def test_reprs(self) -> None:
        assert repr(TEXT) == "Kind('text')"
        assert repr(Column("tier", words(Tier), "Tier")) == "Column('tier')"
        assert repr(language("da")) == "language('da')"
        assert repr(Message("{tier} on {on}", tier=Tier.GOLD, on=D(2021, 1, 1))) == (
            "Message('{tier} on {on}', tier=Tier.GOLD, on=datetime.date(2021, 1, 1))"
        )

    def test_a_list_of_plain_values_is_json_as_it_is(self) -> None:
        kind = listing(TEXT)
        assert kind.json(("a", "b")) == ["a", "b"]
        assert kind.schema == {"type": "array", "items": {"type": "string"}}

    def test_a_table_names_a_column_it_does_not_have(self) -> None:
        with pytest.raises(ValueError, match=r"^table T: no column nope, other$"):
            Table(
                "T",
                [Column("a", TEXT, "A")],
                lambda result: [],
                title=lambda result: [],
                empty=Message("none"),
                shown=("a", "nope"),
                attrs=("other",),
            )

    def test_a_table_column_by_name(self) -> None:
        (table,) = portfolio_status(sample_portfolio(), SAMPLE_DAY).LAYOUT.tables
        assert table.column("tier").heading == "Tier"
        with pytest.raises(KeyError):
            table.column("nope")

    def test_a_message_keeps_a_list_as_a_tuple_and_is_immutable(self) -> None:
        message = Message("missed: {codes}", codes=["G-STR-01", "G-STR-02"])
        assert message.values == {"codes": ("G-STR-01", "G-STR-02")}
        assert message == Message("missed: {codes}", codes=("G-STR-01", "G-STR-02"))
        assert hash(message) == hash(Message("missed: {codes}", codes=("G-STR-01", "G-STR-02")))
        assert message != "missed: G-STR-01, G-STR-02"
        with pytest.raises(AttributeError, match="a Message is immutable"):
            message.template = "other"

    def test_a_language_without_a_catalogue_speaks_english(self) -> None:
        assert _catalogue("xx")("Status") == "Status"

    @pytest.mark.parametrize(
        ("day", "months", "fits"),
        [
            (D(9999, 12, 1), 0, True),
            (D(9999, 12, 1), 1, False),
            (D(1, 1, 1), 0, True),
            (D(1, 1, 31), -1, False),
            (D(2021, 7, 31), 24, True),
        ],
    )
    def test_months_fit_in_the_calendar(self, day: dt.date, months: int, fits: bool) -> None:
        assert months_fit(day, months) is fits


# -- the model -------------------------------------------------------------------------------


class TestModel:
    @pytest.mark.parametrize(
        ("value", "problem"),
        [
            (dt.datetime(2021, 1, 1), "must be a day (datetime.date), not a datetime: 2021-01-01 00:00:00"),
            ("2021-01-01", 'must be a day (datetime.date), not "2021-01-01"'),
        ],
    )  # fmt: skip
    def test_the_day_of_a_change(self, value: Any, problem: str) -> None:
        with pytest.raises(InvalidTypeError) as raised:
            ComplianceChange(value, "qoot", "Qoot", "no-gce", "gained", Tier.GOLD)
        assert str(raised.value) == f"date: {problem}"

    @pytest.mark.parametrize(
        ("value", "problem"),
        [
            (dt.datetime(2019, 8, 1), "must be a day (datetime.date), not a datetime: 2019-08-01 00:00:00"),
            ("2019-08-01", 'must be a day (datetime.date), not "2019-08-01"'),
        ],
    )  # fmt: skip
    def test_an_award_day_that_is_no_day(self, value: Any, problem: str) -> None:
        with pytest.raises(InvalidValueError) as raised:
            Benchmark(D(2019, 7, 25), awarded_on=value)
        assert str(raised.value) == f"awarded_on: {problem}"

    @pytest.mark.parametrize(
        ("value", "problem"),
        [
            (3, "must be a list of business, research, public, other, not 3"),
            ("business", 'must be a list of business, research, public, other, not "business"'),
        ],
    )
    def test_member_types_that_are_no_list(self, value: Any, problem: str) -> None:
        with pytest.raises(InvalidTypeError) as raised:
            Organisation(member_types=value)
        assert str(raised.value) == f"member_types: {problem}"

    def test_member_types_of_any_iterable(self) -> None:
        assert Organisation(member_types=iter(["research"])).member_types == ("research",)

    @pytest.mark.parametrize("item", ["x", None, 3])
    def test_an_assessment_that_is_none(self, item: Any) -> None:
        with pytest.raises(InvalidTypeError) as raised:
            Cluster("q", "Q", [Benchmark(D(2020, 7, 25)), item, Benchmark(D(2019, 7, 25))])
        assert str(raised.value) == f"assessments must be assessments, not {type(item).__name__}"

    @pytest.mark.parametrize(
        ("value", "hint"),
        [([], " (make one: Portfolio(clusters))"), ("qoot", "")],
    )
    def test_a_portfolio_that_is_none(self, value: Any, hint: str) -> None:
        with pytest.raises(InvalidTypeError) as raised:
            portfolio_status(value, SAMPLE_DAY)
        shown = "a list" if hint else '"qoot"'
        assert str(raised.value) == f"portfolio: must be a Portfolio, not {shown}{hint}"

    def test_indicator_values_equal_only_indicator_values(self) -> None:
        values = GoldAudit(D(2013, 5, 1), score=80.0, indicators={"G-STR-01": 20}).indicators
        same = GoldAudit(D(2014, 5, 1), score=90.0, indicators={"G-STR-01": 20}).indicators
        assert values == same
        assert values != {"G-STR-01": 20}

    def test_tiers_order_only_among_tiers(self) -> None:
        assert sorted([Tier.GOLD, Tier.BRONZE, Tier.SILVER]) == [
            Tier.BRONZE,
            Tier.SILVER,
            Tier.GOLD,
        ]
        with pytest.raises(TypeError):
            assert Tier.GOLD < 3

    @pytest.mark.parametrize("scale", [[3, 1], [1], [1.0, 5], [True, 5], "1-5"])
    def test_an_ordinal_scale_that_is_no_pair(self, scale: Any) -> None:
        with pytest.raises(InvalidValueError) as raised:
            Indicator(
                "O-1", "O", "structure", ValueKind.ORDINAL, Direction.HIGHER, "s",
                Provenance.ILLUSTRATIVE, scale=scale,
            )  # fmt: skip
        assert str(raised.value).startswith("scale: must be [lowest, highest] whole numbers, not ")

    def test_a_catalogue_file_with_a_scale_upside_down(self, tmp_path: Path) -> None:
        document = json.loads(benchmarking_catalogue_text())
        (index,) = [i for i, x in enumerate(document["indicators"]) if x["code"] == "B-MAN-06"]
        assert document["indicators"][index]["scale"] == [1, 5]
        document["indicators"][index]["scale"] = [5, 1]
        path = tmp_path / "catalogue.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        with pytest.raises(CatalogueError) as raised:
            read_catalogue(path)
        assert str(raised.value) == (
            f"{path}: indicators[{index}].scale: must be [lowest, highest] whole numbers, "
            "not a list"
        )

    def test_a_catalogue_of_other_values(self) -> None:
        catalogue = gold_catalogue()
        with pytest.raises(InvalidTypeError, match=r"^indicators must be Indicator values$"):
            attrs.evolve(catalogue, indicators=[*catalogue.indicators[:1], "G-STR-02"])
        with pytest.raises(InvalidTypeError, match=r"^areas must be Area values$"):
            attrs.evolve(catalogue, areas=["structure"])

    def test_a_catalogue_without_the_indicator(self) -> None:
        with pytest.raises(KeyError) as raised:
            gold_catalogue().indicator("G-XXX-99")
        assert raised.value.args == (
            "catalogue 'ecei-gold-reference' has no indicator \"G-XXX-99\"",
        )

    def test_programme_tiers_that_are_not_all_tiers(self) -> None:
        with pytest.raises(
            InvalidTypeError, match=r"^tiers: must be tiers \(bronze, silver, gold\)"
        ):
            Programme("x", "X", ["gold", "platinum"])

    def test_the_first_edition_pinned_is_itself(self) -> None:
        first = get_rulebook("ecei-2019").editions()[0]
        assert first.previous is None
        assert first.pinned() is first
        assert DEFAULT_RULEBOOK.pinned().id == "ecei-2019[pinned]"


# -- the rules -------------------------------------------------------------------------------


class TestRules:
    def test_an_audit_without_a_score_passes_by_its_record(self) -> None:
        assert passes_by_score(GoldAudit(D(2013, 5, 1), passed=True), DEFAULT_RULEBOOK) is None

    def test_two_awards_of_a_tier_on_one_day(self) -> None:
        day = D(2019, 7, 25)
        with pytest.raises(InvalidValueError, match=r"^two awards of bronze on 2019-07-25$"):
            label_history([Benchmark(day), Benchmark(day)], Tier.BRONZE)

    def test_groups_by_an_unknown_field(self) -> None:
        with pytest.raises(InvalidValueError) as raised:
            group_clusters(sample_portfolio(), "city")
        assert (
            str(raised.value)
            == "field: groups are formed by country or comparative_portfolio, not 'city'"
        )

    def test_retroactive_must_be_a_bool(self) -> None:
        with pytest.raises(InvalidTypeError) as raised:
            portfolio_status(sample_portfolio(), SAMPLE_DAY, retroactive="yes")  # type: ignore[arg-type]
        assert str(raised.value) == "retroactive: must be True or False, not 'yes'"

    def test_a_tier_that_is_no_name(self) -> None:
        with pytest.raises(InvalidTypeError) as raised:
            portfolio_eligibility(sample_portfolio(), 3, SAMPLE_DAY)  # type: ignore[arg-type]
        assert str(raised.value) == "tier: must be a Tier or its name, not 3"

    def test_status_titles(self) -> None:
        retroactive = render(portfolio_status(sample_portfolio(), SAMPLE_DAY, retroactive=True))
        assert isinstance(retroactive, str)
        assert retroactive.splitlines()[0] == "Label status on 2026-11-20, every assessment counted"
        expiring = render(portfolio_status(sample_portfolio(), SAMPLE_DAY).expiring(90))
        assert isinstance(expiring, str)
        assert expiring.splitlines()[0] == "Labels valid on 2026-11-20 that end within 90 days"

    def test_a_disagreement_before_the_label_begins(self) -> None:
        cluster = Cluster(
            "q", "Q", [Benchmark(D(2019, 7, 25))],
            stated_labels=[StatedLabel(Tier.BRONZE, D(2021, 6, 30))],
        )  # fmt: skip
        (row,) = cluster_status(cluster, D(2019, 1, 1)).to_records()
        assert (row["tier"], row["status"], row["valid_until"]) == ("bronze", "no_label", None)
        assert row["disagreement"] == (
            "Bronze: stated valid until 2021-06-30, the assessments give 2021-07-31"
        )

    def test_an_eligibility_portfolio_is_a_sequence_of_decisions(self) -> None:
        result = portfolio_eligibility(sample_portfolio(), "gold", SAMPLE_DAY)
        assert len(result) == len(sample_portfolio().clusters) == 16
        assert [d.cluster_id for d in result] == [c.id for c in sample_portfolio().clusters]

    def test_the_gold_baseline_title(self) -> None:
        cluster = sample_portfolio("reference").clusters[0]
        text = render(cluster_gold_baseline(cluster, gold_catalogue(), SAMPLE_DAY))
        assert isinstance(text, str)
        assert text.splitlines()[:2] == [
            "Gold minimum requirements on 2026-11-20",
            "Rulebook: ecei-2019",
        ]

    def test_the_baseline_reads_the_latest_audit_with_values_on_the_day(self) -> None:
        early = at_thresholds()
        early["G-STR-01"] = 10
        lower = [
            attrs.evolve(i, minimum=0.9) if i.code == "G-FIN-04" else i
            for i in gold_catalogue().indicators
        ]
        cluster = Cluster("g", "G", [
            Benchmark(D(2019, 1, 1)),
            GoldAudit(D(2020, 5, 1), passed=True),
            GoldAudit(D(2023, 5, 1), passed=True, indicators=early),
            GoldAudit(D(2025, 5, 1), passed=True, indicators=at_thresholds()),
        ])  # fmt: skip
        catalogue = attrs.evolve(gold_catalogue(), indicators=lower)
        baseline = cluster_gold_baseline(cluster, catalogue, D(2024, 1, 1))
        assert finding(baseline, "baseline.G-STR-01") == (
            False, "Committed cluster participants: 10 misses 15 (margin -5)",
        )  # fmt: skip
        assert finding(baseline, "baseline.G-FIN-04") == (
            True, "Share of public funding in the budget: 0.7 meets 0.9 (margin +0.2)",
        )  # fmt: skip

    def test_a_recorded_miss_stands_against_a_published_catalogue(self) -> None:
        audit = GoldAudit(
            D(2023, 5, 1), score=85.0, audit_days=2, experts=2, indicators=at_thresholds(),
            minimum_requirements_met=False,
        )  # fmt: skip
        cluster = Cluster("g", "G", [audit], organisation=PROFILE)
        decision = gold_eligibility(cluster, D(2023, 6, 1), catalogue=PUBLISHED_GOLD)
        assert finding(decision, "gold.minimum_requirements") == (
            False, "a minimum requirement missed (recorded)",
        )  # fmt: skip
        assert decision.outcome.value == "not_eligible"

    def test_a_published_catalogue_without_a_value_leaves_the_record(self) -> None:
        values = at_thresholds()
        del values["G-STR-01"]
        audit = GoldAudit(D(2023, 5, 1), passed=True, audit_days=2, experts=2, indicators=values)
        cluster = Cluster("g", "G", [audit], organisation=PROFILE)
        decision = gold_eligibility(cluster, D(2023, 6, 1), catalogue=PUBLISHED_GOLD)
        assert finding(decision, "gold.minimum_requirements") == (
            True,
            "every minimum requirement met (recorded; ecei-gold-reference@2026.1 (published) "
            "has no values for G-STR-01)",
        )
        assert decision.outcome.value == "eligible"

    def test_a_catalogue_without_gold_points_scores_nothing(self) -> None:
        score = gold_score({}, benchmarking_catalogue())
        assert (score.points, score.max_points, score.percent, score.passed) == (0, 0, 0.0, False)
        assert score.lost == ()

    def test_a_cluster_without_a_measured_gold_audit(self) -> None:
        cluster = sample_portfolio("reference").clusters[0]
        score = cluster_gold_score(cluster, gold_catalogue(), "2026-11-20")
        assert score.to_dict() == {
            "id": cluster.id,
            "name": cluster.name,
            "audit_date": None,
            "recorded_score": None,
            "recorded_passed": None,
            "result": None,
        }

    def test_the_compliance_of_one_cluster_is_titled_with_its_programme(self) -> None:
        result = cluster_compliance(sample_portfolio().clusters[0], "de-go-cluster", SAMPLE_DAY)
        text = render(result)
        assert isinstance(text, str)
        assert text.splitlines()[:2] == [
            "Compliance on 2026-11-20 with de-go-cluster",
            "Rulebook: ecei-2019",
        ]

    @pytest.mark.parametrize(
        ("counts", "needs"),
        [
            (True, "Needs: a Bronze, Silver or Gold label, held by 2027-01-01"),
            (False, "Needs: a valid Bronze, Silver or Gold label, held by 2027-01-01"),
        ],
    )
    def test_a_programme_with_a_deadline_and_three_tiers(self, counts: bool, needs: str) -> None:
        programme = Programme(
            "x-prog", "X programme", ["bronze", "silver", "gold"],
            renewal_window_counts=counts, become_by=D(2027, 1, 1),
        )  # fmt: skip
        text = render(portfolio_compliance(sample_portfolio(), programme, SAMPLE_DAY))
        assert isinstance(text, str)
        assert text.splitlines()[:3] == [
            "Compliance on 2026-11-20 with x-prog",
            "X programme",
            needs,
        ]

    def test_no_change_of_labels_or_of_a_programme(self) -> None:
        result = portfolio_changes(
            sample_portfolio(), D(2026, 11, 1), SAMPLE_DAY, programmes=[get_programme("no-gce")]
        )
        assert result.events == ()
        assert result.compliance == ()
        text = render(result)
        assert isinstance(text, str)
        assert text.splitlines()[3:] == [
            "No label was awarded, renewed, expired or lapsed.",
            "",
            "No cluster gained or lost no-gce.",
        ]


# -- pictures --------------------------------------------------------------------------------


class TestPictures:
    def test_a_cluster_without_labels_has_a_row_of_its_own(self) -> None:
        figure = label_timeline(
            [Cluster("q", "Q", []), Cluster("h", "Hemp", [Benchmark(D(2019, 7, 25))])]
        )
        ticks = [tick.get_text() for tick in figure.axes[0].get_yticklabels()]
        assert ticks == ["Q · no label", "Hemp · Bronze"]

    def test_nothing_dated_keeps_the_default_axis(self) -> None:
        figure = label_timeline([Cluster("q", "Q", [])])
        assert [tick.get_text() for tick in figure.axes[0].get_yticklabels()] == ["Q · no label"]
        assert figure.axes[0].get_xlim() == (0.0, 1.0)

    def test_a_stated_label_without_a_renewal_window(self) -> None:
        from matplotlib.collections import PolyCollection

        rulebook = DEFAULT_RULEBOOK.variant(renewal_window_months=0)
        cluster = Cluster("q", "Q", [], stated_labels=[StatedLabel(Tier.BRONZE, D(2021, 7, 31))])
        with_window = label_timeline([cluster])
        without = label_timeline([cluster], rulebook=rulebook)

        def bars(figure: Any) -> int:
            return sum(isinstance(c, PolyCollection) for c in figure.axes[0].collections)

        assert bars(with_window) == 3  # the known term twice (fill, outline) and the window
        assert bars(without) == 2

    def test_the_years_between_ticks(self) -> None:
        from cluster_excellence.renderers.pictures import _year_step

        spans = (10, 15, 16, 30, 31, 75, 76, 150, 151, 300, 301, 9999)
        assert [_year_step(span) for span in spans] == [
            1, 1, 2, 2, 5, 5, 10, 10, 20, 20, 50, 1000,
        ]  # fmt: skip

    def test_a_heat_map_of_nothing(self) -> None:
        reference = group_clusters(sample_portfolio("reference"), "country")
        card = portfolio_scorecard(Portfolio([]), reference, benchmarking_catalogue(), SAMPLE_DAY)
        with pytest.raises(InvalidValueError) as raised:
            scorecard_heatmap(card)
        assert str(raised.value) == "the scorecard has no clusters or no indicators to draw"

    def test_a_heat_map_of_too_many_clusters(self) -> None:
        reference = group_clusters(sample_portfolio("reference"), "country")
        card = portfolio_scorecard(
            sample_portfolio("region"), reference, benchmarking_catalogue(), SAMPLE_DAY
        )
        with pytest.raises(InvalidValueError) as raised:
            scorecard_heatmap(card, max_rows=2)
        assert str(raised.value) == "7 clusters are too many for one picture (at most 2)"


_DAY_TEXT = "2026-11-20"

#: Every public function that takes a catalogue, called with ``catalogue`` in its place.
_TAKES_A_CATALOGUE: dict[str, Any] = {
    "cluster_gold_score": lambda c, p: ce.cluster_gold_score(p[0], c, _DAY_TEXT),
    "portfolio_gold_score": lambda c, p: ce.portfolio_gold_score(p, c, _DAY_TEXT),
    "cluster_gold_baseline": lambda c, p: ce.cluster_gold_baseline(p[0], c, _DAY_TEXT),
    "portfolio_scorecard": lambda c, p: ce.portfolio_scorecard(p, {}, c, _DAY_TEXT),
    "cluster_eligibility": lambda c, p: ce.cluster_eligibility(
        p[0], "gold", _DAY_TEXT, catalogue=c
    ),
    "portfolio_eligibility": lambda c, p: ce.portfolio_eligibility(
        p, "gold", _DAY_TEXT, catalogue=c
    ),
    "cluster_plan": lambda c, p: ce.cluster_plan(p[0], _DAY_TEXT, catalogue=c),
    "portfolio_plan": lambda c, p: ce.portfolio_plan(p, _DAY_TEXT, catalogue=c),
    "portfolio_check": lambda c, p: ce.portfolio_check(p, catalogue=c),
    "report_html": lambda c, p: ce.report_html(p, _DAY_TEXT, catalogue=c),
}


@pytest.mark.parametrize("function", sorted(_TAKES_A_CATALOGUE))
@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (ce.gold_catalogue, "not a function (call it: gold_catalogue())"),
        ("ecei-gold-reference", 'not "ecei-gold-reference"'),
        (3, "not 3"),
    ],
)
def test_what_is_no_catalogue_is_refused_by_name(function: str, value: Any, problem: str) -> None:
    with pytest.raises(InvalidTypeError) as raised:
        _TAKES_A_CATALOGUE[function](value, ce.sample_portfolio())
    assert str(raised.value) == f"catalogue: must be a Catalogue, {problem}"


@pytest.mark.parametrize("function", sorted(_TAKES_A_CATALOGUE))
def test_a_catalogue_is_taken_where_one_is_given(function: str) -> None:
    catalogue = ce.benchmarking_catalogue() if "scorecard" in function else ce.gold_catalogue()
    assert _TAKES_A_CATALOGUE[function](catalogue, ce.sample_portfolio()) is not None


_SAMPLE_FILE = Path(ce.__file__).parent / "data" / "sample-portfolio.json"

#: Every public reader that takes catalogues, called with ``catalogues`` in their place.
_TAKES_CATALOGUES: dict[str, Any] = {
    "read_portfolio": lambda c: ce.read_portfolio(_SAMPLE_FILE, catalogues=c),
    "read_portfolio_table": lambda c: ce.read_portfolio_table(
        Path(__file__).resolve().parents[1] / "docs" / "examples" / "assessments.xlsx",
        catalogues=c,
    ),
    "from_dataframe": lambda c: ce.from_dataframe(
        ce.sample_portfolio().to_dataframes(), catalogues=c
    ),
}


@pytest.mark.parametrize("function", sorted(_TAKES_CATALOGUES))
def test_catalogues_that_are_no_catalogues_are_refused_by_place(function: str) -> None:
    with pytest.raises(InvalidTypeError) as raised:
        _TAKES_CATALOGUES[function]([ce.gold_catalogue(), ce.gold_catalogue])
    assert str(raised.value) == (
        "catalogues[1]: must be a Catalogue, not a function (call it: gold_catalogue())"
    )
    with pytest.raises(InvalidTypeError) as raised:
        _TAKES_CATALOGUES[function](ce.gold_catalogue())
    assert str(raised.value).startswith("catalogues: must be a list of catalogues, not ")
    assert _TAKES_CATALOGUES[function]([ce.benchmarking_catalogue(), ce.gold_catalogue()])
