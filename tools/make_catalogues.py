"""Keep the gettext catalogues of the people's outputs in step with the code.

Every English message a person reads is found in the package: the templates
of :class:`Message`, the words marked ``N_("...")``, the report's and the
pictures' ``say("...")``, the headings of table columns, and the words of
enumerated values shown in tables (tiers, statuses, lights, events). They are
written to ``locale/cluster_excellence.pot``, merged into each language's
``.po`` file (translations kept, new messages added untranslated, messages the
code no longer has dropped) and compiled into the ``.mo`` files the package
reads at run time::

    python tools/make_catalogues.py          # extract, merge, compile
    python tools/make_catalogues.py --check  # fail if anything is out of step

``--check`` (and the test suite, through :func:`problems`) fails when the
template is not what the code holds, when a message of the code has no
translation in a language, when a translation's places (``{day}``) differ from
its message's, or when a ``.mo`` file is not compiled from its ``.po`` file.
Babel (a development dependency) reads and writes the files; the package reads
the ``.mo`` files with the standard library's :mod:`gettext`.
"""

from __future__ import annotations

import argparse
import ast
import enum
import importlib
import io
import pkgutil
import string
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "cluster_excellence"
LOCALE = PACKAGE / "locale"
DOMAIN = "cluster_excellence"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
#: The languages with a catalogue: every one the package offers except English, the
#: language of the messages (read from the source, so that the tool needs no install).
_OFFERED = ast.literal_eval(
    next(
        line.split("=", 1)[1].strip()
        for line in (PACKAGE / "_words.py").read_text(encoding="utf-8").splitlines()
        if line.startswith("LANGUAGES = ")
    )
)
TRANSLATED: tuple[str, ...] = tuple(code for code in _OFFERED if code != "en")
#: Calls whose first argument is an English message.
_MESSAGE_CALLS = {"Message", "N_", "say"}
#: The places a day's templates may use besides their message's own.
_DAY_PLACES = {"month_name"}


def _call_name(node: ast.Call) -> str:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return ""


