"""What the window remembers between runs, on a QSettings the composition root hands in.

Nothing here creates a QSettings: app.py makes the user's, tests pass one on a temporary
ini file, so a test never touches the real settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class UiSettings:
    def __init__(self, qsettings: QSettings) -> None:
        self.qsettings = qsettings

    # --- databases ---------------------------------------------------------------------

    def last_database(self) -> Path | None:
        value = self.qsettings.value("files/last_database", "", str)
        return Path(str(value)) if value else None

    def recent_databases(self) -> list[Path]:
        value = self.qsettings.value("files/recent", [], list) or []
        assert isinstance(value, list)
        return [Path(str(p)) for p in value if p]

    def remember_database(self, path: Path) -> None:
        """Make `path` the last database and the top of the recent list."""
        path = Path(path).resolve()
        recent = [p for p in self.recent_databases() if p != path]
        self.qsettings.setValue("files/recent", [str(p) for p in [path, *recent][:MAX_RECENT]])
        self.qsettings.setValue("files/last_database", str(path))

    def forget_database(self, path: Path) -> None:
        path = Path(path).resolve()
        self.qsettings.setValue("files/recent", [str(p) for p in self.recent_databases() if p != path])

    # --- folders -----------------------------------------------------------------------

    def folder(self, purpose: str) -> str:
        """The folder last used for `purpose` ("export", "database"), or the home folder."""
        value = str(self.qsettings.value(f"folders/{purpose}", "", str) or "")
        return value if value and Path(value).is_dir() else str(Path.home())

    def set_folder(self, purpose: str, folder: Path) -> None:
        self.qsettings.setValue(f"folders/{purpose}", str(folder))

    # --- editing ------------------------------------------------------------------------

    def spell_check(self) -> bool:
        """Rediger > Stavekontrol: on unless she turned it off."""
        return str(self.qsettings.value("editing/spell_check", "true")).lower() not in ("false", "0")

    def set_spell_check(self, on: bool) -> None:
        self.qsettings.setValue("editing/spell_check", "true" if on else "false")

    # --- window state ------------------------------------------------------------------

    def state(self, name: str) -> QByteArray | None:
        value = self.qsettings.value(f"window/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_state(self, name: str, value: QByteArray) -> None:
        self.qsettings.setValue(f"window/{name}", value)

    def sync(self) -> None:
        self.qsettings.sync()
