"""Starting the PDF renderer quickly: one regular expression reportlab compiles on import.

`reportlab.platypus.paragraph` compiles `uri_pat`, a case-insensitive pattern over the
range U+00A1-U+FFFF, when it is imported. That single compile costs about 60 ms, a tenth of
a whole `referat export --format pdf` process (bench/results.md), and the pattern is only
used for the `uriWasteReduce` paragraph option, which our styles never set. While
reportlab is imported, such patterns are handed out as objects that compile on first use.
Every other pattern is compiled at once, as usual; if a reportlab release changes the
pattern, it is simply compiled at import again.

The pattern is used after all: with `embeddedHyphenation` (our styles set it), reportlab
asks `uri_pat.match(word)` of each word that does not fit at the end of a line, i.e. in
every export. But the pattern begins with a mandatory scheme and `://`, so a word without
`://` cannot match: the stand-in answers such a `match` with None without compiling, and
compiles (and asks the real pattern) for any other word.

Three reportlab modules compile patterns for features our PDFs never use: `textsplit`'s
CJK wrapping of plain strings (`cjkwrap`; a range up to U+FFFF, ~5 ms), `PyFontify`'s
colouring of Python source (`PythonPreformatted`, ~2 ms) and `rl_safe_eval`'s checks of
expressions it evaluates (~2 ms). Every pattern compiled while one of them is imported is
handed out the same way, compiled on first use.

Likewise `reportlab.lib.utils` imports Pillow's `PIL.Image` (about 30 ms: its EXIF tables)
for drawing images, which our PDFs never have: it is imported lazily (importlib's
LazyLoader), so it is loaded only if something ever uses it.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# What makes the compile slow: case folding over (nearly) the whole Basic Multilingual Plane.
_SLOW_RANGE = "-\uffff"
# Modules whose patterns serve only features we never use (see the module docstring).
_UNUSED_PATTERN_MODULES = frozenset({"reportlab.lib.textsplit", "reportlab.lib.PyFontify",
                                     "reportlab.lib.rl_safe_eval"})


class _CompiledOnFirstUse:
    """Stands in for a re.Pattern; compiles it when any attribute is first asked for."""

    def __init__(self, compile_now: Callable[..., re.Pattern[str]], pattern: str, flags: int) -> None:
        self._compile_now, self._pattern, self._flags = compile_now, pattern, flags
        self._required = _required_literal(pattern)

    @functools.cached_property
    def _compiled(self) -> re.Pattern[str]:
        return self._compile_now(self._pattern, self._flags)

    def match(self, text: str, *args: int) -> re.Match[str] | None:
        # Nothing can match at the start of `text` without the literal every match contains.
        # (Positional pos/endpos only narrow the text, so the test still holds.)
        if self._required and isinstance(text, str) and self._required not in text:
            return None
        return self._compiled.match(text, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self._compiled, name)


# reportlab's uri_pat (paragraph.py) starts so: an optional-character scheme, then `://`,
# neither inside an optional group nor an alternative, so every match contains `://`.
_URI_PREFIX = "(^(?:[a-z0-9\\.\\-\\+]*)://)"


def _required_literal(pattern: str) -> str:
    """A literal every match of `pattern` contains, for the patterns we know; else ""."""
    return "://" if pattern.startswith(_URI_PREFIX) else ""


@contextmanager
def slow_patterns_compiled_on_first_use() -> Iterator[None]:
    """Within the block, re.compile defers case-insensitive patterns over a huge range and
    the patterns of `_UNUSED_PATTERN_MODULES`."""
    compile_now = re.compile

    def compile_or_defer(pattern: object, flags: int = 0) -> object:
        if isinstance(pattern, str) and (
            (flags & re.IGNORECASE and _SLOW_RANGE in pattern)
            or sys._getframe(1).f_globals.get("__name__") in _UNUSED_PATTERN_MODULES
        ):
            return _CompiledOnFirstUse(compile_now, pattern, flags)
        return compile_now(pattern, flags)  # type: ignore[call-overload]

    _import_lazily("PIL.Image")
    re.compile = compile_or_defer  # type: ignore[assignment]
    try:
        yield
    finally:
        re.compile = compile_now


def _import_lazily(name: str) -> None:
    """Put `name` in sys.modules as a module that executes on first attribute access."""
    if name in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(name)
    except ImportError:  # no Pillow: reportlab copes without it
        return
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    package, _, child = name.rpartition(".")
    setattr(sys.modules[package], child, module)
