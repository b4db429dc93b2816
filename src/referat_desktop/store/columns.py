"""Facts (domain/model.py's MEETING_FIELDS and ITEM_FIELDS) to column values and back.

Each fact lives in the column of its own name in `meetings` or `items`. How it is kept
follows its ValueKind: a date as ISO text (so text order is date order), a list of names
as JSON text (readable in any SQLite tool), a flag as 0/1, text as text. A new fact of an
existing kind needs nothing here, only its column (a migration in store/schema.py).
Standard library only: store/reading.py is on the command line's light path.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from referat_desktop.domain.model import FieldSpec, ValueKind


def to_column(spec: FieldSpec, value: Any) -> Any:
    if spec.kind is ValueKind.DATE:
        return value.isoformat() if value is not None else None
    if spec.kind is ValueKind.NAMES:
        return json.dumps(list(value), ensure_ascii=False)
    if spec.kind is ValueKind.FLAG:
        return int(bool(value))
    return value


def from_column(spec: FieldSpec, value: Any) -> Any:
    if spec.kind is ValueKind.DATE:
        return dt.date.fromisoformat(value) if value else spec.default
    if spec.kind is ValueKind.NAMES:
        return json.loads(value)
    if spec.kind is ValueKind.FLAG:
        return bool(value)
    return value


def columns_of(specs: tuple[FieldSpec, ...], facts: Mapping[str, Any], what: str) -> dict[str, Any]:
    """The column values of the facts given (by name) among `specs`; a ValueError
    ("unknown <what>: [...]") names any that are not among them."""
    by_name = {spec.name: spec for spec in specs}
    unknown = set(facts) - set(by_name)
    if unknown:
        raise ValueError(f"unknown {what}: {sorted(unknown)}")
    return {name: to_column(by_name[name], value) for name, value in facts.items()}


def facts_of_row(specs: tuple[FieldSpec, ...], row: Mapping[str, Any]) -> dict[str, Any]:
    """The domain values of every fact in `specs`, from a row of its table."""
    return {spec.name: from_column(spec, row[spec.name]) for spec in specs}
