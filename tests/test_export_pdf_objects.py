"""export/pdf_objects.py's shortcuts write the very bytes reportlab's own formatting writes (no Qt)."""

from __future__ import annotations

from collections import OrderedDict

import pytest
from reportlab.pdfbase import pdfdoc

from referat_desktop.export import pdf_objects

VALUES = ["Font", "/already", "Æblegrød (x)", "", b"raw bytes", 0, 7, -3, 1.5, 0.1 + 0.2, 1e-7, 612.0,
          True, None, pdfdoc.PDFString("(x)"), pdfdoc.PDFArray([1, 2.5, "a"])]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_format_gives_reportlabs_bytes(value):
    document = pdfdoc.PDFDocument()
    assert pdfdoc.format is pdf_objects.pdfdoc_format
    assert pdf_objects.pdfdoc_format(value, document) == pdf_objects._reportlab_format(value, document)


@pytest.mark.parametrize("multiline", [True, False, "forced"])
@pytest.mark.parametrize("ordered", [False, True])
def test_dictionaries_give_reportlabs_bytes(multiline, ordered):
    document = pdfdoc.PDFDocument()
    entries = {f"Key{n}": value for n, value in enumerate(VALUES)} | {"Type": "Page", "a b#(c)": 1, "Ø": 2}
    dictionary = pdfdoc.PDFDictionary(OrderedDict(reversed(entries.items())) if ordered else entries)
    if ordered:
        dictionary.dict = OrderedDict(reversed(entries.items()))
    dictionary.multiline = multiline
    assert pdfdoc.PDFDictionary.format is pdf_objects.pdfdoc_dictionary_format
    assert dictionary.format(document) == pdf_objects._reportlab_dictionary_format(dictionary, document)
