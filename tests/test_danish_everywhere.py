"""Danish in the places issue 16 found English or wrong: the command line's help and
argument errors, the search count, and no read-only suggestion the CLI cannot keep."""

from __future__ import annotations

import subprocess
import sys

import pytest

from referat_desktop.danish_argparse import translate
from referat_desktop.store import Store


def run(*args: str, db=None) -> subprocess.CompletedProcess[str]:
    extra = ["--db", str(db)] if db else []
    return subprocess.run([sys.executable, "-m", "referat_desktop.cli", *args, *extra],
                          capture_output=True, text=True, timeout=60)


def test_help_is_danish():
    result = run("--help")
    assert result.returncode == 0
    for english in ("usage:", "options", "show this help", "positional arguments"):
        assert english not in result.stdout
    assert result.stdout.startswith("Brug: referat")
    assert "vis denne hjælp og afslut" in result.stdout and "kommandoer:" in result.stdout
    export = run("export", "--help").stdout
    assert "argumenter:" in export and "valgmuligheder:" in export and "--db PATH" in export


@pytest.mark.parametrize(("args", "danish"), [
    (("export", "1", "--format", "odt", "-o", "x"), "argumentet --format: ugyldigt valg: 'odt'"),
    (("export",), "mangler: ID, --format, -o/--output"),
    (("export", "abc", "--format", "pdf", "-o", "x"), "argumentet ID: ugyldig værdi: 'abc'"),
    (("list", "--foo"), "ukendte argumenter: --foo"),
    (("approve", "1", "--by", "X", "--date", "16-12-2019"),
     "argumentet --date: forventede en dato som ÅÅÅÅ-MM-DD"),
    ((), "mangler: KOMMANDO"),
])
def test_argument_errors_are_one_danish_line(args, danish):
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"referat: {danish}")
    assert result.stderr.rstrip().endswith("(se 'referat --help')")


def test_window_program_help_is_danish():
    result = subprocess.run([sys.executable, "-c", "from referat_desktop.app import main; main(['--help'])"],
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.startswith("Brug: referat-desktop") and "--db PATH" in result.stdout


def test_an_unknown_message_passes_unchanged():
    assert translate("something argparse never says") == "something argparse never says"


def test_file_in_use_does_not_suggest_what_the_cli_cannot_do(db_path, sample_json_path):
    window_side = Store.open(db_path)  # as the window holds it
    try:
        result = run("import", str(sample_json_path), db=db_path)
    finally:
        window_side.close()
    assert result.returncode == 1
    assert "allerede åbnet til redigering" in result.stderr
    assert "skrivebeskyttet" not in result.stderr


def test_search_count_is_singular_for_one():
    pytest.importorskip("PySide6")
    from referat_desktop.ui.search import hits_found

    assert [hits_found(n) for n in (0, 1, 2)] == [
        "Ingen punkter fundet", "1 punkt fundet", "2 punkter fundet"]
