"""reportlab's writing of PDF objects, made cheaper where a long document repeats itself.

A 200-item PDF has some ten thousand objects (pages, forms, their resources), and
reportlab formats each with generic Python: every dictionary key goes through
`PDFName` (a character-by-character escape) and every string through its own
`extpdfdoc` codec. Both are pure functions, so:

- `PDFName` is remembered per name (a document uses a few dozen distinct keys);
- text made only of ASCII characters that `extpdfdoc` maps to themselves is encoded
  with the ASCII codec, which gives the same bytes; anything else takes reportlab's path;
- `format` answers plain values (names, numbers) first, and a dictionary remembers its
  keys' bytes.

The bytes written are the same as before. Importing this module installs both.
"""

from __future__ import annotations

import functools
import re
from collections import OrderedDict

from referat_desktop.export.pdf_startup import slow_patterns_compiled_on_first_use

with slow_patterns_compiled_on_first_use():
    from reportlab import rl_config
    from reportlab.pdfbase import pdfdoc


def _identical_in_pdfdoc(code: int) -> bool:
    try:
        return chr(code).encode("extpdfdoc") == bytes([code])
    except UnicodeEncodeError:
        return False


# The ASCII characters the codec writes as their own byte (checked, not assumed).
_SAME_AS_ASCII = "".join(chr(code) for code in range(128) if _identical_in_pdfdoc(code))
_OTHER = re.compile(f"[^{re.escape(_SAME_AS_ASCII)}]")

_reportlab_pdfdoc_enc = pdfdoc.pdfdocEnc


def pdfdoc_enc(text: object) -> object:
    """reportlab's pdfdocEnc, through the ASCII codec where that gives the same bytes."""
    if isinstance(text, str) and text.isascii() and _OTHER.search(text) is None:
        return text.encode("ascii")
    return _reportlab_pdfdoc_enc(text)


pdfdoc_name = functools.lru_cache(maxsize=4096)(pdfdoc.PDFName)

_reportlab_format = pdfdoc.format


def pdfdoc_format(element: object, document: object, toplevel: int = 0) -> object:
    """reportlab's `format` (any value as PDF bytes), going straight to the answer for
    the plain values most calls are for (names and numbers: ~60,000 in a 200-item PDF)
    instead of through its chain of isinstance tests. Other values take reportlab's path."""
    kind = type(element)
    if kind is str:
        return pdfdoc_enc(element)
    if kind is bytes:
        return element
    if kind is int or kind is float:
        return pdfdoc_enc(pdfdoc.fp_str(element))
    return _reportlab_format(element, document, toplevel)


@functools.lru_cache(maxsize=4096)
def _key_bytes(key: str) -> bytes:
    """A dictionary key as PDF bytes (`/Key`), as reportlab writes it; no document needed."""
    encoded: bytes = pdfdoc_enc(pdfdoc_name(key))  # type: ignore[assignment]
    return encoded


def pdfdoc_dictionary_format(self: pdfdoc.PDFDictionary, document: object, IND: bytes = b"\n ") -> bytes:  # noqa: N803
    """reportlab's PDFDictionary.format with each key's bytes remembered: the same keys
    (/Type, /Font, /Resources ...) come back in every page and form."""
    dictionary = self.dict
    keys = list(dictionary.keys())
    if not isinstance(dictionary, OrderedDict):
        keys.sort()
    lines = [_key_bytes(key) + b" " + pdfdoc.format(dictionary[key], document) for key in keys]
    if (self.multiline and rl_config.pdfMultiLine) or self.multiline == "forced":
        text = IND.join(lines)
    else:
        for index in reversed(range(6, len(lines), 6)):  # break up every 6 elements anyway
            lines.insert(index, b"\n ")
        text = b" ".join(lines)
    return b"<<\n" + text + b"\n>>"


_reportlab_dictionary_format = pdfdoc.PDFDictionary.format

# Looked up as module globals by pdfdoc's format methods.
pdfdoc.pdfdocEnc = pdfdoc_enc
pdfdoc.PDFName = pdfdoc_name
pdfdoc.format = pdfdoc_format
pdfdoc.PDFDictionary.format = pdfdoc_dictionary_format
