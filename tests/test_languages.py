"""Every word people read, in each language (docs: Languages).

The catalogues hold a translation of every message of the code, with the same
places; days and numbers are written as each language writes them; every
output people read (tables, report, badge, calendar, pictures) is made in the
language asked for, and what machines read (JSON, CSV) never changes with it.
"""

from __future__ import annotations

import datetime as dt
import gettext
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import cluster_excellence
from cluster_excellence import (
    InvalidTypeError,
    InvalidValueError,
    Portfolio,
    Tier,
    badge,
    cluster_plan,
    cluster_status,
    get_programme,
    plan_to_ics,
    portfolio_changes,
    portfolio_check,
    portfolio_compliance,
    portfolio_eligibility,
    portfolio_plan,
    portfolio_status,
    render,
    report_html,
    sample_portfolio,
)
from cluster_excellence._words import (
    DATE_IN_TEXT,
    DECIMAL_SIGN,
    LANGUAGES,
    MONTH_IN_TEXT,
    MONTHS,
    Language,
    language,
)
from cluster_excellence.cli import main

from .examples import load_tool

catalogues = load_tool("make_catalogues")
TRANSLATED = [code for code in LANGUAGES if code != "en"]
ON = dt.date(2026, 11, 20)
LOCALE = Path(cluster_excellence.__file__).with_name("locale")


def mo_catalogue(code: str) -> dict[str, str]:
    path = LOCALE / code / "LC_MESSAGES" / "cluster_excellence.mo"
    with path.open("rb") as file:
        found: dict[str, str] = gettext.GNUTranslations(file)._catalog  # type: ignore[attr-defined]
    return found


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- the catalogues ----------------------------------------------------------------------


def test_the_code_gives_every_message_where_the_catalogues_see_it() -> None:
    found = catalogues.messages()
    assert catalogues.UNSEEN == []
    assert DATE_IN_TEXT in found
    assert "valid until {until:month}" in found  # the badge's
    assert "Valid until" in found  # a column's heading
    assert "lapsed" in found  # a status's words
    assert "red" in found  # a light's value, shown as its words


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_has_its_translation_with_the_same_places(code: str) -> None:
    shipped = mo_catalogue(code)
    missing = [msgid for msgid in catalogues.messages() if not shipped.get(msgid)]
    assert missing == []
    wrong = {
        msgid: problem
        for msgid in catalogues.messages()
        if (problem := catalogues.place_problem(msgid, shipped[msgid]))
    }
    assert wrong == {}


def test_the_catalogues_are_in_step_with_the_code() -> None:
    pytest.importorskip("babel")
    assert catalogues.problems() == []


@pytest.mark.parametrize(
    ("msgid", "msgstr", "problem"),
    [
        ("valid until {until}", "gyldig til {until}", None),
        ("valid until {until}", "gyldig til", "places [] instead of ['until']"),
        ("valid until {until}", "gyldig til {day}", "places ['day'] instead of ['until']"),
        ("valid until {until}", "gyldig til {until", "not a template"),
        (DATE_IN_TEXT, "{day}. {month_name} {year}", None),
        (DATE_IN_TEXT, "{day}. {monthname} {year}", "unknown places ['monthname']"),
    ],
)
def test_a_translation_with_other_places_is_found(
    msgid: str, msgstr: str, problem: str | None
) -> None:
    found = catalogues.place_problem(msgid, msgstr)
    assert found == problem if problem is None else (found or "").startswith(problem)


# -- days and numbers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "day", "month"),
    [
        ("en", "2027-05-31", "2027-05"),
        ("da", "31. maj 2027", "maj 2027"),
        ("nb", "31. mai 2027", "mai 2027"),
        ("de", "31. Mai 2027", "Mai 2027"),
    ],
)
def test_a_day_as_each_language_writes_it(code: str, day: str, month: str) -> None:
    words = language(code)
    assert words.date(dt.date(2027, 5, 31)) == day
    assert words.show(dt.date(2027, 5, 31), "month") == month


