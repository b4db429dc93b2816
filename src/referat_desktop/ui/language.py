"""Danish throughout: our own texts are written in Danish, Qt's own are translated.

The program's texts are Danish in the source, and Danish is the only language shipped, so
there is no translation file of our own. What Qt draws itself would otherwise be English:
the Ja/Nej/Annuller buttons of a question, the Fortryd/Klip/Kopiér/Sæt ind menu of every
text field, the file dialog where Qt draws it (Linux). Those come from Qt's own Danish
catalogue, qtbase_da.qm, which PySide6 ships and the installer bundles with Qt's plugins.

That catalogue is older than the Qt we run. Qt 6 gave some file-dialog labels a mnemonic
("&Look in:", "Files of &type:") and moved the file-type names ("Folder", "%1 File") from
QFileDialog to QAbstractFileIconProvider, so those lookups miss although the catalogue has
the words ("Look in:" -> "Kig i:", "Folder" -> "Mappe"), and the dialog showed English
labels between Danish ones. `CatalogueWithFallbacks` asks the catalogue again without the
mnemonic and in the old context before giving up.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

DANISH = QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)

# Contexts whose strings Qt 6 moved out of QFileDialog, where the catalogue still has them.
_MOVED_FROM = {"QAbstractFileIconProvider": "QFileDialog", "QFileIconProvider": "QFileDialog"}


class CatalogueWithFallbacks(QTranslator):
    """Qt's Danish catalogue, asked a second time where Qt 6 changed the source text."""

    def __init__(self, catalogue: QTranslator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return self._catalogue.isEmpty()

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        found = self._catalogue.translate(context, source, disambiguation, n)
        if found:
            return found
        plain = source.replace("&&", "\0").replace("&", "").replace("\0", "&&")
        moved = _MOVED_FROM.get(context)
        tries = [(context, plain)] + ([(moved, source), (moved, plain)] if moved else [])
        for where, text in tries:
            if text == source and where == context:
                continue
            found = self._catalogue.translate(where, text, disambiguation, n)
            if found:
                return with_mnemonic(found, source) if text != source else found
        return ""


def with_mnemonic(translated: str, source: str) -> str:
    """Put the source's mnemonic into a translation that has none: before the same letter
    if the translation has it ("Files of &type:" -> "Filer af &type:"), else first."""
    if "&" in translated.replace("&&", ""):
        return translated
    at = source.replace("&&", "\0").find("&")
    letter = source[at + 1 : at + 2].lower() if at >= 0 else ""
    position = translated.lower().find(letter) if letter else -1
    position = max(position, 0)
    return f"{translated[:position]}&{translated[position:]}"


def install_danish(app: QCoreApplication) -> QTranslator | None:
    """Make Danish the default locale and translate Qt's own texts.

    Returns the installed translator, or None if Qt's catalogue is missing; then Qt's own
    buttons stay English, which is a nuisance, not a reason to refuse to start.
    """
    QLocale.setDefault(DANISH)  # calendar pop-ups, numbers in spin boxes
    catalogue = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not catalogue.load(DANISH, "qtbase", "_", folder):
        return None
    translator = CatalogueWithFallbacks(catalogue, app)
    app.installTranslator(translator)
    return translator
