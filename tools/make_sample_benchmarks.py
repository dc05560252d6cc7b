"""Generate the synthetic benchmark samples shipped with the package.

Writes ``src/cluster_excellence/data/sample-region.json`` (seven invented
clusters of one region, like the seven Nordland clusters of the regional
scorecard pilot) and ``sample-reference.json`` (36 invented clusters in four
countries and five comparative portfolios), with indicator values of the
shipped reference catalogues. Every value is random (seeded, so the files are
reproducible) and every cluster says in its name and note that it is
synthetic.

Usage: python tools/make_sample_benchmarks.py
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from cluster_excellence import Catalogue, Indicator, benchmarking_catalogue, gold_catalogue
from cluster_excellence.files.portfolio import FORMAT
from cluster_excellence.model.catalogues import ValueKind
from cluster_excellence.rules.gold_points import gold_score

DATA = Path(__file__).resolve().parents[1] / "src" / "cluster_excellence" / "data"
NOTE = "Synthetic: invented by tools/make_sample_benchmarks.py (seed {seed}); not a real cluster."
PORTFOLIOS = ("ICT", "Energy", "Maritime", "Food industry", "Life sciences")


def value(indicator: Indicator, rng: random.Random, strength: float) -> Any:
    """A plausible value; ``strength`` (0-1) leans it towards good values."""
    lean = min(max(rng.gauss(strength, 0.2), 0.0), 1.0)
    if indicator.direction.value == "lower":
        lean = 1.0 - lean
    kind = indicator.kind
    if kind is ValueKind.YES_NO:
        return rng.random() < 0.3 + 0.65 * strength
    if kind is ValueKind.SHARE:
        return round(lean * 0.95, 2)
    if kind is ValueKind.ORDINAL:
        assert indicator.scale is not None
        low, high = indicator.scale
        return low + round(lean * (high - low))
    target: Any = indicator.gold_threshold
    if target is None and kind is ValueKind.MONEY:
        target = 400_000
    elif target is None:
        target = indicator.minimum * 2 if indicator.minimum is not None else 10
    if kind is ValueKind.COUNT:
        return round(float(target) * 1.6 * lean)
    if kind is ValueKind.FTE:
        return round(float(target) * 1.6 * lean + 0.2, 1)
    return int(round(float(target) * 1.6 * lean, -3))  # money


def benchmark(catalogue: Catalogue, rng: random.Random, strength: float) -> dict[str, Any]:
    return {i.code: value(i, rng, strength) for i in catalogue.indicators if rng.random() > 0.03}


def cluster(
    cluster_id: str,
    name: str,
    country: str,
    portfolio: str,
    rng: random.Random,
    seed: int,
    gold: bool,
) -> dict[str, Any]:
    strength = rng.uniform(0.25, 0.85)
    first = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(0, 700))
    second = first + dt.timedelta(days=rng.randrange(550, 730))
    assessments: list[dict[str, Any]] = [
        {"type": "benchmarking", "date": first.isoformat(),
         "indicators": benchmark(benchmarking_catalogue(), rng, strength)},
        {"type": "benchmarking", "date": second.isoformat(),
         "indicators": benchmark(benchmarking_catalogue(), rng, min(strength + 0.1, 1.0))},
    ]  # fmt: skip
    if gold:
        values = benchmark(gold_catalogue(), rng, min(strength + 0.25, 1.0))
        result = gold_score(values, gold_catalogue())
        assessments.append(
            {
                "type": "gold_audit",
                "date": (second + dt.timedelta(days=rng.randrange(30, 200))).isoformat(),
                "score": round(result.percent, 1),
                "minimum_requirements_met": result.minimums_met,
                "indicators": values,
            }
        )
    return {
        "id": cluster_id,
        "name": name,
        "country": country,
        "comparative_portfolio": portfolio,
        "note": NOTE.format(seed=seed),
        "assessments": assessments,
    }


def main() -> None:
    seed = 2026
    rng = random.Random(seed)
    region = [
        cluster(f"region-{n:02d}", f"Synthetic region cluster {n:02d}", "NO",
                PORTFOLIOS[n % len(PORTFOLIOS)], rng, seed, gold=n in (2, 5))
        for n in range(1, 8)
    ]  # fmt: skip
    reference = []
    for country, count in (("DK", 12), ("NO", 12), ("SE", 6), ("DE", 6)):
        for n in range(1, count + 1):
            reference.append(
                cluster(
                    f"ref-{country.lower()}-{n:02d}",
                    f"Synthetic reference cluster {country}-{n:02d}",
                    country,
                    PORTFOLIOS[n % len(PORTFOLIOS)],
                    rng,
                    seed,
                    gold=n % 4 == 0,
                )
            )
    for name, clusters in (("sample-region.json", region), ("sample-reference.json", reference)):
        document = {"format": FORMAT, "clusters": clusters}
        (DATA / name).write_text(
            json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"wrote {DATA / name}: {len(clusters)} clusters")


if __name__ == "__main__":
    main()
