"""The `referat` command line, a public contract (see docs/ and DESIGN.md).

    referat list   [--db PATH]
    referat import FILE.json [--db PATH]
    referat export ID --format docx|pdf|json (export/formats.py) [--agenda] [--public] -o OUT [--db PATH]

Errors are one line on stderr and a non-zero exit; never a traceback for bad input.
A warning (characters the PDF cannot draw) is one line on stderr; the file is written, exit 0.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from referat_desktop import __version__
from referat_desktop.domain import interchange
from referat_desktop.domain.texts import Variant
from referat_desktop.export.errors import ExportError
from referat_desktop.export.formats import format_names
from referat_desktop.export.pipeline import write_export
from referat_desktop.paths import resolve_db_path
from referat_desktop.store import StoreError, reading

T = TypeVar("T")

EXIT_USAGE = 2
EXIT_FAILURE = 1


class _Parser(argparse.ArgumentParser):
    """argparse, but its errors are one line too."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"referat: {message} (see 'referat --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="referat", description="Dagsordener og referater fra kommandolinjen.")
    parser.add_argument("--version", action="version", version=f"referat {__version__}")
    db_help = "databasefil (ellers REFERAT_DB eller standardfilen)"
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    list_cmd = commands.add_parser("list", help="vis møderne: id, dato, udvalg, antal punkter")
    list_cmd.add_argument("--db", help=db_help)

    import_cmd = commands.add_parser("import", help="importer møder fra en referat/1 JSON-fil")
    import_cmd.add_argument("file", metavar="FILE.json")
    import_cmd.add_argument("--db", help=db_help)

    export_cmd = commands.add_parser("export", help=f"eksporter et møde som {', '.join(format_names())}")
    export_cmd.add_argument("id", type=int, metavar="ID")
    export_cmd.add_argument("--format", required=True, choices=format_names())
    export_cmd.add_argument("--agenda", action="store_true", help="dagsorden (uden beslutninger)")
    export_cmd.add_argument("--public", action="store_true", help="offentlig udgave (lukkede punkter skjult)")
    export_cmd.add_argument("-o", "--output", required=True, metavar="OUT")
    export_cmd.add_argument("--db", help=db_help)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "list":
            return _list(args)
        if args.command == "import":
            return _import(args)
        return _export(args)
    except (StoreError, ExportError, interchange.FormatError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("afbrudt")


def _fail(message: str) -> int:
    print(f"referat: {' '.join(message.split())}", file=sys.stderr)
    return EXIT_FAILURE


def _read(args: argparse.Namespace, read: Callable[[sqlite3.Connection], T]) -> T:
    """Run `read` on the file opened read-only. Reading needs no write access and no
    lock, so `list` and `export` also work on a read-only file and on one the window has
    open for writing; and it starts without sqlite-utils (see store/reading.py)."""
    path = resolve_db_path(args.db)
    conn = reading.open_read_only(path)
    try:
        return read(conn)
    except sqlite3.DatabaseError as exc:  # damage deeper in the file than the opening checks see
        raise StoreError(f"Filen {path.name} kan ikke læses ({exc}).") from None
    finally:
        conn.close()


def _list(args: argparse.Namespace) -> int:
    if not resolve_db_path(args.db).exists():
        return 0  # no file yet: no meetings (and nothing is created just by looking)
    for m in _read(args, reading.list_meetings):
        print(f"{m.id}\t{m.date.isoformat()}\t{m.body}\t{m.item_count}")
    return 0


def _import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return _fail(f"{path}: filen findes ikke")
    except (OSError, UnicodeDecodeError) as exc:
        return _fail(f"{path}: kan ikke læses ({exc})")
    try:
        meetings = interchange.loads(text)
    except interchange.FormatError as exc:
        return _fail(f"{path}: {exc}")
    from referat_desktop.store import Store  # only writing needs sqlite-utils and the lock

    store = Store.open(resolve_db_path(args.db))
    try:
        for meeting_id in store.import_meetings(meetings):
            print(meeting_id)
    finally:
        store.close()
    return 0


def _export(args: argparse.Namespace) -> int:
    if args.agenda and args.public:
        return _fail("vælg enten --agenda eller --public, ikke begge")
    variant = Variant.AGENDA if args.agenda else Variant.PUBLIC if args.public else Variant.MINUTES
    meeting = _read(args, lambda conn: reading.read_meeting(conn, args.id))
    # The file is written all the same: a warning is one line on stderr, and exit 0.
    for warning in write_export(meeting, args.format, variant, Path(args.output)):
        print(f"referat: advarsel: {' '.join(warning.message.split())}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
