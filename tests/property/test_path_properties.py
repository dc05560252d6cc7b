"""The command line's own reading of a path's extension agrees with ``pathlib``'s."""

from __future__ import annotations

from pathlib import PurePath

from hypothesis import example, given
from hypothesis import strategies as st

from cluster_excellence._output import suffix

#: Paths built of the characters that matter to an extension: dots, separators, letters.
paths = st.text(st.sampled_from("./\\a.bC. "), max_size=12)


@given(paths)
@example("portfolio.json")
@example("folder.d/")
@example("a.csv/.")
@example(".hidden")
@example("name.")
@example("..")
@example("")
def test_suffix_is_the_extension_pathlib_gives(path: str) -> None:
    assert suffix(path) == PurePath(path).suffix
