"""The data shipped with the package: sample portfolios and reference catalogues.

>>> from cluster_excellence import benchmarking_catalogue, sample_portfolio
>>> [c.id for c in sample_portfolio()][:4]
['qoot', 'nordland-2016', 'hemp-sk', 'basque-energy']
>>> len(sample_portfolio("reference"))
36
>>> [area.code for area in benchmarking_catalogue().areas]
['structure', 'management', 'financing', 'services', 'interaction', 'achievements']
"""

from __future__ import annotations

import functools

from ..model.catalogues import Catalogue
from ..model.clusters import Portfolio
from ._json import package_data
from .catalogue import CATALOGUE_FILES
from .portfolio import PORTFOLIO_FILES

__all__ = ["SAMPLES", "benchmarking_catalogue", "gold_catalogue", "sample_portfolio"]

#: The samples shipped with the package, by name.
SAMPLES = {
    "labels": "sample-portfolio.json",
    "region": "sample-region.json",
    "reference": "sample-reference.json",
}


@functools.cache
def benchmarking_catalogue() -> Catalogue:
    """The shipped reference catalogue for benchmarking: six areas, 36 indicators.

    The six areas and the Eligibility Criteria thresholds are published
    (https://www.cluster-analysis.org/benchmarked-clusters; the ECCP listing
    rules); the other indicators are ``illustrative`` stand-ins.
    """
    name = "benchmarking-reference.json"
    return CATALOGUE_FILES.parse(package_data(name), source=name)


@functools.cache
def gold_catalogue() -> Catalogue:
    """The shipped reference catalogue for Gold: 31 indicators, 150 points.

    The scale of 150 points (2013: 120 of 150 to pass) and the categories are
    published (https://www.cluster-analysis.org/gold-label); thresholds,
    points per indicator and minimum requirements are ``illustrative``.
    """
    name = "gold-reference.json"
    return CATALOGUE_FILES.parse(package_data(name), source=name)


def sample_portfolio(name: str = "labels") -> Portfolio:
    """Return a sample portfolio shipped with the package.

    ``"labels"`` (the default) holds public records (Qoot Cluster, a
    Nordland cluster, Hemp Cluster, Basque Energy Cluster; docs: *Real
    records the tests reproduce*) and invented clusters whose names start
    with "Example"; each cluster's ``note`` says where its records come
    from. ``"region"`` (7 clusters) and ``"reference"`` (36 clusters in four
    countries) are synthetic clusters with indicator values of the shipped
    reference catalogues, made by ``tools/make_sample_benchmarks.py``; their
    names say "Synthetic".
    """
    try:
        file = SAMPLES[name]
    except KeyError:
        raise KeyError(f"no sample {name!r} (samples: {', '.join(SAMPLES)})") from None
    files = PORTFOLIO_FILES.against((benchmarking_catalogue(), gold_catalogue()))
    return files.parse(package_data(file), source=file)
