"""The plot extra: the label timeline, the scorecard heat map, the timeline command."""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

from cluster_excellence import (
    Benchmark,
    Cluster,
    StatedLabel,
    Tier,
    benchmarking_catalogue,
    label_timeline,
    portfolio_scorecard,
    sample_portfolio,
    scorecard_heatmap,
)
from cluster_excellence.cli import main
from cluster_excellence.renderers.pictures import (
    LIGHT_COLOURS,
    MAX_ROWS,
    TIER_COLOURS,
    figure_bytes,
)
from cluster_excellence.rules.lights import Light
from cluster_excellence.rules.scorecard import group_clusters

from .examples import ON

D = dt.date
mdates: Any = importlib.import_module("matplotlib.dates")  # untyped


def bars(figure: Any) -> list[tuple[str, dt.date, dt.date]]:
    """(face colour, first day, last day) of every bar drawn."""
    from matplotlib.collections import PolyCollection
    from matplotlib.colors import to_hex

    found = []
    collection: Any
    for collection in figure.axes[0].collections:
        if isinstance(collection, PolyCollection):
            face: Any
            for path, face in zip(collection.get_paths(), collection.get_facecolor(), strict=False):
                vertices: Any = path.vertices
                xs = vertices[:, 0]
                first = mdates.num2date(xs.min()).date()
                last = mdates.num2date(xs.max()).date() - dt.timedelta(days=1)
                found.append((to_hex(face, keep_alpha=False), first, last))
    return found


class TestTimeline:
    def test_one_row_per_cluster_and_tier_with_every_label_and_window(self) -> None:
        qoot = Cluster("qoot", "Qoot Cluster", [Benchmark(D(2019, 7, 25))])
        figure = label_timeline([qoot], on=ON)
        labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
        assert labels == ["Qoot Cluster · Bronze"]
        assert figure.axes[0].get_title() == (
            "Labels of 1 cluster, ecei-2019 (every assessment counted)"
        )
        bronze = TIER_COLOURS[Tier.BRONZE].lower()
        assert (bronze, D(2019, 7, 25), D(2021, 7, 31)) in bars(figure)
        assert (bronze, D(2021, 8, 1), D(2022, 7, 31)) in bars(figure)

    def test_the_sample_draws_every_row_and_a_stated_label(self) -> None:
        figure = label_timeline(sample_portfolio(), on=ON)
        labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
        assert len(labels) == 22
        assert "Example Listed Cluster · Gold" in labels
        assert "Example Not Awarded Cluster · Bronze" in labels
        # The stated Gold label: known from 2025-03-31, valid until 2027-03-31.
        assert ("#ffffff", D(2025, 3, 31), D(2027, 3, 31)) in bars(figure)
        legend = [t.get_text() for t in figure.legends[0].get_texts()]
        assert "stated end, disagrees" in legend
        assert "on 2026-11-20" in legend

    def test_stated_ends_that_disagree_are_marked(self) -> None:
        cluster = Cluster(
            "x", "X", [Benchmark(D(2019, 7, 25))],
            stated_labels=[StatedLabel(Tier.BRONZE, D(2021, 7, 25))],
        )  # fmt: skip
        marks: list[Any] = [
            line for line in label_timeline([cluster]).axes[0].lines if line.get_marker() == "|"
        ]
        assert [mdates.num2date(m.get_xdata()[0]).date() for m in marks] == [D(2021, 7, 25)]
        agreeing = Cluster(
            "x", "X", [Benchmark(D(2019, 7, 25))],
            stated_labels=[StatedLabel(Tier.BRONZE, D(2021, 7, 31))],
        )  # fmt: skip
        assert not [m for m in label_timeline([agreeing]).axes[0].lines if m.get_marker() == "|"]

    def test_too_many_rows_or_none_are_refused(self) -> None:
        many = [Cluster(f"c{i}", "C", [Benchmark(D(2020, 1, 1))]) for i in range(MAX_ROWS + 1)]
        with pytest.raises(ValueError, match="too many for one picture"):
            label_timeline(many)
        with pytest.raises(ValueError, match="no clusters"):
            label_timeline([])
        assert len(label_timeline(many, max_rows=MAX_ROWS + 1).axes[0].get_yticks()) == 301

    def test_pictures_as_png_and_as_stable_svg(self) -> None:
        def draw() -> Any:
            return label_timeline(sample_portfolio().clusters[:3], on=ON)

        figure = draw()
        assert figure_bytes(figure, "png").startswith(b"\x89PNG\r\n\x1a\n")
        svg = figure_bytes(draw(), "svg")
        assert svg == figure_bytes(draw(), "svg")
        assert b"Qoot Cluster" in svg
        with pytest.raises(ValueError, match="'pdf' is not one of png, svg"):
            figure_bytes(figure, "pdf")

    def test_without_matplotlib_the_error_says_how_to_install_it(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        with pytest.raises(ImportError, match=r"pip install 'cluster_excellence\[plot\]'"):
            label_timeline(sample_portfolio())


class TestHeatmap:
    def test_every_cell_carries_its_colour_and_letter(self) -> None:
        card = portfolio_scorecard(
            sample_portfolio("region"),
            group_clusters(sample_portfolio("reference"), "country"),
            benchmarking_catalogue(),
            ON,
        )
        figure = scorecard_heatmap(card)
        ax = figure.axes[0]
        letters = [t.get_text() for t in ax.texts]
        expected = [
            {Light.RED: "R", Light.YELLOW: "Y", Light.GREEN: "G", None: "-"}[light]
            for row in card.clusters
            for light in row.lights
        ]
        assert letters == expected
        (image,) = ax.get_images()
        rgba: Any = image.to_rgba(image.get_array())  # type: ignore[arg-type]
        from matplotlib.colors import to_hex

        first = card.clusters[0].lights[0]
        assert first is not None
        assert to_hex(rgba[0][0], keep_alpha=False) == LIGHT_COLOURS[first].lower()
        assert [t.get_text() for t in ax.get_xticklabels()] == list(card.indicator_codes)


class TestCommand:
    @pytest.mark.parametrize("suffix", ["png", "svg"])
    def test_the_timeline_is_written(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
    ) -> None:
        out = tmp_path / f"timeline.{suffix}"
        assert main(["timeline", "--on", "2026-11-20", "--output", str(out)]) == 0
        assert capsys.readouterr() == ("", "")
        data = out.read_bytes()
        assert data.startswith(b"\x89PNG" if suffix == "png" else b"<?xml")

    def test_usage_errors_write_nothing(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        bad = tmp_path / "timeline.pdf"
        assert main(["timeline", "-o", str(bad)]) == 2
        assert "must be a .png or .svg file" in capsys.readouterr().err
        out = tmp_path / "timeline.png"
        assert main(["timeline", "-o", str(out), "--cluster", "nope"]) == 2
        assert capsys.readouterr().err == (
            'cluster-excellence timeline: --cluster: no cluster with id "nope" (the ids are qoot, '
            "nordland-2016, hemp-sk, basque-energy, example-ocean, example-bronze, example-window, "
            "example-silver, example-gold, example-failed and 6 more)\n"
        )
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        assert main(["timeline", "-o", str(out)]) == 2
        assert "pip install 'cluster_excellence[plot]'" in capsys.readouterr().err
        assert list(tmp_path.iterdir()) == []
