"""The listing reader gives back what a listing says, in every form it accepts."""

from __future__ import annotations

import csv
import datetime as dt
import io

from hypothesis import example, given
from hypothesis import strategies as st

from cluster_excellence import Tier, portfolio_to_json
from cluster_excellence.files.listing import parse_label_listing
from cluster_excellence.files.portfolio import PORTFOLIO_FILES

from .strategies import any_days

names = st.text(
    alphabet=st.characters(
        whitelist_categories=("Lu", "Ll", "Nd"), whitelist_characters=" -&.'()é,;|\""
    ),
    min_size=1,
    max_size=30,
).filter(lambda name: name.strip() and name.strip().casefold() != "name")
rows = st.lists(
    st.tuples(names, st.sampled_from(["ICT", "Food industry", ""]), any_days),
    min_size=1,
    max_size=8,
    unique_by=lambda row: " ".join(row[0].split()).casefold(),
)


def _csv(rows: list[tuple[str, str, dt.date]], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    for name, portfolio, day in rows:
        writer.writerow([name, portfolio, "", day.strftime("%Y/%m/%d")])
    return out.getvalue()


@given(rows, st.sampled_from([",", ";", "\t"]), st.sampled_from(list(Tier)))
@example([("Aviation Valley", "Aviation and space", dt.date(2013, 2, 23))], ",", Tier.GOLD)
@example([("Leap, Day", "", dt.date(2024, 2, 29))], ";", Tier.SILVER)
def test_csv_listings_read_back(
    listed: list[tuple[str, str, dt.date]], delimiter: str, tier: Tier
) -> None:
    header = delimiter.join(["Name", "Comparative portfolio", "www", "Label valid until"])
    portfolio = parse_label_listing(header + "\n" + _csv(listed, delimiter), tier=tier)
    assert [
        (c.name, c.comparative_portfolio or "", c.stated_labels[0].valid_until) for c in portfolio
    ] == [(" ".join(name.split()), p, day) for name, p, day in listed]
    assert all(c.stated_labels[0].tier is tier for c in portfolio)
    assert len({c.id for c in portfolio}) == len(listed)
    assert PORTFOLIO_FILES.parse(portfolio_to_json(portfolio)) == portfolio


@given(
    st.lists(
        st.tuples(names.filter(lambda n: "|" not in n), any_days),
        min_size=1,
        max_size=8,
        unique_by=lambda row: " ".join(row[0].split()).casefold(),
    )
)
def test_pasted_tables_read_back(listed: list[tuple[str, dt.date]]) -> None:
    text = "".join(f"| {name} | ICT |  | {day:%Y/%m/%d} |\n" for name, day in listed)
    portfolio = parse_label_listing(text, tier="bronze")
    assert [(c.name, c.stated_labels[0].valid_until) for c in portfolio] == [
        (" ".join(name.split()), day) for name, day in listed
    ]
