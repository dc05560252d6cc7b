"""The README's example prints what the README says it prints."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_five_line_example() -> None:
    text = README.read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.DOTALL)
    expected = re.search(r"prints\n\n```text\n(.*?)```", text, re.DOTALL)
    assert code is not None
    assert expected is not None
    assert len([line for line in code.group(1).splitlines() if line.strip()]) <= 6
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code.group(1), {})
    assert out.getvalue() == expected.group(1)


def test_the_two_commands_are_marked_for_ci() -> None:
    text = README.read_text(encoding="utf-8")
    assert "<!-- ci:sample -->\n```sh\n" in text
    assert "<!-- ci:tests -->\n```sh\n" in text


def test_the_readme_states_the_coverage_floor_of_pyproject() -> None:
    pyproject = README.with_name("pyproject.toml").read_text(encoding="utf-8")
    floor = re.search(r"^fail_under = ([\d.]+)$", pyproject, flags=re.M)
    assert floor is not None
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert f"`[tool.coverage.report] fail_under`): {floor.group(1)} %" in text
