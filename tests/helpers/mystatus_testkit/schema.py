"""Validate a `status --json` document against the tables of docs/json-schema.md.

The document is the contract: this parser reads its "### `name`" sections and their
"| `key` | type | meaning |" rows, so a field added to the output but not to the document
(or the reverse) fails the tests.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

DOC = Path(__file__).resolve().parents[3] / "docs" / "json-schema.md"
_HEAD = re.compile(r"^### `(\w+)`\s*$")
_ROW = re.compile(r"^\| `(\w+)` \| ([^|]+) \|")
_SCALARS: dict[str, tuple[type, ...]] = {
    "integer": (int,),
    "number": (int, float),
    "string": (str,),
    "boolean": (bool,),
    "null": (type(None),),
}


def load_schema(doc: Path = DOC) -> dict[str, dict[str, str]]:
    """{object name: {key: type text}}."""
    schema: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in doc.read_text("utf-8").splitlines():
        head = _HEAD.match(line)
        if head:
            current = schema.setdefault(head.group(1), {})
            continue
        if line.startswith("## "):
            current = None
        row = _ROW.match(line)
        if row and current is not None:
            current[row.group(1)] = row.group(2).strip()
    return schema


def _check_value(value: Any, type_text: str, schema: dict[str, dict[str, str]], where: str) -> None:
    errors: list[str] = []
    for alternative in (a.strip() for a in type_text.split(" or ")):
        try:
            if alternative == "array of string":
                assert isinstance(value, list), f"{where}: not an array"
                assert all(isinstance(v, str) for v in value), f"{where}: not all strings"
            elif alternative.startswith("array of `"):
                name = alternative[len("array of `"):-1]
                assert isinstance(value, list), f"{where}: not an array"
                for i, item in enumerate(value):
                    validate(item, name, schema, f"{where}[{i}]")
            elif alternative.startswith("`"):
                validate(value, alternative.strip("`"), schema, where)
            else:
                expected = _SCALARS[alternative]
                ok = isinstance(value, expected) and not (
                    isinstance(value, bool) and bool not in expected
                )
                assert ok, f"{where}: {value!r} is not {alternative}"
            return
        except AssertionError as exc:
            errors.append(str(exc))
    raise AssertionError("; ".join(errors))


def validate(value: Any, name: str, schema: dict[str, dict[str, str]] | None = None,
             where: str = "$") -> None:
    """Raise AssertionError unless `value` is exactly the documented object `name`."""
    schema = schema or load_schema()
    fields = schema[name]
    assert isinstance(value, dict), f"{where}: expected the object {name}"
    assert set(value) == set(fields), (
        f"{where} ({name}): keys differ from docs/json-schema.md: "
        f"extra {sorted(set(value) - set(fields))}, missing {sorted(set(fields) - set(value))}"
    )
    for key, type_text in fields.items():
        _check_value(value[key], type_text, schema, f"{where}.{key}")