@given(st.dates(), st.sampled_from(LANGUAGES))
@example(dt.date(2024, 2, 29), "da")
@example(dt.date(1, 1, 1), "de")
@example(dt.date(9999, 12, 31), "nb")
@example(dt.date(2027, 12, 31), "en")
def test_every_day_names_its_day_month_and_year(day: dt.date, code: str) -> None:
    words = language(code)
    text = words.date(day)
    if code == "en":
        assert text == day.isoformat()
        return
    month = words.gettext(MONTHS[day.month - 1])
    assert text == f"{day.day}. {month} {day.year}"
    assert words.show(day, "month") == f"{month} {day.year}"
    assert words.gettext(MONTH_IN_TEXT) == "{month_name} {year}"


@pytest.mark.parametrize(("code", "text"), [("en", "83.5"), ("da", "83,5"), ("de", "83,5")])
def test_numbers_take_the_language_s_decimal_sign(code: str, text: str) -> None:
    assert language(code).number(83.5, "g") == text


def test_a_language_that_is_not_offered_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=r'language: "fr" is not one of en, da, nb, de'):
        report_html(sample_portfolio(), ON, language="fr")
    with pytest.raises(InvalidValueError, match="language"):
        render(portfolio_status(sample_portfolio(), ON), language="fr")


# -- the outputs -------------------------------------------------------------------------


def english_phrases(code: str) -> list[str]:
    """The English messages of two words or more, without places, that ``code`` says
    otherwise: none of them may be left in an output made in ``code``."""
    words = language(code)
    return [
        msgid
        for msgid in catalogues.messages()
        if " " in msgid and "{" not in msgid and words.gettext(msgid) != msgid
    ]


def left_in_english(code: str, text: str) -> list[str]:
    shown = html.unescape(re.sub(r"<[^>]+>", " ", text))
    shown = re.sub(r"\s+", " ", shown)
    return [phrase for phrase in english_phrases(code) if phrase in shown]


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_report_is_written_in_the_language(code: str) -> None:
    programmes = [get_programme("dk-innovationskraft"), get_programme("de-go-cluster")]
    page = report_html(sample_portfolio(), ON, programmes=programmes, language=code)
    words = language(code)
    assert f'<html lang="{code}">' in page
    assert html.escape(words.format("The answer on {day}", {"day": ON}), quote=False) in page
    assert words.date(ON) in page
    assert left_in_english(code, page) == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_tables_are_written_in_the_language(code: str) -> None:
    portfolio = sample_portfolio()
    words = language(code)
    for result in (
        portfolio_status(portfolio, ON),
        cluster_plan(portfolio["example-silver"], ON),
    ):
        for format in ("table", "md", "html"):
            shown = str(render(result, format, language=code, width=200))
            assert left_in_english(code, shown) == [], format
    table = str(render(portfolio_status(portfolio, ON), language=code))
    assert words.gettext("Valid until").upper() in table
    assert words.word(Tier.GOLD) in table


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_badge_and_the_calendar_are_written_in_the_language(code: str) -> None:
    portfolio = sample_portfolio()
    words = language(code)
    status = cluster_status(portfolio["example-gold"], ON)
    shown = badge(status, language=code)
    assert shown.message == words.format(
        "valid until {until:month}", {"until": dt.date(2027, 5, 31)}
    )
    assert words.word(Tier.GOLD) in shown.label
    calendar = plan_to_ics(cluster_plan(portfolio["example-silver"], ON), language=code)
    assert f"X-WR-CALNAME;LANGUAGE={code}:{words.gettext('Cluster labels: the plan ahead')}" in (
        calendar.replace("\r\n ", "")
    )
    assert f"SUMMARY;LANGUAGE={code}:" in calendar
    assert left_in_english(code, calendar.replace("\r\n ", "")) == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_pictures_are_labelled_in_the_language(code: str) -> None:
    pytest.importorskip("matplotlib")
    from matplotlib.text import Text

    from cluster_excellence import label_timeline

    figure = label_timeline(sample_portfolio(), ON, language=code)
    texts = [text.get_text() for text in figure.findobj(Text)]
    shown = " ".join(texts)
    assert language(code).gettext("renewal window") in shown
    assert left_in_english(code, shown) == []


