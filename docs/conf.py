"""Sphinx configuration for the cluster_excellence documentation.

The build is offline and strict: ``sphinx-build -n -W`` (every reference
must resolve), intersphinx from the inventories committed in
``docs/_inventories`` (Python, attrs, pandas), the furo theme, defaults shown
as written in the source, and the tutorial notebook shown with the outputs
it was saved with (``.ci/run`` executes it separately and checks them).
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any

from cluster_excellence._lazy import public_names
from cluster_excellence._version import __version__

project = "cluster_excellence"
author = "cluster_excellence maintainers"
copyright = "2026, cluster_excellence maintainers"
release = __version__
version = release

extensions = ["sphinx.ext.autodoc", "sphinx.ext.intersphinx", "myst_nb"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_preserve_defaults = True
autodoc_default_options = {"members": True, "undoc-members": False}
nitpicky = True
nb_execution_mode = "off"
nb_output_stderr = "remove"
suppress_warnings = ["myst.header"]

_INVENTORIES = Path(__file__).parent / "_inventories"
intersphinx_mapping = {
    "python": ("https://docs.python.org/3", str(_INVENTORIES / "python.inv")),
    "attrs": ("https://www.attrs.org/en/stable", str(_INVENTORIES / "attrs.inv")),
    "pandas": ("https://pandas.pydata.org/docs", str(_INVENTORIES / "pandas.inv")),
}
exclude_patterns = ["_build", "_inventories", "**.ipynb_checkpoints"]
html_theme = "furo"
html_title = f"cluster_excellence {release}"
html_static_path: list[str] = []

#: Names that are no documented objects: standard-library and third-party types
#: whose inventories name them otherwise, type variables, and the private parts of the
#: readers that the arguments of :class:`~cluster_excellence.files.formats.Format` name.
nitpick_ignore = [
    ("py:class", "cluster_excellence.errors.T"),
    ("py:class", "cluster_excellence.files.formats.T"),
    ("py:obj", "cluster_excellence.files.formats.T"),
    ("py:class", "cluster_excellence.files.presets.T"),
    ("py:class", "T"),
    ("py:class", "cluster_excellence.files._fields.Checker"),
    ("py:class", "Field"),
    ("py:class", "_Build"),
    ("py:class", "cluster_excellence.files._fields.Make"),
    ("py:class", "cluster_excellence.files._fields.A"),
    ("py:class", "Schema"),
    ("py:class", "Nested"),
    ("py:class", "cluster_excellence.rules.gold_points.M"),
    ("py:class", "matplotlib.figure.Figure"),
    ("py:class", "Figure"),
    ("py:class", "attrs.AttrsInstance"),
    ("py:class", "os.PathLike"),
    ("py:class", "collections.abc.Buffer"),
    ("py:class", "_io.BytesIO"),
]

#: Every public name of the package's modules (their ``__all__``), by name, with its
#: module: a reference to ``cluster_excellence.NAME`` or to ``NAME`` alone is sent to
#: the entry where NAME is documented, when the name is unique.
_TOP = public_names(str(Path(__file__).parents[1] / "src" / "cluster_excellence" / "x"))


def _modules() -> dict[str, str]:
    import cluster_excellence

    package = Path(cluster_excellence.__file__).parent
    found: dict[str, set[str]] = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if parts[1:2] == ("cli",) or parts[-1] in ("__main__", "_version", "_lazy"):
            continue
        module = importlib.import_module(".".join(parts))
        for name in getattr(module, "__all__", ()):
            found.setdefault(name, set()).add(module.__name__)
    names = {name: next(iter(mods)) for name, mods in found.items() if len(mods) == 1}
    names.update({name: f"cluster_excellence{module}" for name, module in _TOP.items()})
    return names


_WHERE = _modules()


def _resolve(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve ``cluster_excellence.NAME[.member]`` and ``NAME[.member]`` to NAME's entry."""
    if node.get("refdomain") != "py":
        return None
    target: str = node.get("reftarget", "")
    name, _, member = target.removeprefix("cluster_excellence.").partition(".")
    module = _WHERE.get(name)
    if module is None:
        return None
    full = f"{module}.{name}" + (f".{member}" if member else "")
    domain = env.get_domain("py")
    found = None
    if full != target:
        found = domain.resolve_xref(
            env, node.get("refdoc"), app.builder, node.get("reftype"), full, node, contnode
        )
    if found is None and node.get("reftype") == "class":  # a type alias is data
        found = domain.resolve_xref(
            env, node.get("refdoc"), app.builder, "data", full, node, contnode
        )
    return found


def _lazy_types() -> None:
    """Give the pictures module the matplotlib types its annotations name (imported there
    only for type checkers: the plot extra is optional), so that autodoc resolves them."""
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from cluster_excellence.renderers import pictures

    pictures.Figure = Figure  # type: ignore[attr-defined]
    pictures.Axes = Axes  # type: ignore[attr-defined]


_lazy_types()


#: The style pandas writes into every DataFrame's HTML (``<style scoped>``): HTML allows
#: neither the attribute nor, in the body, selectors that reach outside the element's
#: parent, so the pages keep the table and drop its style (the W3C validator checks them).
_SCOPED_STYLE = re.compile(r"<style scoped>.*?</style>", re.DOTALL)


def _valid_html(app: Any, pagename: str, templatename: str, context: Any, doctree: Any) -> None:
    if "body" in context:
        context["body"] = _SCOPED_STYLE.sub("", context["body"])


def setup(app: Any) -> None:
    """Send references by short names to their modules' entries; keep the pages valid
    HTML."""
    app.connect("missing-reference", _resolve)
    app.connect("html-page-context", _valid_html)
