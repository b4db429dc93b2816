"""The `referat` command line as another system would use it: a real subprocess."""

import json
import subprocess
import sys

import pytest

from referat_desktop.domain.model import ITEM_FIELDS, MEETING_FIELDS
from referat_desktop.domain.protocol import Protocol


def referat(*args, db, check=True):
    result = subprocess.run(
        [sys.executable, "-m", "referat_desktop.cli", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def assert_one_line_error(result):
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_import_list_export_json(tmp_path, db_path, sample_json_path):
    imported = referat("import", str(sample_json_path), db=db_path).stdout.split()
    assert len(imported) == 1
    meeting_id = imported[0]
    assert referat("list", db=db_path).stdout == f"{meeting_id}\t2019-12-16\tDirektionen\t6\n"
    out = tmp_path / "out.json"
    referat("export", meeting_id, "--format", "json", "-o", str(out), db=db_path)
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written == with_defaults(json.loads(sample_json_path.read_text(encoding="utf-8")))


def with_defaults(document: dict) -> dict:
    """The sample as the export writes it: every fact of the table present, an optional one
    the sample leaves out at its default (so a new fact needs no edit of the sample)."""
    for meeting in document["meetings"]:
        for spec in MEETING_FIELDS:
            meeting.setdefault(spec.name, spec.default)
        for item in meeting["items"]:
            for spec in ITEM_FIELDS:
                item.setdefault(spec.name, spec.default)
            for key, empty in Protocol().to_json().items():  # the decision protocol's lists
                item.setdefault(key, empty)
            item.setdefault("corrections", [])  # issue 13: written on every item
            for attachment in item.get("attachments", []):
                attachment.setdefault("closed", False)  # issue 15: written on every attachment
    return document


def test_truncated_json_is_one_line_and_changes_nothing(tmp_path, db_path, sample_json_path):
    referat("import", str(sample_json_path), db=db_path)
    before = referat("list", db=db_path).stdout
    broken = tmp_path / "broken.json"
    broken.write_text(sample_json_path.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    result = referat("import", str(broken), db=db_path, check=False)
    assert_one_line_error(result)
    assert "broken.json" in result.stderr
    assert referat("list", db=db_path).stdout == before


def test_invalid_meeting_names_the_place(tmp_path, db_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "referat/1", "meetings": [{"body": "X", "date": "2020-01-01",
                                                                     "items": [{"title": 3}]}]}))
    result = referat("import", str(bad), db=db_path, check=False)
    assert_one_line_error(result)
    assert "meetings[0].items[0].title: expected text" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("export", "999", "--format", "json", "-o", "x.json"),
        ("import", "does-not-exist.json"),
        ("export", "1", "--format", "odt", "-o", "x.odt"),
        ("export", "abc", "--format", "json", "-o", "x.json"),
        ("frobnicate",),
    ],
)
def test_bad_input_is_one_line(tmp_path, db_path, args):
    assert_one_line_error(referat(*args, db=db_path, check=False))


def test_foreign_database_is_one_line_and_untouched(tmp_path):
    path = tmp_path / "foreign.sqlite"
    path.write_bytes(b"not a database at all")
    result = referat("list", db=path, check=False)
    assert_one_line_error(result)
    assert path.read_bytes() == b"not a database at all"


def test_referat_db_environment_variable(tmp_path, sample_json_path):
    import os

    env = {**os.environ, "REFERAT_DB": str(tmp_path / "env.sqlite")}
    subprocess.run([sys.executable, "-m", "referat_desktop.cli", "import", str(sample_json_path)],
                   env=env, check=True, capture_output=True)
    listed = subprocess.run([sys.executable, "-m", "referat_desktop.cli", "list"], env=env,
                            check=True, capture_output=True, text=True)
    assert "\tDirektionen\t6" in listed.stdout