# -- the command line --------------------------------------------------------------------


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_command_people_read_takes_the_language(
    code: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    words = language(code)
    status, out, err = run(capsys, "status", "--on", "2026-11-20", "--language", code)
    assert (status, err) == (0, "")
    assert words.gettext("Valid until").upper() in out
    assert left_in_english(code, out) == []
    status, out, err = run(
        capsys, "badge", "--cluster", "example-gold", "--on", "2026-11-20", "--language", code
    )
    assert (status, err) == (0, "")
    assert json.loads(out)["message"] == words.format(
        "valid until {until:month}", {"until": dt.date(2027, 5, 31)}
    )
    report = tmp_path / "report.html"
    status, out, err = run(
        capsys, "report", "--on", "2026-11-20", "--language", code, "--output", str(report)
    )
    assert (status, err) == (0, "")
    assert f'<html lang="{code}">' in report.read_text(encoding="utf-8")
    status, out, err = run(
        capsys, "plan", "--on", "2026-11-20", "--format", "ics", "--language", code
    )
    assert (status, err) == (0, "")
    assert f"SUMMARY;LANGUAGE={code}:" in out
    for command in (
        ("eligibility", "--tier", "silver", "--on", "2026-11-20"),
        ("compliance", "--programme", "no-gce", "--on", "2026-11-20"),
        ("check",),
        ("changes", "--from", "2025-01-01", "--to", "2026-11-20"),
        ("gold-score", "--on", "2026-11-20"),
    ):
        status, out, err = run(capsys, *command, "--language", code)
        assert (status in (0, 1), err) == (True, ""), command
        assert out.strip(), command
        assert left_in_english(code, out) == [], command


@pytest.mark.parametrize("format", ["json", "csv"])
def test_what_machines_read_does_not_change_with_the_language(
    format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs: dict[str, Any] = {}
    for code in LANGUAGES:
        status, out, err = run(
            capsys, "status", "--on", "2026-11-20", "--format", format, "--language", code
        )
        assert (status, err) == (0, "")
        outputs[code] = out
    assert len(set(outputs.values())) == 1


def test_the_command_line_refuses_a_language_it_does_not_offer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, _, err = run(capsys, "status", "--language", "fr")
    assert status == 2
    assert "--language" in err
    assert "da" in err


# -- nothing escapes the catalogues ------------------------------------------------------


def pseudo_language() -> Language:
    """A language that marks every word it is asked for: ⟦...⟧; the forms of days and
    numbers (no words) are kept, so that what is left unmarked is data or a leak."""
    forms = {DATE_IN_TEXT, MONTH_IN_TEXT, DECIMAL_SIGN, *MONTHS}
    return Language("xx", lambda msgid: msgid if msgid in forms else f"⟦{msgid}⟧")


def unmarked(text: str, data: set[str]) -> list[str]:
    """What ``text`` shows that is neither marked, nor data, nor a number or day."""
    shown = re.sub(r"<(style|title)>.*?</\1>", " ", text, flags=re.S)
    shown = html.unescape(re.sub(r"<[^>]+>", " ", shown))
    while True:  # messages hold messages: take out the innermost first
        inner = re.sub(r"⟦[^⟦⟧]*⟧", " ", shown)
        if inner == shown:
            break
        shown = inner
    shown = re.sub(r"\\([!-/:-@[-`{-~])", r"\1", shown)  # Markdown's escapes
    shown = re.sub(r"https?://\S+", " ", shown)
    # codes (criteria.committed_members) and paths (clusters[11]) are machine words
    shown = re.sub(r"\b\w+(?:\.\w+)+\b|\b\w+\[\d+\]", " ", shown)
    for value in sorted(data, key=len, reverse=True):
        shown = shown.replace(value, " ")
    words = re.findall(r"[^\W\d_]{2,}", shown)
    return sorted(set(words))


def sample_data() -> set[str]:
    portfolio = sample_portfolio()
    data = {cluster_excellence.__version__, "ecei-2019", "ecei-2010", "ECEI"}
    # the record a check names is its type as the portfolio file writes it
    data |= {"benchmarking", "silver_audit", "gold_audit", "stated_label"}
    for cluster in portfolio:
        data |= {cluster.id, cluster.name}
        data |= {stated.source for stated in cluster.stated_labels if stated.source}
    for programme in ("dk-innovationskraft", "no-gce", "de-go-cluster"):
        data |= {programme, get_programme(programme).name}
    return data


@pytest.mark.parametrize(
    ("clusters", "max_rows"),
    [(None, 300), (None, 3), ([], 300)],
    ids=["the sample", "too many rows to draw", "no cluster"],
)
def test_every_word_of_the_report_goes_through_the_catalogues(
    clusters: list[Any] | None, max_rows: int
) -> None:
    pytest.importorskip("matplotlib")
    programmes = [get_programme("dk-innovationskraft"), get_programme("de-go-cluster")]
    portfolio = sample_portfolio() if clusters is None else Portfolio(clusters)
    page = report_html(
        portfolio, ON, programmes=programmes, max_rows=max_rows, language=pseudo_language()
    )
    page = re.sub(r"<svg.*?</svg>", " ", page, flags=re.S)  # the pictures: below
    assert unmarked(page, sample_data()) == []


def test_every_word_of_the_tables_badge_and_calendar_goes_through_the_catalogues() -> None:
    portfolio = sample_portfolio()
    words = pseudo_language()
    data = sample_data()
    for result in (
        portfolio_status(portfolio, ON),
        portfolio_eligibility(portfolio, Tier.SILVER, ON),
        portfolio_compliance(portfolio, "de-go-cluster", ON),
        portfolio_plan(portfolio, ON),
        portfolio_changes(portfolio, dt.date(2020, 1, 1), ON),
        portfolio_check(portfolio),
    ):
        for format in ("table", "md", "html"):
            shown = str(render(result, format, language=words, width=200))
            assert unmarked(shown, data) == [], (type(result).__name__, format)
    for status in portfolio_status(portfolio, ON).clusters:
        assert unmarked(str(badge(status, language=words)), data) == []
    calendar = plan_to_ics(portfolio_plan(portfolio, ON).plans, language=words)
    lines = [
        line.split(":", 1)[1]
        for line in calendar.replace("\r\n ", "").splitlines()
        if line.startswith(("X-WR-CALNAME", "SUMMARY", "DESCRIPTION"))
    ]
    assert unmarked("\n".join(lines).replace("\\n", "\n").replace("\\,", ","), data) == []


def test_the_test_of_the_catalogues_finds_a_word_they_do_not_hold() -> None:
    """The tests above can fail: an English word outside every message is found."""
    assert unmarked("⟦Valid until⟧ 2027-05-31 · lapsed", set()) == ["lapsed"]
    assert unmarked("⟦⟦Gold⟧ valid⟧ Qoot Cluster", {"Qoot Cluster"}) == []


def test_every_word_of_the_pictures_goes_through_the_catalogues() -> None:
    pytest.importorskip("matplotlib")
    from matplotlib.text import Text

    from cluster_excellence import (
        benchmarking_catalogue,
        label_timeline,
        portfolio_scorecard,
        scorecard_heatmap,
    )
    from cluster_excellence.rules.scorecard import group_clusters

    words = pseudo_language()
    card = portfolio_scorecard(
        sample_portfolio("region"),
        group_clusters(sample_portfolio("reference"), "country"),
        benchmarking_catalogue(),
        ON,
    )
    data = sample_data() | {c.name for c in sample_portfolio("region")}
    data |= {c.id for c in sample_portfolio("region")}
    data |= {indicator.code for indicator in benchmarking_catalogue().indicators}
    data |= {benchmarking_catalogue().id, benchmarking_catalogue().version}
    # a long name is cut short in a picture's row, ending in "…"
    data |= {name[:end] + "…" for name in set(data) for end in range(1, len(name))}
    for figure in (
        label_timeline(sample_portfolio(), ON, language=words),
        scorecard_heatmap(card, language=words),
    ):
        texts = [t.get_text() for t in figure.findobj(Text)]
        assert unmarked("\n".join(texts), data) == []


def test_the_report_s_title_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = tmp_path / "rapport.html"
    title = "Klyngernes <certificeringer> & mærker"
    argv = ["report", "--on", "2026-11-20", "--language", "da", "--output", str(report)]
    status, _, err = run(capsys, *argv, "--title", title)
    assert (status, err) == (0, "")
    page = report.read_text(encoding="utf-8")
    escaped = "Klyngernes &lt;certificeringer&gt; &amp; mærker"
    assert f"<title>{escaped}</title>" in page
    assert f"<h1>{escaped}</h1>" in page
    report.unlink()
    status, _, err = run(capsys, *argv, "--title", "two\nlines")
    assert status == 2
    assert "--title" in err
    assert "must fit on one line" in err
    assert not report.exists()


def test_the_calendar_s_name() -> None:
    plan = cluster_plan(sample_portfolio()["example-silver"], ON)
    assert "X-WR-CALNAME;LANGUAGE=en:Cluster labels: the plan ahead\r\n" in plan_to_ics(plan)
    named = plan_to_ics(plan, name="Region Nord, Fristen", language="de")
    assert "X-WR-CALNAME;LANGUAGE=de:Region Nord\\, Fristen\r\n" in named
    for name in ("", "two\nlines", 5):
        with pytest.raises((InvalidTypeError, InvalidValueError), match="name: "):
            plan_to_ics(plan, name=name)  # type: ignore[arg-type]


@pytest.mark.parametrize("code", ["en", "da", "nb", "de"])
def test_the_badge_and_the_html_tables_say_their_language(code: str) -> None:
    from cluster_excellence import badge, cluster_status, portfolio_status, sample_portfolio
    from cluster_excellence._results import html

    portfolio = sample_portfolio()
    svg = badge(cluster_status(portfolio["example-gold"], "2026-11-20"), language=code).to_svg()
    assert svg.startswith(f'<svg xmlns="http://www.w3.org/2000/svg" xml:lang="{code}" ')
    page = html(portfolio_status(portfolio, "2026-11-20"), code, max_rows=4)
    assert page.startswith(f'<table lang="{code}"><caption>')
    shown = {"en": "20 rows, 4 shown", "da": "20 rækker, 4 vist", "nb": "20 rader, 4 vist",
             "de": "20 Zeilen, 4 angezeigt"}[code]  # fmt: skip
    assert f'<p lang="{code}">{shown}</p>' in page


@pytest.mark.parametrize("fmt", ["table", "md", "html"])
def test_the_checks_records_are_words_of_the_language(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    from cluster_excellence.cli import main

    assert main(["check", "--language", "de", "--format", fmt]) == 1
    shown = capsys.readouterr().out
    assert "angegebenes Label" in shown
    assert "Benchmarking" in shown
    assert "stated_label" not in shown
    assert main(["check", "--language", "de", "--format", "csv"]) == 1
    assert ",stated_label," in capsys.readouterr().out  # machine words stay


def test_the_presets_names_are_in_the_language_and_as_written_for_machines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from cluster_excellence.cli import main

    english = "Denmark: national clusters of the Innovationskraft programme (2021-2024)"
    danish = "Danmark: nationale klynger i programmet Innovationskraft (2021-2024)"
    args = ["--programme", "dk-innovationskraft", "--on", "2026-11-20"]
    out = tmp_path / "report.html"
    assert main(["report", *args, "--language", "da", "--output", str(out)]) == 0
    report = out.read_text(encoding="utf-8")
    assert danish in report
    assert english not in report
    assert main(["compliance", *args, "--language", "da", "--format", "json"]) == 0
    assert f'"name": "{english}"' in capsys.readouterr().out


def _kinds(value: object) -> set[type]:
    """The types of every text in JSON data."""
    if isinstance(value, dict):
        return {type(k) for k in value} | set().union(*map(_kinds, value.values()), set())
    if isinstance(value, list):
        return set().union(*map(_kinds, value), set())
    return {type(value)} if isinstance(value, str) else set()


def test_machine_outputs_hold_plain_texts_and_own_names_stay_as_written() -> None:
    from cluster_excellence import Programme, portfolio_compliance, portfolio_plan
    from cluster_excellence import sample_portfolio as sample

    day = "2026-11-20"
    presets = ["dk-innovationskraft", "no-gce", "de-go-cluster"]
    plan = portfolio_plan(sample(), day, programmes=presets)
    for result in (plan, portfolio_compliance(sample(), "no-gce", day)):
        assert _kinds(result.to_dict()) == {str}
    own = Programme("gold", "Gold", ["gold"])  # a name that is also a word of the catalogue
    shown = render(portfolio_compliance(sample(), own, day), "table", language="da")
    assert "\nGold\n" in shown
