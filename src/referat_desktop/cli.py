"""The `referat` command line, a public contract (see docs/ and DESIGN.md).

    referat list   [--db PATH]
    referat import FILE.json [--db PATH]
    referat export ID --format docx|pdf|json|html (export/formats.py) [--agenda] [--public]
                   [--with-attachments] -o OUT [--db PATH]
                                      (--agenda --public together: the public agenda;
                                       --with-attachments: the PDF followed by its bilag)
    referat approve ID --by NAME [--date YYYY-MM-DD] [--db PATH]
    referat verify [ID] [--db PATH]

Errors are one line on stderr and a non-zero exit; never a traceback for bad input.
A warning (characters the PDF cannot draw) is one line on stderr; the file is written, exit 0.
`verify` prints `ID<TAB>ok` per approved meeting, or `ID<TAB><what differs>` one line each
and exits 1; with no approved meeting in the file it prints nothing (a note on stderr), exit 0.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import mmap
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, TypeVar

from referat_desktop import __version__
from referat_desktop.danish_argparse import DanishArgumentParser
from referat_desktop.domain import interchange
from referat_desktop.domain.texts import Variant
from referat_desktop.export.errors import ExportError
from referat_desktop.export.formats import format_names
from referat_desktop.export.pipeline import write_export
from referat_desktop.paths import resolve_db_path
from referat_desktop.store import StoreError, reading

T = TypeVar("T")

EXIT_FAILURE = 1


def build_parser() -> argparse.ArgumentParser:
    parser = DanishArgumentParser(prog="referat", description="Dagsordener og referater fra kommandolinjen.")
    parser.add_version(f"referat {__version__}")
    db_help = "databasefil (ellers REFERAT_DB eller standardfilen)"
    commands = parser.add_subparsers(dest="command", required=True, parser_class=DanishArgumentParser,
                                     title="kommandoer", metavar="KOMMANDO")

    list_cmd = commands.add_parser("list", help="vis møderne: id, dato, udvalg, antal punkter")
    list_cmd.add_argument("--db", metavar="PATH", help=db_help)

    import_cmd = commands.add_parser("import", help="importer møder fra en referat/1 JSON-fil")
    import_cmd.add_argument("file", metavar="FILE.json", help="filen der importeres")
    import_cmd.add_argument("--db", metavar="PATH", help=db_help)

    export_cmd = commands.add_parser("export", help=f"eksporter et møde som {', '.join(format_names())}")
    export_cmd.add_argument("id", type=int, metavar="ID", help="mødets id (se 'referat list')")
    export_cmd.add_argument("--format", required=True, choices=format_names(), help="filformatet")
    export_cmd.add_argument("--agenda", action="store_true", help="dagsorden (uden beslutninger)")
    export_cmd.add_argument("--public", action="store_true",
                            help="offentlig udgave (lukkede punkter skjult); med --agenda: "
                                 "den offentlige dagsorden")
    export_cmd.add_argument("--with-attachments", action="store_true",
                            help="samlet PDF: dokumentet efterfulgt af bilagene (kun --format pdf)")
    export_cmd.add_argument("-o", "--output", required=True, metavar="OUT", help="filen der skrives")
    export_cmd.add_argument("--db", metavar="PATH", help=db_help)

    approve_cmd = commands.add_parser("approve", help="godkend et referat (forsegler det)")
    approve_cmd.add_argument("id", type=int, metavar="ID")
    approve_cmd.add_argument("--by", required=True, metavar="NAME", help="hvem der godkender")
    approve_cmd.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD",
                             help="godkendt den (ellers i dag)")
    approve_cmd.add_argument("--db", metavar="PATH", help=db_help)

    verify_cmd = commands.add_parser("verify",
                                     help="kontroller godkendte referater (ok, eller hvad der er ændret)")
    verify_cmd.add_argument("id", type=int, nargs="?", metavar="ID")
    verify_cmd.add_argument("--db", metavar="PATH", help=db_help)
    return parser


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"forventede en dato som ÅÅÅÅ-MM-DD, fandt {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "list":
            return _list(args)
        if args.command == "import":
            return _import(args)
        if args.command == "approve":
            return _approve(args)
        if args.command == "verify":
            return _verify(args)
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
        # Mapped, not read: large bilag are decoded from the file straight into the
        # database when stored (domain/interchange_files.py), never whole in memory.
        with open(path, "rb") as source, _mapped(source) as buffer:
            try:
                meetings = interchange.loads_buffer(buffer)
            except interchange.FormatError as exc:
                return _fail(f"{path}: {exc}")
            from referat_desktop.store import Store  # only writing needs sqlite-utils and the lock

            store = Store.open(resolve_db_path(args.db))
            try:
                ids = store.import_meetings(meetings)
            except interchange.FormatError as exc:  # found in a large file while it was stored
                return _fail(f"{path}: {exc}")
            finally:
                store.close()
    except FileNotFoundError:
        return _fail(f"{path}: filen findes ikke")
    except OSError as exc:
        return _fail(f"{path}: kan ikke læses ({exc})")
    for meeting_id in ids:
        print(meeting_id)
    return 0


@contextlib.contextmanager
def _mapped(source: BinaryIO) -> Iterator[bytes | mmap.mmap]:
    """The file's bytes, memory-mapped (an empty file cannot be mapped: b"")."""
    if os.fstat(source.fileno()).st_size == 0:
        yield b""
        return
    with mmap.mmap(source.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        yield mapped


# (--agenda, --public) -> the document written
_VARIANTS = {(False, False): Variant.MINUTES, (True, False): Variant.AGENDA,
             (False, True): Variant.PUBLIC, (True, True): Variant.PUBLIC_AGENDA}


def _export(args: argparse.Namespace) -> int:
    if args.with_attachments and args.format != "pdf":
        return _fail(f"--with-attachments gælder kun --format pdf, ikke {args.format}")
    variant = _VARIANTS[args.agenda, args.public]
    # Written while the file is open: a bilag's bytes are read from it as they are written,
    # one file at a time, never all at once.
    warnings = _read(args, lambda conn: write_export(reading.read_meeting(conn, args.id), args.format,
                                                     variant, Path(args.output),
                                                     with_attachments=args.with_attachments))
    # The file is written all the same: a warning is one line on stderr, and exit 0.
    for warning in warnings:
        print(f"referat: advarsel: {' '.join(warning.message.split())}", file=sys.stderr)
    return 0


def _approve(args: argparse.Namespace) -> int:
    path = resolve_db_path(args.db)
    if not path.exists():
        return _fail(f"{path}: filen findes ikke")
    from referat_desktop.store import Store  # writing needs sqlite-utils and the lock

    store = Store.open(path)
    try:
        approval = store.approve(args.id, args.by, args.date or dt.date.today())
    finally:
        store.close()
    print(f"godkendt {approval.approved_on.isoformat()} af {approval.approved_by}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    if not resolve_db_path(args.db).exists():
        return _fail(f"{resolve_db_path(args.db)}: filen findes ikke")

    # Imported here: only approving and verifying need the seal's code (difflib and more).
    from referat_desktop.store import sealing

    def check(conn: sqlite3.Connection) -> list[tuple[int, list[str]]]:
        ids = [args.id] if args.id is not None else sealing.approved_ids(conn)
        return [(meeting_id, sealing.verify_meeting(conn, meeting_id)) for meeting_id in ids]

    results = _read(args, check)
    if not results:
        print("referat: ingen godkendte møder i filen", file=sys.stderr)
    for meeting_id, lines in results:
        for line in lines or ["ok"]:
            print(f"{meeting_id}\t{line}")
    return EXIT_FAILURE if any(lines for _, lines in results) else 0


if __name__ == "__main__":
    from referat_desktop.process_end import run_as_process

    run_as_process(main)