def test_reading_commands_start_without_the_write_machinery(tmp_path, db_path, sample_json_path):
    """`list` and `export` read through store/reading.py: no sqlite-utils, no lock, and
    reportlab's unused patterns left uncompiled (bench/results.md: whole-process export)."""
    referat("import", str(sample_json_path), db=db_path)
    out = tmp_path / "out.pdf"
    probe = (
        "import sys\n"
        "from referat_desktop.cli import main\n"
        f"assert main(['list', '--db', {str(db_path)!r}]) == 0\n"
        f"assert main(['export', '1', '--format', 'pdf', '-o', {str(out)!r},"
        f" '--db', {str(db_path)!r}]) == 0\n"
        "from reportlab.platypus import paragraph\n"
        "print(sorted(m for m in ('sqlite_utils', 'filelock', 'urllib.request') if m in sys.modules))\n"
        "print(isinstance(paragraph.uri_pat, __import__('re').Pattern))\n"
        "from reportlab.lib import PyFontify, rl_safe_eval, textsplit\n"
        "print([isinstance(p, __import__('re').Pattern) for p in (textsplit.rx, PyFontify.matchRE,"
        " rl_safe_eval.__rl_unsafe_re__)])\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-3:] == ["[]", "False", "[False, False, False]"]
    assert out.read_bytes().startswith(b"%PDF")
    assert lines[0] == "1\t2019-12-16\tDirektionen\t6"


def test_damage_past_the_opening_checks_is_one_line(tmp_path, db_path, sample_json_path, monkeypatch, capsys):
    """Above QUICK_CHECK_LIMIT the opening checks read no table pages; damage found while
    reading them is still one line and an exit code, and the file is left as it was."""
    import sqlite3

    from referat_desktop import cli
    from referat_desktop.store import file_format

    referat("import", str(sample_json_path), db=db_path)
    with sqlite3.connect(db_path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'sections'").fetchone()[0]
    conn.close()
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[(root - 1) * page_size : (root - 1) * page_size + 16] = b"\xff" * 16  # the table's root page
    db_path.write_bytes(bytes(data))
    monkeypatch.setattr(file_format, "QUICK_CHECK_LIMIT", 0)

    out = tmp_path / "out.pdf"
    assert cli.main(["export", "1", "--format", "pdf", "-o", str(out), "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("referat: ") and "kan ikke læses" in err
    assert db_path.read_bytes() == bytes(data) and not out.exists()


def test_characters_the_pdf_cannot_draw_are_one_warning_line_and_exit_0(tmp_path, db_path):
    import datetime as dt

    from referat_desktop.domain import interchange
    from referat_desktop.domain.model import Item, Meeting, Section, SectionKind

    meeting = Meeting(body="Udvalget", date=dt.date(2024, 3, 5), items=[
        Item(title="Sne ☃", sections=[Section(SectionKind.BAGGRUND, "Fint ✓ ☐ ★ 😀")]),
        Item(title="Hilsner ✅", sections=[Section(SectionKind.BAGGRUND, "Fra 中文 og ✅")]),
    ])
    source = tmp_path / "m.json"
    source.write_text(interchange.dumps([meeting]), encoding="utf-8")
    meeting_id = referat("import", str(source), db=db_path).stdout.strip()
    out = tmp_path / "m.pdf"
    result = referat("export", meeting_id, "--format", "pdf", "-o", str(out), db=db_path)
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr == (
        "referat: advarsel: tegnene ✅ 中 文 kan ikke vises i PDF'en og er udeladt "
        "(✅ i punkt 2 \"Hilsner ✅\"; 中 文 i punkt 2 \"Hilsner ✅\", afsnittet \"Baggrund\")\n"
    )
    assert out.read_bytes().startswith(b"%PDF")
    word = referat("export", meeting_id, "--format", "docx", "-o", str(tmp_path / "m.docx"), db=db_path)
    assert word.returncode == 0 and word.stderr == ""  # Word keeps every character


def test_console_entry_point_ends_quickly_but_completely(tmp_path, db_path, sample_json_path):
    """The console script (command.run) skips Python's tear-down: what was printed is all
    there, atexit functions still run, and a reader that stops early gets no traceback."""
    referat("import", str(sample_json_path), db=db_path)
    marker = tmp_path / "atexit-ran"
    probe = (
        "import atexit, pathlib, sys\n"
        f"atexit.register(pathlib.Path({str(marker)!r}).write_text, 'ja')\n"
        f"sys.argv = ['referat', 'list', '--db', {str(db_path)!r}]\n"
        "from referat_desktop.command import run\n"
        "run()\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (0, "1\t2019-12-16\tDirektionen\t6\n", "")
    assert marker.read_text() == "ja"

    # `referat list | head -0`: the pipe is closed before anything is read. Exit 1 and no
    # traceback (Python's advice for a broken pipe), by either way of starting the command.
    for command in ([sys.executable, "-c", probe],
                    [sys.executable, "-m", "referat_desktop.cli", "list", "--db", str(db_path)]):
        reader_gone = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        reader_gone.stdout.close()
        assert reader_gone.wait(timeout=60) == 1
        assert reader_gone.stderr.read() == ""
