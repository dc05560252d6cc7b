"""Label status, validity and renewal for the European Cluster Excellence Initiative.

The Bronze, Silver and Gold labels that ESCA/EUCLES award to cluster
management organisations, as immutable value types and pure functions.

>>> import datetime as dt
>>> from cluster_excellence import Benchmark, Cluster, cluster_status
>>> qoot = Cluster("qoot", "Qoot Cluster", [Benchmark(dt.date(2019, 7, 25))])
>>> entry = cluster_status(qoot, dt.date(2021, 7, 31)).labels[0]
>>> entry.tier.value, entry.status.value, entry.label.valid_until.isoformat()
('bronze', 'valid', '2021-07-31')

Every public name is listed once, in ``__init__.pyi``; each is loaded on
first use.
"""

from ._lazy import attach
from ._version import __version__ as __version__

__getattr__, __dir__, __all__ = attach(__name__, __file__, globals())
