"""Rulebook files: read strictly, written losslessly, and used by every rule command."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cluster_excellence import (
    DEFAULT_RULEBOOK,
    Benchmark,
    Cluster,
    Rulebook,
    Tier,
    cluster_status,
    get_rulebook,
    read_rulebook,
)
from cluster_excellence._calendar import EARLIEST_DAY, LATEST_DAY
from cluster_excellence.cli import main
from cluster_excellence.errors import RulebookError
from cluster_excellence.files.rulebook import RULEBOOK_FILES
from cluster_excellence.model.rulebooks import (
    Anchor,
    Criteria,
    ExtensionBase,
    GoldRenewal,
    GoldRules,
    IntervalCounting,
    IntervalLimit,
    ScoringRules,
    SilverRules,
    TierMonths,
    Unrecorded,
)

ECEI_2010 = get_rulebook("ecei-2010")
FORMAT = "cluster-excellence.rulebook/1"
ROOT = Path(__file__).resolve().parents[1]
BW = ROOT / "docs" / "examples" / "bw-style-rulebook.json"
SCHEMA = jsonschema.Draft202012Validator(RULEBOOK_FILES.schema())
DATA = ROOT / "src" / "cluster_excellence" / "data"


def document(*editions: dict[str, Any]) -> str:
    return json.dumps({"format": FORMAT, "editions": list(editions)})


def edition(edition_id: str = "a", day: str = "2020-01-01", **more: Any) -> dict[str, Any]:
    return {"id": edition_id, "title": edition_id.upper(), "effective_from": day, **more}


def problems(text: str | bytes) -> list[str]:
    with pytest.raises(RulebookError) as caught:
        RULEBOOK_FILES.parse(text)
    return [str(problem) for problem in caught.value.problems]


# -- what a file may leave out -------------------------------------------------------------


def test_a_parameter_left_out_is_inherited_with_its_source() -> None:
    book = RULEBOOK_FILES.parse(
        document(
            edition("old", "2010-01-01", silver={"min_interval_months": 12}),
            edition("new", "2020-01-01", criteria={"min_committed_members": 20}),
        )
    )
    old = book.in_force_on(dt.date(2015, 1, 1))
    assert (old.id, book.id) == ("old", "new")
    assert book.silver.min_interval_months == 12  # inherited from "old"
    assert book.criteria.min_committed_members == 20
    assert old.criteria.min_committed_members == 15  # the library's default
    assert old.source_of("criteria.min_committed_members") == (
        "the library's default, as in ecei-2019: "
        + DEFAULT_RULEBOOK.source_of("criteria.min_committed_members")
    )
    assert book.source_of("silver.max_interval_months") == old.source_of(
        "silver.max_interval_months"
    )
    assert book.source_of("criteria.min_committed_members") == "not stated"
    assert old.source_of("silver.min_interval_months") == "not stated"


def test_the_example_in_the_docs_needs_no_code(capsys: pytest.CaptureFixture[str]) -> None:
    """A regional label valid two years, renewed for two, 80 % of the points: data only."""
    book = read_rulebook(BW)
    assert (book.first_term_months, book.renewal_term_months) == (24, TierMonths(24, 24, 24))
    assert book.gold_pass_score == 80
    assert book.source_of("first_term_months") == "the regional label is valid 2 years"
    cluster = Cluster("c", "C", [Benchmark(dt.date(2020, 3, 5)), Benchmark(dt.date(2022, 2, 1))])
    (bronze,) = cluster_status(cluster, dt.date(2023, 1, 1), book).labels
    assert bronze.valid_until == dt.date(2024, 3, 31)  # 2022-03-31 + 24 months, not 36
    assert main(["status", "--rulebook", str(BW), "--on", "2026-11-20", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["rulebook"] == "bw-style-example"
    assert out["editions"] == [{"id": "bw-style-example", "effective_from": "2012-01-01"}]


# -- writing and reading back ----------------------------------------------------------------


@pytest.mark.parametrize(
    "book",
    [
        DEFAULT_RULEBOOK,
        ECEI_2010,
        DEFAULT_RULEBOOK.pinned(),
        DEFAULT_RULEBOOK.variant(anchor=Anchor.EXACT_DAY, extension_base=ExtensionBase.ASSESSMENT),
        DEFAULT_RULEBOOK.variant(
            silver=attrs.evolve(DEFAULT_RULEBOOK.silver, max_interval_months=None)
        ),
    ],
    ids=lambda book: book.id,
)
def test_presets_and_variants_read_back_equal(book: Rulebook) -> None:
    text = RULEBOOK_FILES.to_json(book)
    assert RULEBOOK_FILES.parse(text) == book
    assert RULEBOOK_FILES.to_json(RULEBOOK_FILES.parse(text)) == text
    SCHEMA.validate(json.loads(text))


def _group(cls: type, draw: st.DrawFn) -> Any:
    """A group of parameters with some fields changed to other valid values."""
    choices: dict[str, st.SearchStrategy[Any]] = {
        "min_management_fte": st.floats(0, 10, allow_nan=False) | st.integers(0, 10),
        "min_committed_members": st.integers(0, 500),
        "min_member_types": st.integers(0, 5),
        "improvement_areas": st.integers(1, 6),
        "first_audit_days": st.floats(0.25, 5) | st.integers(1, 5),
        "renewal_audit_days": st.floats(0.25, 5) | st.integers(1, 5),
        "first_audit_experts": st.integers(1, 4),
        "renewal_audit_experts": st.integers(1, 4),
    }
    values: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if not draw(st.booleans()):
            continue
        kind = str(field.type)
        if field.name in choices:
            values[field.name] = draw(choices[field.name])
        elif kind == "bool":
            values[field.name] = draw(st.booleans())
        elif kind not in ("int", "int | None", "float"):
            enum = {
                "IntervalLimit": IntervalLimit,
                "IntervalCounting": IntervalCounting,
                "GoldRenewal": GoldRenewal,
                "Unrecorded": Unrecorded,
            }[kind]
            values[field.name] = draw(st.sampled_from(list(enum)))
    if cls is SilverRules:
        low = draw(st.integers(0, 60))
        values["min_interval_months"] = low
        values["max_interval_months"] = draw(st.none() | st.integers(low, 120))
    return cls(**values)


@st.composite
def rulebooks(draw: st.DrawFn) -> Rulebook:
    """A chain of one to three editions with any valid parameters and sources."""
    count = draw(st.integers(1, 3))
    days = sorted(
        draw(
            st.lists(
                st.dates(EARLIEST_DAY, LATEST_DAY), min_size=count, max_size=count, unique=True
            )
        )
    )
    previous: Rulebook | None = None
    for index, day in enumerate(days):
        terms = TierMonths(*(draw(st.integers(1, 120)) for _ in range(3)))
        book = Rulebook(
            id=f"e{index}",
            title=draw(
                st.text(st.characters(categories=["L", "N", "Zs"]), min_size=1).filter(str.strip)
            ),
            effective_from=day,
            sources=draw(st.lists(st.sampled_from(["https://example.org/a", "décision"]))),
            anchor=draw(st.sampled_from(list(Anchor))),
            first_term_months=draw(st.integers(1, 120)),
            renewal_term_months=terms,
            renewal_window_months=draw(st.integers(0, min(terms.bronze, terms.silver, terms.gold))),
            extension_base=draw(st.sampled_from(list(ExtensionBase))),
            gold_pass_score=draw(st.floats(0, 100) | st.integers(0, 100)),
            criteria=_group(Criteria, draw),
            silver=_group(SilverRules, draw),
            gold=_group(GoldRules, draw),
            scoring=_group(ScoringRules, draw),
            previous=previous,
            parameter_sources=draw(
                st.dictionaries(
                    st.sampled_from(["anchor", "silver.max_interval", "gold.renewal"]),
                    st.sampled_from(["decision (ours)", "https://example.org/rules"]),
                )
            ),
        )
        previous = book
    assert previous is not None
    return previous


@given(rulebooks())
def test_every_rulebook_reads_back_equal(book: Rulebook) -> None:
    text = RULEBOOK_FILES.to_json(book)
    assert RULEBOOK_FILES.parse(text) == book
    assert [e.id for e in RULEBOOK_FILES.parse(text).editions()] == [e.id for e in book.editions()]
    SCHEMA.validate(json.loads(text))


# -- what a file may not say ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("editions", "expected"),
    [
        ([], ["editions: must hold at least one edition"]),
        (
            [edition(silver={"min_interval_months": 30})],
            ["editions[0].silver: max_interval_months (24) must not be below "
             "min_interval_months (30)"],
        ),
        (
            [edition(silver={"min_interval_months": 500})],
            ["editions[0].silver.min_interval_months: must be a whole number of months from "
             "0 to 120, not 500"],
        ),
        (
            [edition(gold_pass_score=100.5)],
            ["editions[0].gold_pass_score: must be a number from 0 to 100, not 100.5"],
        ),
        (
            [edition(renewal_term_months={"gold": 6})],
            ["editions[0]: renewal_window_months (12) must not exceed the shortest renewal "
             "term (6): a renewal late in the window would end before it was awarded"],
        ),
        (
            [edition(criteria={"apply": 1, "min_committed_members": 1.5}, anchor="month")],
            [
                "editions[0].anchor: \"month\" is not one of month-end, exact-day",
                "editions[0].criteria.apply: must be true or false, not 1",
                "editions[0].criteria.min_committed_members: must be a whole number, not 1.5",
            ],
        ),
        (
            [edition(silver={"min_interval": 12})],
            ["editions[0].silver.min_interval: unknown key (did you mean "
             "'max_interval'?)"],
        ),
        (
            [edition(parameter_sources={"silver.min_interval": "x", "anchor": "\x00"})],
            [
                "editions[0].parameter_sources[\"silver.min_interval\"]: unknown key (did you "
                "mean 'silver.max_interval'?)",
                "editions[0].parameter_sources.anchor: contains the control character \\x00 "
                "at position 0",
            ],
        ),
        (
            [edition("a", "2020-01-01"), edition("a", "2021-01-01")],
            ['editions[1].id: "a" is the id of editions[0]'],
        ),
        (
            [edition("a", "2020-01-01"), edition("b", "2020-01-01")],
            ["editions[1].effective_from: 2020-01-01 must be after the previous edition's "
             "effective_from (2020-01-01)"],
        ),
        (
            [edition(effective_from="2019-02-29")],
            ["editions[0].effective_from: 2019-02-29 is not a valid date"],
        ),
        ([{"id": "a"}], [
            "editions[0].title: is missing (required)",
            "editions[0].effective_from: is missing (required)",
        ]),
        (
            [edition(title="a\u2028b", sources=["\ud800"])],
            [
                "editions[0].title: contains a line break (\\u2028) at position 1; this text "
                "must fit on one line",
                "editions[0].sources[0]: contains a lone surrogate (\\ud800) at position 0, "
                "which is not a character",
            ],
        ),
        (
            [edition(silver={"max_interval_months": 10**400})],
            ["editions[0].silver.max_interval_months: must be a whole number of months from "
             "0 to 120, not an integer of 401 digits"],
        ),
    ],
)  # fmt: skip
def test_problems_are_named_with_their_paths(
    editions: list[dict[str, Any]], expected: list[str]
) -> None:
    assert sorted(problems(document(*editions))) == sorted(expected)


def test_more_editions_than_a_rulebook_holds() -> None:
    many = [edition(f"e{i}", f"{1900 + i}-01-01") for i in range(101)]
    assert problems(document(*many)) == [
        "editions: holds 101 editions; a rulebook holds at most 100"
    ]
    book = RULEBOOK_FILES.parse(document(*many[:100]))
    assert len(book.editions()) == 100
    assert hash(book) == hash(RULEBOOK_FILES.parse(RULEBOOK_FILES.to_json(book)))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "the file is empty"),
        (b"\xff\xfe", "is not UTF-8"),
        (b"[]", "the document must be a JSON object, not a list"),
        (b'{"format": "cluster-excellence.portfolio/1", "editions": []}', "is not a supported"),
        (b"[" * 10_000, "nested"),
    ],
)
def test_unusable_documents(data: bytes, expected: str) -> None:
    with pytest.raises(RulebookError) as caught:
        RULEBOOK_FILES.parse(data)
    assert expected in str(caught.value)


def test_the_shipped_schema_is_the_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(RULEBOOK_FILES.schema())
    shipped = json.loads((DATA / "rulebook.schema.json").read_text(encoding="utf-8"))
    assert shipped == RULEBOOK_FILES.schema(), "run `python tools/make_schemas.py`"


@given(st.data())
def test_broken_documents_are_refused_by_schema_and_reader(data: st.DataObject) -> None:
    document = json.loads(RULEBOOK_FILES.to_json(DEFAULT_RULEBOOK))
    target = data.draw(
        st.sampled_from(
            [document, *document["editions"]]
            + [e[group] for e in document["editions"] for group in ("criteria", "silver", "gold")]
        )
    )
    how = data.draw(st.sampled_from(["unknown key", "wrong type"]))
    if how == "unknown key":
        target["unexpected"] = 1
    else:
        key = data.draw(st.sampled_from(sorted(target)))
        value = target[key]
        target[key] = 7 if isinstance(value, (str, bool, list, dict)) else "7"
    text = json.dumps(document)
    assert not SCHEMA.is_valid(json.loads(text))
    with pytest.raises(RulebookError):
        RULEBOOK_FILES.parse(text)


# -- on the command line ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["status"], ["plan"], ["check"], ["eligibility", "--tier", "silver"], ["gold-score"],
     ["compliance", "--programme", "no-gce"]],
)  # fmt: skip
def test_every_rule_command_reads_a_rulebook_file(
    command: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "book.json"
    path.write_text(document(edition("tmp-book", "2000-01-01")), encoding="utf-8")
    on = [] if command == ["check"] else ["--on", "2026-11-20"]
    code = main([*command, "--rulebook", str(path), *on, "--format", "json"])
    assert code in (0, 1)
    out = capsys.readouterr().out
    assert "tmp-book" in out


def test_a_bad_rulebook_file_is_refused_with_its_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "book.json"
    path.write_text(document(edition(gold_pass_score="80")), encoding="utf-8")
    assert main(["status", "--rulebook", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"cluster-excellence status: {path}: editions[0].gold_pass_score: must be a number, "
        'not "80"\n'
    )


def test_an_unknown_rulebook_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--rulebook", "ecei-2030"]) == 2
    assert capsys.readouterr().err == (
        'cluster-excellence status: --rulebook: "ecei-2030" is neither a preset '
        "(ecei-2010, ecei-2019) nor a rulebook file\n"
    )
    assert main(["status", "--rulebook", "missing.json"]) == 2
    assert "missing.json: cannot read" in capsys.readouterr().err


def test_a_rulebook_on_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    text = document(edition("from-stdin", "2000-01-01")).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
    assert main(["status", "--rulebook", "-", "--format", "json", "--on", "2026-11-20"]) == 0
    assert json.loads(capsys.readouterr().out)["rulebook"] == "from-stdin"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
    assert main(["status", "-", "--rulebook", "-"]) == 2
    assert capsys.readouterr().err == (
        "cluster-excellence status: only one argument may read standard input (-)\n"
    )


def test_output_never_goes_onto_the_rulebook(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "book.json"
    text = document(edition("tmp-book", "2000-01-01"))
    path.write_text(text, encoding="utf-8")
    assert main(["status", "--rulebook", str(path), "--output", str(path)]) == 2
    assert path.read_text(encoding="utf-8") == text
    assert "input" in capsys.readouterr().err


def test_pinned_judges_every_assessment_by_the_latest_edition(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["eligibility", "--tier", "silver", "--on", "2017-06-15", "--format", "json"]
    assert main(args) == 0
    (mineral,) = [
        d
        for d in json.loads(capsys.readouterr().out)["decisions"]
        if d["cluster_id"] == "mineralklynge"
    ]
    assert mineral["outcome"] == "eligible"
    assert main([*args, "--pinned"]) == 0
    document = json.loads(capsys.readouterr().out)
    (mineral,) = [d for d in document["decisions"] if d["cluster_id"] == "mineralklynge"]
    assert mineral["rulebook"] == "ecei-2019[pinned]"
    assert mineral["outcome"] == "undetermined"  # the criteria, which 2017 did not know
    interval = [f for f in mineral["findings"] if f["code"] == "silver.benchmarking_interval"]
    assert interval[0]["remark"] is True
    assert Tier.SILVER.value == mineral["question"]
