"""Pictures for notebooks and reports, behind the ``plot`` extra (matplotlib, imported lazily).

- :func:`label_timeline`: per cluster and tier, a bar for each label's
  validity, its renewal window shaded, stated labels outlined, and the
  assessments marked;
- :func:`scorecard_heatmap`: the quality lights of a regional scorecard, one
  row per cluster and one column per indicator.

Both return a :class:`matplotlib.figure.Figure` made without ``pyplot`` (no
global state, no window): a notebook shows it, ``figure.savefig(...)``
writes it. Colours come from the Okabe-Ito palette
(https://jfly.uni-koeln.de/color/), which readers with colour-vision
deficiencies can tell apart (which colour stands for which tier or light is
our choice); nothing is told by colour alone (rows are labelled with their
tier, lights carry their letter). Their words are in the language asked for
(``language=``: ``"en"``, ``"da"``, ``"nb"``, ``"de"``; default English).

>>> import datetime as dt
>>> from cluster_excellence import label_timeline, sample_portfolio
>>> figure = label_timeline(sample_portfolio(), dt.date(2026, 11, 20))
>>> figure.axes[0].get_title()
'Labels of 16 clusters, ecei-2019 (every assessment counted)'
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .._calendar import end_of_month_after
from .._checks import DayLike, as_day, failure
from .._text import printable
from .._words import Language, Message
from .._words import language as _language
from ..errors import InvalidValueError
from ..files.presets import DEFAULT_RULEBOOK, rulebook_of
from ..model.assessments import Assessment
from ..model.clusters import Cluster, Portfolio, StatedLabel
from ..model.rulebooks import Rulebook
from ..model.tiers import Tier
from ..rules.awards import awarded_tier
from ..rules.labels import Label, expiry, label_history, term_ends
from ..rules.lights import Light
from ..rules.scorecard import PortfolioScorecard

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "FORMATS",
    "LIGHT_COLOURS",
    "MAX_ROWS",
    "TIER_COLOURS",
    "figure_bytes",
    "label_timeline",
    "scorecard_heatmap",
]

#: Okabe-Ito colours per tier: vermillion, grey, yellow (with black edges).
TIER_COLOURS = {Tier.BRONZE: "#D55E00", Tier.SILVER: "#999999", Tier.GOLD: "#F0E442"}
#: Okabe-Ito colours per light; a missing light is light grey.
LIGHT_COLOURS = {Light.RED: "#D55E00", Light.YELLOW: "#F0E442", Light.GREEN: "#009E73"}
_NO_LIGHT = "#DDDDDD"
_LETTERS = {Light.RED: "R", Light.YELLOW: "Y", Light.GREEN: "G", None: "-"}
_MARKERS = {"benchmarking": "o", "silver_audit": "D", "gold_audit": "*"}
_ONE_DAY = dt.timedelta(days=1)

#: Pictures taller than this many rows are refused by default (our decision:
#: beyond that the labels no longer fit a page; select clusters instead).
MAX_ROWS = 300


class NotDrawn(InvalidValueError):
    """A picture that cannot be drawn (nothing to draw, too many rows): why, as a
    :class:`~cluster_excellence.Message` people read in any language (the report says it),
    and what the caller can do about it."""

    def __init__(self, message: Message, advice: str = "") -> None:
        super().__init__(f"{message}; {advice}" if advice else str(message))
        self.message = message


def check_max_rows(max_rows: object) -> int:
    """``max_rows`` if it is a whole number of rows, 1 or more; else a clear error."""
    if type(max_rows) is not int:
        raise failure("max_rows", f"must be a whole number of rows, not {max_rows!r}")
    if max_rows < 1:
        raise failure("max_rows", f"{max_rows} is not 1 or more")
    return max_rows


#: The resolution of a picture shown in a notebook (our decision: sharp on most screens,
#: a few hundred kilobytes for a large timeline).
NOTEBOOK_DPI = 100

_PICTURE: list[Any] = []


def require_matplotlib() -> Any:
    """The class of our pictures: matplotlib's Figure that a notebook shows as a PNG
    picture when it is the last value of a cell, with no ``%matplotlib`` magic and no
    pyplot (``_repr_png_``). Without the plot extra, an :class:`ImportError` that says
    how to install it."""
    try:
        importlib.import_module("matplotlib")
    except ImportError:
        raise ImportError(
            "plots need matplotlib: install it with pip install 'cluster_excellence[plot]'"
        ) from None
    if _PICTURE:
        return _PICTURE[0]
    from matplotlib.figure import Figure

    def _repr_png_(self: Figure) -> bytes:
        out = io.BytesIO()
        self.savefig(out, format="png", dpi=NOTEBOOK_DPI, metadata={"Software": None})
        return out.getvalue()

    picture = type(
        "Picture",
        (Figure,),
        {
            "__module__": __name__,
            "__doc__": "A matplotlib Figure that notebooks show inline (as PNG).",
            "_repr_png_": _repr_png_,
        },
    )
    _PICTURE.append(picture)
    return picture


def _plain(text: str) -> str:
    """``text`` drawn as it is: control characters escaped, and every ``$`` escaped so
    that matplotlib does not read what lies between two of them as TeX math."""
    return printable(text).replace("$", "\\$")


def _short(text: str, width: int = 38) -> str:
    """A name for a label on a picture: plain (:func:`_plain`) and shortened."""
    text = printable(text)
    return _plain(text if len(text) <= width else text[: width - 1] + "…")


def _rows(
    cluster: Cluster, rulebook: Rulebook
) -> list[tuple[Tier, tuple[Label, ...], list[StatedLabel], list[Assessment]]]:
    """Per tier with anything to show: labels, stated labels, assessments of its kind."""
    rows = []
    for tier in Tier:
        labels = label_history(cluster.assessments, tier, rulebook)
        stated = [s for s in cluster.stated_labels if s.tier is tier]
        assessments = [a for a in cluster.assessments if a.tier is tier]
        if labels or stated or assessments:
            rows.append((tier, labels, stated, assessments))
    return rows


def _year_step(span: int) -> int:
    """Years between ticks: 1, 2, 5, 10, 20, 50, ... so that at most about 15 ticks show."""
    step = 1
    while span / step > 15:
        step *= next((factor for factor in (2, 5) if span / (step * factor) <= 15), 10)
    return step


def _year_formatter() -> Any:
    """Tick labels as years: unlike ``%Y`` in ``strftime``, four digits also before 1000."""
    mdates: Any = importlib.import_module("matplotlib.dates")  # untyped
    ticker: Any = importlib.import_module("matplotlib.ticker")
    return ticker.FuncFormatter(lambda value, position: f"{mdates.num2date(value).year:04d}")


def label_timeline(
    portfolio: Portfolio | Iterable[Cluster],
    on: DayLike | None = None,
    rulebook: Rulebook | str = DEFAULT_RULEBOOK,
    *,
    title: str | None = None,
    max_rows: int = MAX_ROWS,
    language: Language | str | None = None,
) -> Figure:
    """Draw each cluster's labels over time, one row per cluster and tier, for a portfolio
    or any clusters of one.

    Every assessment counts (the retroactive reading of Decision 4: the
    picture shows the whole record). A label is a solid bar from its first
    award through its expiry, its renewal window a hatched lighter bar; a
    label known only by its stated end is an outlined, dotted bar from the
    day it is known to have been valid (see
    :func:`~cluster_excellence.stated_label_status`). Markers show the
    assessments (circle: benchmarking, diamond: Silver audit, star: Gold
    audit; filled when it awarded the tier, hollow when not), and a black
    tick a stated end that the assessments' expiries do not match. With
    ``on``, a dashed line marks the day.

    Raises :class:`ImportError` without matplotlib, and :class:`ValueError`
    for more than ``max_rows`` rows or nothing to draw.
    """
    clusters = list(portfolio if isinstance(portfolio, Portfolio) else Portfolio(portfolio))
    on = None if on is None else as_day(on, "on")
    max_rows = check_max_rows(max_rows)
    words = _language(language)

    def say(template: str, **values: Any) -> str:
        return _plain(Message(template, **values).text(words))

    rulebook = rulebook_of(rulebook)
    figure_class = require_matplotlib()
    mdates: Any = importlib.import_module("matplotlib.dates")  # untyped
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    table = [(cluster, _rows(cluster, rulebook)) for cluster in clusters]
    count = sum(max(len(rows), 1) for _, rows in table)
    if count > max_rows:
        raise NotDrawn(
            Message(
                "{count} rows are too many for one picture (at most {most})",
                count=count,
                most=max_rows,
            ),
            "draw fewer clusters at a time",
        )
    if not table:
        raise NotDrawn(Message("no clusters to draw"))
    figure: Figure = figure_class(figsize=(10, 1.6 + 0.34 * count), layout="constrained")
    ax: Axes = figure.add_subplot()
    ticks: list[str] = []
    y = 0
    days: list[dt.date] = [] if on is None else [on]
    for index, (cluster, rows) in enumerate(table):
        first_y = y
        if not rows:
            ticks.append(f"{_short(cluster.name)} · {say('no label')}")
            y += 1
        for tier, labels, stated, assessments in rows:
            shown = _plain(words.word(tier))
            ticks.append(f"{_short(cluster.name)} · {shown}" if y == first_y else shown)
            _draw_row(ax, y, tier, labels, stated, assessments, cluster, rulebook, days)
            y += 1
        if index % 2 == 0:
            ax.axhspan(first_y - 0.5, y - 0.5, color="#F2F2F2", zorder=0, linewidth=0)
    if on is not None:
        ax.axvline(mdates.date2num(on), color="black", linestyle="--", linewidth=1, zorder=5)
    ax.set_yticks(range(count), ticks, fontsize=8)
    ax.set_ylim(count - 0.5, -0.5)
    years = 1
    if days:
        low, high = min(days), max(days)
        margin = max((high - low).days // 30, 60)
        # The margin stops at the calendar's ends (a day can be 0001-01-01 or 9999-12-31).
        first = dt.date.fromordinal(max(low.toordinal() - margin, 1))
        last = dt.date.fromordinal(min(high.toordinal() + margin, dt.date.max.toordinal()))
        ax.set_xlim(mdates.date2num(first), mdates.date2num(last))
        years = _year_step(last.year - first.year)
    ax.xaxis.set_major_locator(mdates.YearLocator(base=years))
    ax.xaxis.set_major_formatter(_year_formatter())
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", color="#CCCCCC", linewidth=0.6)
    ax.set_axisbelow(True)
    heading = (
        say("Labels of 1 cluster, {rulebook} (every assessment counted)", rulebook=rulebook.id)
        if len(clusters) == 1
        else say(
            "Labels of {count} clusters, {rulebook} (every assessment counted)",
            count=len(clusters),
            rulebook=rulebook.id,
        )
    )
    ax.set_title(title or heading, fontsize=10)
    handles: list[Any] = [
        Patch(facecolor=colour, edgecolor="black", label=say("{tier} label", tier=tier))
        for tier, colour in TIER_COLOURS.items()
    ]
    handles += [
        Patch(facecolor="#BBBBBB", alpha=0.45, hatch="///", edgecolor="#555555",
              label=say("renewal window")),
        Patch(facecolor="white", edgecolor="black", hatch="..", linestyle="--",
              label=say("stated label")),
        Line2D([], [], marker="o", color="black", linestyle="", label=say("benchmarking")),
        Line2D([], [], marker="D", color="black", linestyle="", label=say("Silver audit")),
        Line2D([], [], marker="*", color="black", markersize=10, linestyle="",
               label=say("Gold audit")),
        Line2D([], [], marker="o", markerfacecolor="white", color="black", linestyle="",
               label=say("awarded nothing")),
        Line2D([], [], marker="|", color="black", markersize=12, linestyle="",
               label=say("stated end, disagrees")),
    ]  # fmt: skip
    if on is not None:
        handles.append(Line2D([], [], color="black", linestyle="--", label=say("on {day}", day=on)))
    figure.legend(handles=handles, loc="outside lower center", ncol=5, fontsize=8, frameon=False)
    return figure


def _draw_row(
    ax: Axes,
    y: int,
    tier: Tier,
    labels: tuple[Label, ...],
    stated: list[StatedLabel],
    assessments: list[Assessment],
    cluster: Cluster,
    rulebook: Rulebook,
    days: list[dt.date],
) -> None:
    mdates: Any = importlib.import_module("matplotlib.dates")  # untyped
    colour = TIER_COLOURS[tier]

    def bar(start: dt.date, end: dt.date, **style: Any) -> None:
        left = mdates.date2num(start)
        ax.broken_barh([(left, mdates.date2num(end + _ONE_DAY) - left)], (y - 0.3, 0.6), **style)
        days.extend((start, end))

    for label in labels:
        bar(label.valid_from, label.valid_until, facecolor=colour, edgecolor="black", zorder=2)
        bar(label.valid_until + _ONE_DAY, label.renewable_until, facecolor=colour, alpha=0.45,
            hatch="///", edgecolor="#555555", linewidth=0.5, zorder=2)  # fmt: skip
    ends = term_ends(cluster.assessments, tier, rulebook)
    for item in stated:
        if ends:  # the assessments govern: only a disagreeing end is marked
            if item.valid_until not in ends:
                ax.plot(mdates.date2num(item.valid_until), y, marker="|", markersize=16,
                        markeredgewidth=2, color="black", zorder=4)  # fmt: skip
                days.append(item.valid_until)
            continue
        known = end_of_month_after(item.valid_until, -rulebook.first_term_months)
        window = expiry(item.valid_until, rulebook.renewal_window_months, rulebook)
        bar(known, item.valid_until, facecolor="white", edgecolor=colour, hatch="..",
            linewidth=0, zorder=2)  # fmt: skip
        bar(known, item.valid_until, facecolor="none", edgecolor="black", linestyle="--",
            linewidth=1, zorder=3)  # fmt: skip
        if window > item.valid_until:
            bar(item.valid_until + _ONE_DAY, window, facecolor=colour, alpha=0.45, hatch="///",
                edgecolor="#555555", linewidth=0.5, zorder=2)  # fmt: skip
    for assessment in assessments:
        awarded = awarded_tier(assessment, rulebook.in_force_on(assessment.date)) is tier
        ax.plot(
            mdates.date2num(assessment.date), y,
            marker=_MARKERS[assessment.kind],
            markersize=10 if assessment.kind == "gold_audit" else 6,
            markerfacecolor="black" if awarded else "white",
            markeredgecolor="black", linestyle="", zorder=4,
        )  # fmt: skip
        days.append(assessment.date)


def scorecard_heatmap(
    scorecard: PortfolioScorecard,
    *,
    title: str | None = None,
    max_rows: int = MAX_ROWS,
    language: Language | str | None = None,
) -> Figure:
    """Draw the quality lights of a regional scorecard: clusters by indicators.

    Each cell carries its light's letter (R, Y, G; ``-`` when no light can
    be given), so that the picture reads without colour too.

    >>> import datetime as dt
    >>> from cluster_excellence import (
    ...     benchmarking_catalogue, portfolio_scorecard, sample_portfolio, scorecard_heatmap,
    ... )
    >>> from cluster_excellence import group_clusters
    >>> reference = sample_portfolio("reference")
    >>> card = portfolio_scorecard(sample_portfolio("region"),
    ...     group_clusters(reference, "country"), benchmarking_catalogue(), dt.date(2026, 11, 20))
    >>> scorecard_heatmap(card).axes[0].get_ylabel()
    'Cluster'
    """
    max_rows = check_max_rows(max_rows)
    figure_class = require_matplotlib()
    from matplotlib.colors import ListedColormap

    words = _language(language)

    def say(template: str, **values: Any) -> str:
        return _plain(Message(template, **values).text(words))

    codes = scorecard.indicator_codes
    rows = scorecard.clusters
    if not rows or not codes:
        raise NotDrawn(Message("the scorecard has no clusters or no indicators to draw"))
    if len(rows) > max_rows:
        raise NotDrawn(
            Message(
                "{count} clusters are too many for one picture (at most {most})",
                count=len(rows),
                most=max_rows,
            )
        )
    order: list[Light | None] = [None, Light.RED, Light.YELLOW, Light.GREEN]
    grid = [[order.index(light) for light in row.lights] for row in rows]
    colours = ListedColormap([_NO_LIGHT, *(LIGHT_COLOURS[light] for light in Light)])
    figure: Figure = figure_class(
        figsize=(2.5 + 0.26 * len(codes), 1.8 + 0.3 * len(rows)), layout="constrained"
    )
    ax: Axes = figure.add_subplot()
    ax.imshow(grid, cmap=colours, vmin=-0.5, vmax=3.5, aspect="auto")
    for r, row in enumerate(rows):
        for c, light in enumerate(row.lights):
            ax.text(c, r, _LETTERS[light], ha="center", va="center", fontsize=7, color="black")
    ax.set_xticks(range(len(codes)), [_short(code) for code in codes], rotation=90, fontsize=7)
    ax.set_yticks(range(len(rows)), [_short(row.cluster_name) for row in rows], fontsize=8)
    ax.set_xticks([x - 0.5 for x in range(1, len(codes))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(rows))], minor=True)
    ax.grid(which="minor", color="white", linewidth=1)
    ax.tick_params(which="minor", length=0)
    ax.set_xlabel(say("Indicator"), fontsize=8)
    ax.set_ylabel(say("Cluster"), fontsize=8)
    ax.set_title(
        title
        or say(
            "Quality lights on {on} ({catalogue}, rule {rule})",
            on=scorecard.on,
            catalogue=scorecard.catalogue,
            rule=scorecard.light_rule,
        ),
        fontsize=10,
    )
    from matplotlib.patches import Patch

    figure.legend(
        handles=[
            Patch(facecolor=LIGHT_COLOURS[Light.RED], label=say("R: red")),
            Patch(facecolor=LIGHT_COLOURS[Light.YELLOW], label=say("Y: yellow")),
            Patch(facecolor=LIGHT_COLOURS[Light.GREEN], label=say("G: green")),
            Patch(facecolor=_NO_LIGHT, label=say("-: no light")),
        ],
        loc="outside lower center",
        ncol=4,
        fontsize=8,
        frameon=False,
    )
    return figure


#: File formats :func:`figure_bytes` writes, by name ending.
FORMATS = ("png", "svg")


def figure_bytes(figure: Figure, fmt: str) -> bytes:
    """The picture as PNG (150 dpi) or SVG bytes; the SVG is the same for the same picture.

    >>> import datetime as dt
    >>> from cluster_excellence import label_timeline, sample_portfolio
    >>> from cluster_excellence.renderers.pictures import figure_bytes
    >>> figure = label_timeline(sample_portfolio().clusters[:2], on=dt.date(2026, 11, 20))
    >>> figure_bytes(figure, "png")[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    import matplotlib

    if fmt not in FORMATS:
        raise InvalidValueError(f"{fmt!r} is not one of {', '.join(FORMATS)}")
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "cluster-excellence", "svg.fonttype": "none"}):
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        figure.savefig(buffer, format=fmt, dpi=150, metadata=metadata)
    return buffer.getvalue()
