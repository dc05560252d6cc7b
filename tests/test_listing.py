"""Import of the public label listing, stated labels in the file format and the status."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from cluster_excellence import (
    Benchmark,
    Cluster,
    Portfolio,
    PortfolioError,
    StatedLabel,
    Tier,
    cluster_status,
    portfolio_status,
    read_label_listing,
    sample_portfolio,
)
from cluster_excellence.cli import main
from cluster_excellence.errors import ListingError
from cluster_excellence.files.listing import merge_stated_labels, parse_label_listing
from cluster_excellence.files.portfolio import PORTFOLIO_FILES

D = dt.date
# The listing's own example row (its website is elided in the source; the
# tier is each test's choice, the row does not state it).
AVIATION = "Aviation Valley | Aviation and space |  | 2013/02/23"
HEADER = "Name | Comparative portfolio | www | Label valid until"


def problems(text: str | bytes, **options: Any) -> list[str]:
    with pytest.raises(ListingError) as caught:
        parse_label_listing(text, tier="bronze", name="listing.txt", **options)
    assert str(caught.value).startswith("listing.txt: ")
    return [str(p) for p in caught.value.problems]


class TestForms:
    """The same row, however it was copied."""

    @pytest.mark.parametrize(
        "text",
        [
            AVIATION,
            f"{HEADER}\n{AVIATION}\n",
            f"| {HEADER} |\n|---|---|---|---|\n| {AVIATION} |\n",
            "Name\tComparative portfolio\twww\tLabel valid until\n"
            "Aviation Valley\tAviation and space\t\t2013/02/23\n",
            "Name,Comparative portfolio,www,Label valid until\n"
            '"Aviation Valley","Aviation and space","",2013/02/23\r\n',
            "Aviation Valley;Aviation and space;;2013-02-23",
            "\ufeff\n\n  " + AVIATION + "  \n\n",
            ("\ufeff" + AVIATION).encode("utf-8"),
        ],
        ids=["pipes", "header", "markdown", "tabs", "csv", "semicolons", "bom", "bytes"],
    )
    def test_every_form_gives_the_same_cluster(self, text: str | bytes) -> None:
        (cluster,) = parse_label_listing(text, tier=Tier.GOLD, source="test").clusters
        assert cluster == Cluster(
            "aviation-valley",
            "Aviation Valley",
            (),
            comparative_portfolio="Aviation and space",
            stated_labels=[StatedLabel(Tier.GOLD, D(2013, 2, 23), source="test")],
        )

    def test_quoted_commas_and_websites_are_kept(self) -> None:
        (cluster,) = parse_label_listing(
            '"Food, Health and Nutrition Cluster",Food industry,https://food.example,2025/01/31',
            tier="silver",
        ).clusters
        assert cluster.name == "Food, Health and Nutrition Cluster"
        assert cluster.website == "https://food.example"
        assert cluster.stated_labels == (
            StatedLabel(Tier.SILVER, D(2025, 1, 31), source="label listing"),
        )

    def test_ids_are_made_from_names_and_kept_unique(self) -> None:
        portfolio = parse_label_listing(
            "Café Cluster | ICT | | 2020/01/01\nCafe  cluster! | Food | | 2020/01/01\n"
            "ΑΒΓ | ICT | | 2020/01/01",
            tier="bronze",
        )
        assert [c.id for c in portfolio] == ["cafe-cluster", "cafe-cluster-2", "cluster"]

    def test_a_name_listed_twice_is_one_cluster_with_two_stated_labels(self) -> None:
        (cluster,) = parse_label_listing(
            f"{AVIATION}\naviation  valley | Aviation and space | | 2016/02/29", tier="gold"
        ).clusters
        assert [s.valid_until for s in cluster.stated_labels] == [D(2013, 2, 23), D(2016, 2, 29)]


class TestProblems:
    def test_every_problem_is_reported_with_its_line(self) -> None:
        assert problems(
            "A | ICT | | 2013/02/30\n\nB | ICT | 2013/02/01\n| | ICT | | 2013/02/01 |\n"
            "C | ICT | | 23.02.2013\nD | ICT | | 2013/02-01\n"
        ) == [
            "line 1, Label valid until: 2013/02/30 is not a valid date: February 2013 has no day 30",
            "line 3: 3 cells, expected 4 (Name | Comparative portfolio | www | Label valid "
            "until); one cluster per line",
            "line 4, Name: must not be blank",
            'line 5, Label valid until: "23.02.2013" is not a date in YYYY/MM/DD form '
            "(--date-order reads others)",
            'line 6, Label valid until: "2013/02-01" is not a date in YYYY/MM/DD form '
            "(--date-order reads others)",
        ]

    def test_a_date_order_reads_other_dates(self, tmp_path: Path) -> None:
        listing = parse_label_listing("A | ICT | | 31.03.2027\nB | ICT | | 2026/04/01",
                                      tier="gold", date_order="dmy")  # fmt: skip
        assert [c.stated_labels[0].valid_until for c in listing] == [
            dt.date(2027, 3, 31), dt.date(2026, 4, 1)
        ]  # fmt: skip
        assert problems("A | ICT | | 31.13.2027\n", date_order="dmy") == [
            'line 1, Label valid until: "31.13.2027" is not a valid date (day-month-year): '
            "month 13 does not exist"
        ]
        path = tmp_path / "gold.txt"
        path.write_text("A | ICT | | 31.03.2027\n", encoding="utf-8")
        out = tmp_path / "out.json"
        assert main(["import-listing", str(path), "--tier", "gold", "--date-order", "dmy",
                     "-o", str(out)]) == 0  # fmt: skip
        assert '"valid_until": "2027-03-31"' in out.read_text(encoding="utf-8")

    def test_a_repeated_line_and_a_conflicting_name(self) -> None:
        assert problems(f"{AVIATION}\n{AVIATION}\nAviation Valley | ICT | | 2014/01/01") == [
            "line 2: repeats line 1",
            "line 3: Aviation Valley is also on line 1, with another comparative portfolio "
            "or website",
        ]

    def test_a_header_with_other_columns(self) -> None:
        assert problems(f"Name | www | Portfolio | Valid\n{AVIATION}") == [
            "line 1: a header must be Name | Comparative portfolio | www | Label valid until"
        ]

    def test_an_empty_listing(self) -> None:
        assert problems(f"{HEADER}\n\n") == ["lists no clusters"]

    def test_text_that_is_not_utf8(self) -> None:
        assert problems("Café | ICT | | 2013/02/23".encode("cp1252")) == [
            "is not UTF-8 text (byte 3); save it as UTF-8"
        ]

    def test_a_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(ListingError, match="cannot read the file"):
            read_label_listing(tmp_path / "missing.txt", tier="gold")

    def test_an_unknown_tier(self) -> None:
        with pytest.raises(ValueError, match="platinum"):
            parse_label_listing(AVIATION, tier="platinum")


class TestStatus:
    def test_the_status_follows_from_the_stated_end_alone(self) -> None:
        portfolio = parse_label_listing(AVIATION, tier="gold")
        seen = {
            day: [(e.tier.value, e.status.value) for e in cluster.labels]
            for day in (D(2011, 2, 27), D(2011, 2, 28), D(2013, 2, 23), D(2013, 2, 24),
                        D(2014, 2, 28), D(2014, 3, 1))
            for cluster in portfolio_status(portfolio, day).clusters
        }  # fmt: skip
        assert seen == {
            D(2011, 2, 27): [],
            D(2011, 2, 28): [("gold", "valid")],
            D(2013, 2, 23): [("gold", "valid")],
            D(2013, 2, 24): [("gold", "expired_renewable")],
            D(2014, 2, 28): [("gold", "expired_renewable")],
            D(2014, 3, 1): [("gold", "lapsed")],
        }

    def test_the_latest_stated_label_known_on_the_day_counts(self) -> None:
        cluster = Cluster(
            "x", "X", [],
            stated_labels=[StatedLabel(Tier.BRONZE, D(2015, 6, 30)),
                           StatedLabel(Tier.BRONZE, D(2019, 6, 30))],
        )  # fmt: skip
        entry = cluster_status(cluster, D(2016, 1, 1)).labels[0]
        assert (entry.valid_until, entry.status.value) == (D(2015, 6, 30), "expired_renewable")
        entry = cluster_status(cluster, D(2018, 1, 1)).labels[0]
        assert (entry.valid_until, entry.status.value) == (D(2019, 6, 30), "valid")

    def test_assessments_govern_a_tier_they_award(self) -> None:
        qoot = sample_portfolio().clusters[0]
        result = cluster_status(qoot, D(2021, 7, 28))
        (entry,) = result.labels
        assert (entry.basis, entry.status.value, entry.valid_until) == (
            "assessments", "valid", D(2021, 7, 31)
        )  # fmt: skip
        assert [str(d) for d in result.disagreements] == [
            "Bronze: stated valid until 2021-07-25 (certificate), the assessments give 2021-07-31"
        ]

    def test_a_tier_the_assessments_never_award_uses_the_stated_label(self) -> None:
        cluster = Cluster(
            "x", "X", [Benchmark(D(2020, 1, 10))],
            stated_labels=[StatedLabel(Tier.GOLD, D(2021, 3, 31), source="listing")],
        )  # fmt: skip
        result = cluster_status(cluster, D(2020, 6, 1))
        assert [(e.tier, e.basis) for e in result.labels] == [
            (Tier.BRONZE, "assessments"), (Tier.GOLD, "stated")
        ]  # fmt: skip
        assert result.highest_valid_tier is Tier.GOLD
        assert result.disagreements == ()

    def test_two_disagreements_of_one_tier_share_its_record(self) -> None:
        cluster = Cluster(
            "x", "X", [Benchmark(D(2019, 7, 25))],
            stated_labels=[StatedLabel(Tier.BRONZE, D(2021, 7, 25)),
                           StatedLabel(Tier.BRONZE, D(2021, 8, 31))],
        )  # fmt: skip
        (record,) = portfolio_status(Portfolio([cluster]), D(2021, 1, 1)).to_records()
        assert record["disagreement"] == (
            "Bronze: stated valid until 2021-07-25, the assessments give 2021-07-31; "
            "Bronze: stated valid until 2021-08-31, the assessments give 2021-07-31"
        )

    def test_the_json_csv_and_table_name_the_basis_and_the_disagreements(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["status", "--on", "2026-11-20", "--format", "json"]) == 0
        clusters = {c["id"]: c for c in json.loads(capsys.readouterr().out)["clusters"]}
        assert clusters["example-listed"]["labels"] == [
            {"tier": "gold", "status": "valid", "valid_from": None,
             "valid_until": "2027-03-31", "renewable_until": "2028-03-31",
             "basis": "stated", "source": "label listing (invented example)"}
        ]  # fmt: skip
        assert clusters["hemp-sk"]["disagreements"] == [
            {"tier": "bronze", "stated_valid_until": "2024-11-30",
             "implied_valid_until": "2025-10-31", "source": "certificate of 2021"}
        ]  # fmt: skip
        assert main(["status", "--on", "2026-11-20", "--format", "csv"]) == 0
        csv_text = capsys.readouterr().out
        assert csv_text.splitlines()[0].endswith(",basis,source,disagreement")
        assert "example-listed,Example Listed Cluster,gold,gold,valid,,2027-03-31" in csv_text
        assert main(["status", "--on", "2026-11-20"]) == 0
        table = capsys.readouterr().out
        assert (
            "example-listed (Example Listed Cluster): highest valid tier Gold\n"
            "  Gold    valid                           2027-03-31   2028-03-31\n" in table
        )
        assert "    Disagreement: Bronze: stated valid until 2024-11-30" in table


class TestFileFormat:
    def test_bad_stated_labels_are_reported_with_their_paths(self) -> None:
        document = {
            "format": "cluster-excellence.portfolio/1",
            "clusters": [
                {
                    "id": "x", "name": "X", "assessments": [], "website": " ",
                    "stated_labels": [
                        {"tier": "platinum", "valid_until": "2013-02-30"},
                        {"tier": "gold", "valid_until": "2013/02/23", "source": None},
                        {"tier": "gold", "valid_until": "2013-02-23", "until": 1},
                        {"tier": "gold", "valid_until": "2013-02-23"},
                        {"tier": "gold", "valid_until": "2013-02-23"},
                        {"valid_until": "2013-02-23"},
                    ],
                }
            ],
        }  # fmt: skip
        with pytest.raises(PortfolioError) as caught:
            PORTFOLIO_FILES.parse(json.dumps(document))
        at = "clusters[0].stated_labels"
        assert [str(p) for p in caught.value.problems] == [
            "clusters[0].website: must not be blank",
            f'{at}[0].tier: "platinum" is not one of bronze, silver, gold',
            f"{at}[0].valid_until: 2013-02-30 is not a valid date",
            f'{at}[1].valid_until: "2013/02/23" is not a date in YYYY-MM-DD form',
            f"{at}[1].source: must be a string, not null",
            f"{at}[2].until: unknown key (did you mean 'valid_until'?)",
            f"{at}[5].tier: is missing (required)",
            f"{at}[4]: a second stated gold label valid until 2013-02-23 (the first is {at}[3])",
        ]


class TestMerge:
    def test_a_namesake_gets_the_stated_labels_and_others_are_appended(self) -> None:
        mine = Portfolio(
            [Cluster("aviation-valley", "Other", []), Cluster("av", "AVIATION VALLEY", [])]
        )
        merged = merge_stated_labels(mine, parse_label_listing(AVIATION, tier="gold"))
        assert [c.id for c in merged] == ["aviation-valley", "av"]
        assert merged.clusters[1].comparative_portfolio == "Aviation and space"
        assert len(merged.clusters[1].stated_labels) == 1
        again = merge_stated_labels(merged, parse_label_listing(AVIATION, tier="gold"))
        assert again == merged
        new = merge_stated_labels(
            mine, parse_label_listing("Aviation Valley Two | ICT | | 2013/01/01", tier="gold")
        )
        assert [c.id for c in new] == ["aviation-valley", "av", "aviation-valley-two"]

    def test_two_namesakes_are_ambiguous(self) -> None:
        mine = Portfolio([Cluster("a", "Aviation Valley", []), Cluster("b", "aviation valley", [])])
        with pytest.raises(ValueError, match="two clusters named"):
            merge_stated_labels(mine, parse_label_listing(AVIATION, tier="gold"))


class TestCommand:
    def test_a_listing_becomes_a_portfolio_file(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        listing = tmp_path / "gold.txt"
        listing.write_text(f"{HEADER}\n{AVIATION}\n", encoding="utf-8")
        out = tmp_path / "portfolio.json"
        argv = ["import-listing", str(listing), "--tier", "gold", "--source", "gold list"]
        assert main([*argv, "--output", str(out)]) == 0
        assert capsys.readouterr() == ("", "")
        portfolio = PORTFOLIO_FILES.parse(out.read_bytes())
        assert portfolio.clusters[0].stated_labels[0].source == "gold list"
        assert main(argv) == 0
        assert capsys.readouterr().out == out.read_text(encoding="utf-8")
        assert main(["status", str(out), "--on", "2013-02-24", "--format", "json"]) == 0
        (cluster,) = json.loads(capsys.readouterr().out)["clusters"]
        assert cluster["labels"][0]["status"] == "expired_renewable"

    def test_into_a_portfolio(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        listing = tmp_path / "bronze.csv"
        listing.write_text("Qoot Cluster,ICT,,2021/07/20\n", encoding="utf-8")
        mine = tmp_path / "mine.json"
        mine.write_text(
            json.dumps({"format": "cluster-excellence.portfolio/1", "clusters": [
                {"id": "qoot", "name": "Qoot Cluster",
                 "assessments": [{"type": "benchmarking", "date": "2019-07-25"}]}]}),
            encoding="utf-8",
        )  # fmt: skip
        assert main(["import-listing", str(listing), "--tier", "bronze", "--into", str(mine)]) == 0
        (qoot,) = PORTFOLIO_FILES.parse(capsys.readouterr().out)
        assert qoot.stated_labels == (
            StatedLabel(Tier.BRONZE, D(2021, 7, 20), source="label listing"),
        )

    def test_a_listing_from_standard_input(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import io

        stdin = io.TextIOWrapper(io.BytesIO(f"{HEADER}\n{AVIATION}\n".encode()))
        monkeypatch.setattr("sys.stdin", stdin)
        assert main(["import-listing", "-", "--tier", "silver"]) == 0
        (cluster,) = PORTFOLIO_FILES.parse(capsys.readouterr().out)
        assert cluster.stated_labels[0].tier is Tier.SILVER

    def test_bad_input_writes_nothing(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        listing = tmp_path / "bad.txt"
        listing.write_text("A | ICT | | 2013/02/30\n", encoding="utf-8")
        out = tmp_path / "out.json"
        assert main(["import-listing", str(listing), "--tier", "gold", "-o", str(out)]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err == (
            f"cluster-excellence import-listing: {listing}: line 1, Label valid until: "
            "2013/02/30 is not a valid date: February 2013 has no day 30\n"
        )
        assert not out.exists()
        good = tmp_path / "good.txt"
        good.write_text(AVIATION, encoding="utf-8")
        missing = tmp_path / "no" / "out.json"
        assert main(["import-listing", str(good), "--tier", "gold", "-o", str(missing)]) == 2
        assert "cannot write the file" in capsys.readouterr().err
        assert sorted(tmp_path.iterdir()) == sorted([listing, good])
