"""What the .docx says about itself, beyond its text: the application that wrote it
(docProps/app.xml) and the document settings (word/settings.xml).

python-docx's template was saved by Word 2010 for Mac, and its parts still say so:
"Microsoft Macintosh Word", Word 2010 compatibility, one page and no words, spelling and
grammar checked "clean", an English theme language and the US decimal point. Here they
are replaced by what is true of our file, so Word, LibreOffice, archives and file
managers are not told something we never did. With `docx.py`, `docx_template.py` and
`docx_xml.py` the only modules importing python-docx.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from referat_desktop import __version__
from referat_desktop.export import style
from referat_desktop.export.docx_xml import remove_children, set_child

APPLICATION = f"Referat Desktop {__version__}"
# Word 2013 and later lay out in this mode without offering to "convert" the file; 14
# (Word 2010) made Word open it in compatibility mode.
COMPATIBILITY_MODE = "15"
# What Danish Windows uses, and what Word takes for field results and table formulas.
DECIMAL_SYMBOL = ","
LIST_SEPARATOR = ";"

_EXTENDED_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_WORD_COMPAT_URI = "http://schemas.microsoft.com/office/word"


def app_properties_xml(application: str = APPLICATION) -> bytes:
    """docProps/app.xml naming our program, and nothing we do not know.

    No page, word, line or character counts: we do not count them as Word does, and a
    reader that trusts "1 page, 0 words" is misled (Word and LibreOffice count afresh).
    No `AppVersion` either: its format is Word's own "14.0000".
    """
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Properties xmlns="{_EXTENDED_PROPERTIES}">'
        f"<Application>{escape(application)}</Application>"
        "<DocSecurity>0</DocSecurity>"
        "<LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged>"
        "</Properties>"
    ).encode("utf-8")


def set_app_properties(document: DocxDocument) -> None:
    """Replace the template's docProps/app.xml (python-docx has no API for this part)."""
    package = document.part.package
    for rel_id in [r.rId for r in package.rels.values() if r.reltype == RT.EXTENDED_PROPERTIES]:
        del package.rels[rel_id]
    part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, app_properties_xml(), package)
    package.relate_to(part, RT.EXTENDED_PROPERTIES)


def set_honest_settings(document: DocxDocument) -> None:
    """word/settings.xml: current compatibility, Danish throughout, no proofing claim."""
    settings = document.settings.element
    # "clean" tells Word the text was spell- and grammar-checked, so it would not check it.
    remove_children(settings, ("w:proofState", "w:savePreviewPicture"))
    compat = settings.find(qn("w:compat"))
    if compat is not None:
        for setting in compat.findall(qn("w:compatSetting")):
            name, uri = setting.get(qn("w:name")), setting.get(qn("w:uri"))
            if name == "compatibilityMode" and uri == _WORD_COMPAT_URI:
                setting.set(qn("w:val"), COMPATIBILITY_MODE)
    # The theme's fonts are not used (every style names Arial), but its language is the
    # document's for Word's proofing of theme-font text: Danish, and no Japanese.
    theme_language = _settings_child(settings, "w:themeFontLang")
    theme_language.attrib.clear()
    theme_language.set(qn("w:val"), style.LANGUAGE)
    _settings_child(settings, "w:decimalSymbol").set(qn("w:val"), DECIMAL_SYMBOL)
    _settings_child(settings, "w:listSeparator").set(qn("w:val"), LIST_SEPARATOR)


def _settings_child(settings: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """The settings' `tag` child, added in the schema's order if the template lacks it."""
    return set_child(settings, tag, _SETTINGS_AFTER[tag])


# The elements of CT_Settings that may follow each one we write (ECMA-376 part 1, 17.15.1.78).
_SETTINGS_AFTER = {
    "w:themeFontLang": ("w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures",
                        "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
                        "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol",
                        "w:listSeparator", "w14:docId"),
    "w:decimalSymbol": ("w:listSeparator", "w14:docId"),
    "w:listSeparator": ("w14:docId",),
}
