"""reportlab's writing of PDF objects, made cheaper where a long document repeats itself.

A 200-item PDF has some ten thousand objects (pages, forms, their resources), and
reportlab formats each with generic Python: every dictionary key goes through
`PDFName` (a character-by-character escape) and every string through its own
`extpdfdoc` codec. Both are pure functions, so:

- `PDFName` is remembered per name (a document uses a few dozen distinct keys);
- text made only of ASCII characters that `extpdfdoc` maps to themselves is encoded
  with the ASCII codec, which gives the same bytes; anything else takes reportlab's path.

The bytes written are the same as before. Importing this module installs both.
"""

from __future__ import annotations

import functools
import re

from referat_desktop.export.pdf_startup import slow_patterns_compiled_on_first_use

with slow_patterns_compiled_on_first_use():
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

# Both are looked up as module globals by pdfdoc's format methods.
pdfdoc.pdfdocEnc = pdfdoc_enc
pdfdoc.PDFName = pdfdoc_name
