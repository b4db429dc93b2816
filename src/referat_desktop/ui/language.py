"""Danish throughout: our own texts are written in Danish, Qt's own are translated.

The program's texts are Danish in the source, and Danish is the only language shipped, so
there is no translation file of our own. What Qt draws itself would otherwise be English:
the Ja/Nej/Annuller buttons of a question, the Fortryd/Klip/Kopiér/Sæt ind menu of every
text field, the file dialog where Qt draws it (Linux). Those come from Qt's own Danish
catalogue, qtbase_da.qm, which PySide6 ships and the installer bundles with Qt's plugins.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

DANISH = QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)


def install_danish(app: QCoreApplication) -> QTranslator | None:
    """Make Danish the default locale and translate Qt's own texts.

    Returns the installed translator, or None if Qt's catalogue is missing; then Qt's own
    buttons stay English, which is a nuisance, not a reason to refuse to start.
    """
    QLocale.setDefault(DANISH)  # calendar pop-ups, numbers in spin boxes
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(DANISH, "qtbase", "_", folder):
        return None
    app.installTranslator(translator)
    return translator
