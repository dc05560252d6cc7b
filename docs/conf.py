"""Sphinx configuration for the cluster_excellence documentation."""

from __future__ import annotations

from cluster_excellence._version import __version__

project = "cluster_excellence"
author = "cluster_excellence maintainers"
copyright = "2026, cluster_excellence maintainers"
release = __version__
version = release

extensions = ["sphinx.ext.autodoc", "sphinx.ext.intersphinx"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False}
intersphinx_mapping: dict[str, tuple[str, None]] = {}
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_static_path: list[str] = []