def _texts(node: ast.AST, scopes: list[ast.AST]) -> list[str] | None:
    """The texts ``node`` can be: a literal, either side of a condition, a name assigned
    literals in its function or module, a module dict's literals; None if not seen."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _texts(node.body, scopes), _texts(node.orelse, scopes)
        return None if body is None or orelse is None else body + orelse
    if isinstance(node, ast.Call) and _call_name(node) == "N_" and node.args:
        return _texts(node.args[0], scopes)
    if isinstance(node, ast.Name):
        for scope in reversed(scopes):
            values = [
                assign.value
                for assign in ast.walk(scope)
                if isinstance(assign, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == node.id for t in assign.targets)
            ]
            if values:
                return _every_text(values, scopes)
        return None
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        for assign in ast.walk(scopes[0]):
            if (
                isinstance(assign, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == node.value.id for t in assign.targets)
                and isinstance(assign.value, ast.Dict)
            ):
                return _every_text(assign.value.values, scopes)
    return None


def _every_text(nodes: Iterable[ast.AST | None], scopes: list[ast.AST]) -> list[str] | None:
    """The texts every one of ``nodes`` can be; None if one of them is not seen."""
    found: list[str] = []
    for node in nodes:
        texts = None if node is None else _texts(node, scopes)
        if texts is None:
            return None
        found.extend(texts)
    return found


def _parameters(function: ast.AST) -> set[str]:
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        return set()
    arguments = function.args
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    return {argument.arg for argument in every}


def _calls(tree: ast.Module) -> Iterator[tuple[ast.Call, list[ast.AST]]]:
    """Every call of ``tree`` with the module and the functions it is written in."""

    def visit(node: ast.AST, scopes: list[ast.AST]) -> Iterator[tuple[ast.Call, list[ast.AST]]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Call):
                yield child, scopes
            inner = scopes
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                inner = [*scopes, child]
            yield from visit(child, inner)

    yield from visit(tree, [tree])


#: Messages the extraction could not see, by where they are (filled by source_messages).
UNSEEN: list[str] = []


def source_messages() -> dict[str, list[str]]:
    """The messages written in the package's source, each with where it is written.

    A message given by a name is followed to the literals assigned to it; one that
    cannot be followed is listed in :data:`UNSEEN` (a wrapper's own parameter excepted).
    """
    found: dict[str, list[str]] = {}
    UNSEEN.clear()
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        where = path.relative_to(PACKAGE.parent).as_posix()
        for node, scopes in _calls(tree):
            name = _call_name(node)
            if name in _MESSAGE_CALLS and node.args:
                argument = node.args[0]
            elif name == "Column" and len(node.args) >= 3:
                argument = node.args[2]
            else:
                continue
            texts = _texts(argument, scopes)
            if texts is None:
                if isinstance(argument, ast.Name) and argument.id in _parameters(scopes[-1]):
                    continue  # a wrapper passing its caller's message on
                UNSEEN.append(f"{where}:{node.lineno}: {ast.unparse(argument)}")
                continue
            for text in texts:
                if text:
                    found.setdefault(text, []).append(where)
    return found


def _modules() -> Iterator[Any]:
    package = importlib.import_module("cluster_excellence")
    for info in pkgutil.walk_packages(package.__path__, "cluster_excellence."):
        if not info.name.endswith(".__main__"):  # the program, which runs when imported
            yield importlib.import_module(info.name)


def value_words() -> dict[str, list[str]]:
    """The words of the enumerated values people read in tables, each with its source.

    An enumeration's member is shown by its ``words`` (already marked in the source)
    or else by its value; a table's column of plain words shows each word with its
    underscores as spaces (see ``_results._show``).
    """
    from cluster_excellence._enums import ValueEnum
    from cluster_excellence._layout import Layout

    found: dict[str, list[str]] = {}
    layouts: list[tuple[str, Layout]] = []
    enums: set[type[enum.Enum]] = set()
    for module in _modules():
        for value in vars(module).values():
            if isinstance(value, type) and isinstance(getattr(value, "LAYOUT", None), Layout):
                layouts.append((f"{value.__module__}.{value.__qualname__}", value.LAYOUT))  # type: ignore[attr-defined]
            if (
                isinstance(value, type)
                and issubclass(value, ValueEnum)
                and value is not ValueEnum
                and value.__module__.startswith(
                    ("cluster_excellence.rules", "cluster_excellence.model.tiers")
                )
            ):
                enums.add(value)
    for kind in sorted(enums, key=lambda k: k.__qualname__):
        for member in kind:
            words = getattr(member, "words", None)
            if not isinstance(words, str):
                where = f"{kind.__module__}.{kind.__qualname__}"
                found.setdefault(str(member.value), []).append(where)
    for owner, layout in layouts:
        for table in layout.tables:
            for column in table.columns:
                categories = column.kind.categories
                if categories and column.kind.schema.get("enum") and not _is_enum_kind(column.kind):
                    for word in categories:
                        found.setdefault(word.replace("_", " "), []).append(owner)
    return found


def _is_enum_kind(kind: Any) -> bool:
    from cluster_excellence import _layout

    return kind.encode is not _layout._word_value


def preset_names() -> dict[str, list[str]]:
    """The names of the shipped programme presets (shown as ``_words.Name``), each with its
    file."""
    import json

    found: dict[str, list[str]] = {}
    for path in sorted((PACKAGE / "data" / "presets").glob("*.programme.json")):
        name = json.loads(path.read_text(encoding="utf-8"))["name"]
        found.setdefault(name, []).append(f"cluster_excellence/data/presets/{path.name}")
    return found


def messages() -> dict[str, list[str]]:
    """Every message of the package, in a stable order, each with where it comes from."""
    found = source_messages()
    for text, where in [*value_words().items(), *preset_names().items()]:
        found.setdefault(text, []).extend(where)
    return dict(sorted(found.items()))


def places(text: str) -> set[str]:
    """The names of the places of a ``str.format`` template."""
    return {
        field.split(".")[0].split("[")[0]
        for _, field, _, _ in string.Formatter().parse(text)
        if field is not None
    }


def _is_day_template(msgid: str) -> bool:
    from cluster_excellence._words import DATE_IN_TEXT, MONTH_IN_TEXT

    return msgid in (DATE_IN_TEXT, MONTH_IN_TEXT)


def place_problem(msgid: str, msgstr: str) -> str | None:
    """What is wrong with the places of ``msgstr``, the translation of ``msgid``; None if nothing.

    A translation fills the same places as its message; a day's template may name the
    month (``{month_name}``) instead of numbering it, and leave out what it does not show.
    """
    try:
        wanted, given = places(msgid), places(msgstr)
    except ValueError as error:
        return f"not a template ({error})"
    if _is_day_template(msgid):
        unknown = given - wanted - _DAY_PLACES
        return f"unknown places {sorted(unknown)}" if unknown else None
    if wanted != given:
        return f"places {sorted(given)} instead of {sorted(wanted)}"
    return None


def template_catalogue(found: dict[str, list[str]]) -> Any:
    from babel.messages.catalog import Catalog

    catalogue = Catalog(
        project=DOMAIN,
        version=None,
        copyright_holder="the cluster_excellence maintainers",
        msgid_bugs_address=None,
        charset="utf-8",
        fuzzy=False,
    )
    for text, where in found.items():
        # where, without line numbers: a catalogue does not change with every edit
        locations: list[Any] = [(place, None) for place in sorted(set(where))]
        catalogue.add(text, locations=locations, flags=("python-brace-format",))
    return catalogue


def _po_bytes(catalogue: Any, header: bytes | None = None) -> bytes:
    """The text of ``catalogue``; its leading comments are ``header`` when given (a
    translator's notes, kept as written: Babel would wrap them anew on every run)."""
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalogue, width=88, omit_header=False, sort_output=True, no_location=False)
    data = _stable(out.getvalue())
    if header is not None:
        data = header + data[data.index(_FIRST) :]
    return data


_FIRST = b'msgid ""\n'


def _header(path: Path) -> bytes | None:
    """The leading comments of the catalogue at ``path``, or None for a new one."""
    if not path.exists():
        return None
    data = path.read_bytes()
    return data[: data.index(_FIRST)] if _FIRST in data else None


def _stable(data: bytes) -> bytes:
    """A catalogue's text without the header lines that change with every run or hold
    Babel's placeholders (an address, a name, a version) where the project has none."""
    keep = []
    for line in data.splitlines(keepends=True):
        if line.startswith(_CHANGING) or any(word in line for word in _PLACEHOLDERS):
            continue
        keep.append(line)
    return b"".join(keep)


_CHANGING = (b"# Copyright (C) ", b'"POT-Creation-Date:', b'"PO-Revision-Date:', b'"Generated-By:')
_PLACEHOLDERS = (b"EMAIL@ADDRESS", b"FULL NAME", b"FIRST AUTHOR", b"VERSION", b"LL@li.org")


def _read_po(path: Path, code: str | None = None) -> Any:
    from babel.messages.pofile import read_po

    with path.open("rb") as file:
        return read_po(file, locale=code, domain=DOMAIN)


def merged(code: str, template: Any) -> Any:
    """The catalogue of ``code``: its translations kept for the template's messages."""
    from babel.messages.catalog import Catalog

    path = LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    old = _read_po(path, code) if path.exists() else Catalog(locale=code, domain=DOMAIN)
    new = Catalog(
        locale=code,
        domain=DOMAIN,
        project=DOMAIN,
        version=None,
        copyright_holder="the cluster_excellence maintainers",
        charset="utf-8",
        fuzzy=False,
    )
    new.language_team = f"{code} <LL@li.org>"  # Babel needs one; dropped from the file
    for message in template:
        if not message.id:
            continue
        before = old.get(message.id)
        new.add(
            message.id,
            string=before.string if before is not None else "",
            locations=message.locations,
            flags=message.flags,
            user_comments=before.user_comments if before is not None else (),
        )
    return new


def _mo_bytes(catalogue: Any) -> bytes:
    """The compiled ``catalogue``; its header's dates fixed, so that the same
    translations compile to the same bytes."""
    import datetime as dt

    from babel.messages.mofile import write_mo

    fixed = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    catalogue.creation_date = catalogue.revision_date = fixed
    out = io.BytesIO()
    write_mo(out, catalogue, use_fuzzy=False)
    return out.getvalue()


def _translations(data: bytes) -> dict[str, str]:
    """The messages of a compiled catalogue, without its header."""
    import gettext

    found: dict[str, str] = gettext.GNUTranslations(io.BytesIO(data))._catalog  # type: ignore[attr-defined]
    return {key: value for key, value in found.items() if key}


def problems() -> list[str]:
    """Everything out of step between the code and the catalogues (empty when in step)."""
    found = messages()
    template = template_catalogue(found)
    wrong = [f"{place}: a message the catalogues cannot see" for place in UNSEEN]
    if not TEMPLATE.exists() or TEMPLATE.read_bytes() != _po_bytes(template):
        wrong.append(f"{TEMPLATE.relative_to(ROOT)} is not the code's messages (run {_RUN})")
    for code in TRANSLATED:
        po = LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}.po"
        mo = po.with_suffix(".mo")
        if not po.exists():
            wrong.append(f"{po.relative_to(ROOT)} is missing")
            continue
        catalogue = _read_po(po, code)
        have = {message.id: message for message in catalogue if message.id}
        for msgid in found:
            message = have.get(msgid)
            if message is None or not message.string:
                wrong.append(f"{code}: no translation of {msgid!r}")
            elif message.fuzzy:
                wrong.append(f"{code}: the translation of {msgid!r} is marked fuzzy")
            else:
                problem = place_problem(msgid, str(message.string))
                if problem:
                    wrong.append(f"{code}: the translation of {msgid!r} has {problem}")
        for msgid in sorted(set(have) - set(found)):
            wrong.append(f"{code}: {msgid!r} is no longer a message of the code (run {_RUN})")
        if not mo.exists() or _translations(mo.read_bytes()) != _translations(_mo_bytes(catalogue)):
            wrong.append(f"{mo.relative_to(ROOT)} is not compiled from its .po file (run {_RUN})")
    return wrong


_RUN = "python tools/make_catalogues.py"


def write() -> None:
    """Extract, merge and compile every catalogue."""
    template = template_catalogue(messages())
    LOCALE.mkdir(exist_ok=True)
    TEMPLATE.write_bytes(_po_bytes(template))
    for code in TRANSLATED:
        po = LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        catalogue = merged(code, template)
        po.write_bytes(_po_bytes(catalogue, _header(po)))
        catalogue = _read_po(po, code)
        po.with_suffix(".mo").write_bytes(_mo_bytes(catalogue))
        missing = sum(1 for message in catalogue if message.id and not message.string)
        if missing:
            print(f"{code}: {missing} messages to translate in {po.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; change nothing")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(PACKAGE.parent))
    if args.check:
        wrong = problems()
        for line in wrong:
            print(line, file=sys.stderr)
        return 1 if wrong else 0
    write()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
