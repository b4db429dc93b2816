"""The format registry (export/formats.py) and the renderers' shape: every node type has
its method in every renderer, no renderer imports another, no import circles."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from referat_desktop.cli import build_parser
from referat_desktop.domain.texts import Variant
from referat_desktop.export import document, formats
from referat_desktop.export.document import NODE_TYPES, NodeRenderer, method_name, missing_methods
from referat_desktop.export.errors import ExportError

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "referat_desktop"


def renderer_classes() -> list[type]:
    for fmt in formats.FORMATS:
        fmt.load()  # imports the renderer modules, and with them their NodeRenderer classes
    return list(NodeRenderer.__subclasses__())


def test_every_node_type_has_a_method_in_every_renderer() -> None:
    classes = renderer_classes()
    assert {c.__name__ for c in classes} >= {"DocxRenderer", "PdfRenderer", "HtmlRenderer"}
    for renderer in classes:
        assert missing_methods(renderer) == [], renderer.__name__


def test_a_missing_method_is_noticed() -> None:
    class Partial(NodeRenderer[None]):
        def title(self, node: document.Title) -> None:
            pass

    assert "title" not in missing_methods(Partial)
    assert "table_of_contents" in missing_methods(Partial)
    assert len(missing_methods(Partial)) == len(NODE_TYPES) - 1


def test_the_naming_rule() -> None:
    assert [method_name(t) for t in NODE_TYPES] == [
        "title", "meta_table", "table_of_contents", "page_break", "heading", "paragraph", "bullet_list",
        "numbered_list",
    ]


def test_the_registry() -> None:
    names = formats.format_names()
    assert names == ["docx", "pdf", "json", "html"]
    assert len(set(names)) == len(names)
    for fmt in formats.FORMATS:
        assert callable(fmt.load())
        assert f"*{fmt.suffix})" in fmt.file_filter
        assert all(entry.variant in fmt.variants for entry in fmt.menu)
    positions = [entry.position for _fmt, entry in formats.menu_entries()]
    assert len(set(positions)) == len(positions)
    with pytest.raises(ExportError, match="ukendt format 'odt'; vælg docx, pdf, json eller html"):
        formats.export_format("odt")


def test_the_command_line_offers_the_registry_formats() -> None:
    export = build_parser()._subparsers._group_actions[0].choices["export"]
    choices = next(a.choices for a in export._actions if a.dest == "format")
    assert list(choices) == formats.format_names()


def test_menu_entries_in_order() -> None:
    assert [(f.name, e.variant, e.label, e.shortcut) for f, e in formats.menu_entries()] == [
        ("docx", Variant.MINUTES, "Referat som &Word…", "Ctrl+E"),
        ("pdf", Variant.MINUTES, "Referat som &PDF…", ""),
        ("html", Variant.MINUTES, "Referat som web&side (HTML)…", ""),
        ("docx", Variant.AGENDA, "&Dagsorden som Word…", ""),
        ("pdf", Variant.AGENDA, "Dagsorden som PD&F…", ""),
        ("html", Variant.AGENDA, "Dagsorden som webside (&HTML)…", ""),
        ("pdf", Variant.PUBLIC, "&Offentlig udgave som PDF…", ""),
        ("docx", Variant.PUBLIC, "Offentlig udgave som Wo&rd…", ""),
        ("html", Variant.PUBLIC, "Offentlig udgave som webside (H&TML)…", ""),
        ("pdf", Variant.PUBLIC_AGENDA, "Offentlig da&gsorden som PDF…", ""),
        ("docx", Variant.PUBLIC_AGENDA, "Offentlig d&agsorden som Word…", ""),
        ("html", Variant.PUBLIC_AGENDA, "Offentlig dagsorden som webside (HT&ML)…", ""),
        ("json", Variant.MINUTES, "Mødet som &JSON (referat/1)…", ""),  # the whole meeting
    ]


def test_every_variant_has_an_entry_per_format_with_its_own_mnemonic() -> None:
    entries = formats.menu_entries()
    assert {(f.name, e.variant) for f, e in entries if f.name != "json"} == {
        (name, variant) for name in ("docx", "pdf", "html") for variant in formats.ALL_VARIANTS}
    mnemonics = [e.label[e.label.index("&") + 1].lower() for _f, e in entries]
    assert len(set(mnemonics)) == len(mnemonics), mnemonics


def _module_of(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _run_time_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node of `tree` except those under `if TYPE_CHECKING:` (never imported when run)."""
    nodes: list[ast.AST] = []
    pending = [tree]
    while pending:
        node = pending.pop()
        nodes.append(node)
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            pending.extend(node.orelse)
        else:
            pending.extend(ast.iter_child_nodes(node))
    return nodes


def import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports when run, anywhere (inside functions too).
    Imports for the type checker alone are left out: they form no circle at run time."""
    files = {_module_of(path): path for path in (SRC / PACKAGE).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        imported: set[str] = set()
        for node in _run_time_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                # `from package import module` imports the module; otherwise the package.
                names = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in files else node.module
                         for a in node.names]
            else:
                continue
            imported.update(name for name in names if name in files and name != module)
        graph[module] = imported
    return graph


def test_no_renderer_imports_another() -> None:
    graph = import_graph()
    renderers = {fmt.module for fmt in formats.FORMATS}
    for renderer in renderers:
        assert graph[renderer] & (renderers - {renderer}) == set(), renderer


def test_no_import_circles() -> None:
    graph = import_graph()
    circles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for imported in sorted(graph[module]):
            if state.get(imported) == 1:
                circles.append(path[path.index(imported):] + [imported])
            elif imported not in state:
                visit(imported, [*path, imported])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_a_json_export_loads_no_renderer_library(tmp_path) -> None:
    code = (
        "import io, sys\n"
        "from referat_desktop.domain import interchange\n"
        "from referat_desktop.domain.texts import Variant\n"
        "from referat_desktop.export.pipeline import render\n"
        "from referat_desktop.resources_path import SAMPLE_MEETING, resource\n"
        "meeting = interchange.loads(resource(*SAMPLE_MEETING).read_text(encoding='utf-8'))[0]\n"
        "render(meeting, 'json', Variant.MINUTES, io.BytesIO())\n"
        "print(sorted(m for m in ('reportlab', 'docx', 'markdown_it') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
