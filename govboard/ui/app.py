"""The desktop app's entry point: logging, error dialog, QApplication, main window."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import traceback
from pathlib import Path

from .. import clock

APP_ORG = "govboard"


def data_dir() -> Path:
    path = Path(os.environ.get("GOVBOARD_DATA_DIR") or _platform_dir("user_data_dir"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = Path(os.environ.get("GOVBOARD_LOG_DIR") or _platform_dir("user_log_dir"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _platform_dir(kind: str) -> str:
    import platformdirs  # only where no folder is given (~8 ms of start-up otherwise)

    return getattr(platformdirs, kind)("govboard", APP_ORG)


def _guard_stdio() -> None:
    # A windowed Windows build has no console: stdout/stderr are None and writes would crash.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w"))  # noqa: SIM115 - lives for the process


LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3


def _rotate_log(path: Path) -> None:
    """Keep the log under LOG_MAX_BYTES across runs: govboard.log -> .1 -> .2 -> .3.

    Done once at start rather than with logging.handlers.RotatingFileHandler, whose module
    (it brings sockets and pickle) costs start-up time for a log a desktop app writes little to.
    """
    try:
        if not path.exists() or path.stat().st_size < LOG_MAX_BYTES:
            return
        for n in range(LOG_BACKUPS - 1, 0, -1):
            older = path.with_name(f"{path.name}.{n}")
            if older.exists():
                older.replace(path.with_name(f"{path.name}.{n + 1}"))
        path.replace(path.with_name(f"{path.name}.1"))
    except OSError:
        pass  # another copy of the app holds it (Windows); rotate next time


def _owner_only(path: Path) -> None:
    """The log names people and files of the trust: readable by its user only (0600)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        os.chmod(path, 0o600)  # a log from an older govboard was created 0644
    except OSError:
        pass  # the handler below reports a log it cannot open


def setup_logging() -> Path:
    path = log_dir() / "govboard.log"
    _rotate_log(path)
    _owner_only(path)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def install_excepthook(parent_getter) -> None:
    """Unexpected errors go to the log and a dialog; the app keeps running."""
    from PySide6.QtWidgets import QMessageBox

    def hook(exc_type, exc, tb):
        from ..store import TrustFileError

        if isinstance(exc, TrustFileError):
            # The store refused a change with a reason meant for people (a record still in
            # use, the file locked by another program): say it plainly; nothing was written.
            logging.getLogger("govboard").warning("Change refused: %s", exc)
            QMessageBox.warning(parent_getter(), "The change was not saved",
                                f"{str(exc).rstrip('.')}.\n\nThe trust file is as it was before.")
            return
        detail = "".join(traceback.format_exception(exc_type, exc, tb))
        logging.getLogger("govboard").error("Unexpected error\n%s", detail)
        box = QMessageBox(parent_getter())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("Something went wrong")
        box.setText(f"govboard hit an unexpected problem: {exc}\n\nYour trust file has not been changed by "
                    f"the failed step. The details are in the log ({log_dir() / 'govboard.log'}).")
        box.setDetailedText(detail)
        box.exec()

    sys.excepthook = hook


def demo_path() -> Path:
    """The sample trust, built around today's date: made afresh the first time each day, then
    reused so a day's exploring (and its history) survives a restart."""
    from ..store.trustfile import read_meta

    path = data_dir() / "Hillside Learning Trust (sample).govboard"
    if path.exists() and read_meta(path, "demo_built_for") == clock.today().isoformat():
        return path
    from ..services.trust import create_demo  # only to build it: not a cost of every start

    path.unlink(missing_ok=True)
    create_demo(path, today=clock.today()).close()
    return path


def _import_core_before_qt() -> None:
    """Import the Qt-free core before PySide6. Once PySide6 is loaded it reads the source of
    every module imported after it (inspect.getsource, for its `__feature__` switches), which
    costs start-up time for modules that never touch Qt."""
    from .. import rules, store  # noqa: F401


def main(argv: list[str] | None = None) -> int:
    # Start-up builds some 100,000 objects (modules, record classes, Qt's enums, the trust) and
    # none is garbage, so the cyclic collector's passes over them only delay the first window.
    # It is back on once the window is up, or on any way out before that.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(argv, collecting)
    finally:
        if collecting:
            gc.enable()


def _run(argv: list[str] | None, collecting: bool) -> int:
    _guard_stdio()
    parser = argparse.ArgumentParser(prog="govboard", description="govboard desktop app")
    parser.add_argument("file", nargs="?", help="a trust file (.govboard) to open")
    parser.add_argument("--demo", action="store_true", help="open a freshly made sample trust")
    args = parser.parse_args(argv)
    try:
        clock.today()
    except clock.ClockError as exc:
        parser.error(str(exc))

    setup_logging()
    _import_core_before_qt()
    from PySide6.QtCore import QCoreApplication, QSettings, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from . import forms  # noqa: F401 - package of compiled forms
    from .forms import govboard_rc  # noqa: F401 - registers icons and styles
    from .main_window import MainWindow

    QCoreApplication.setOrganizationName(APP_ORG)
    QCoreApplication.setApplicationName("govboard")
    _use_settings_dir(os.environ.get("GOVBOARD_CONFIG_DIR"))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setWindowIcon(QIcon(":/icons/govboard.svg"))
    app.setStyleSheet(_read_qss())
    window = None
    install_excepthook(lambda: window)  # parentless until the window exists
    target = None
    if args.demo:
        target = demo_path()
    elif args.file:
        target = Path(args.file)
    else:
        last = QSettings().value("files/last")
        if last and Path(last).exists():
            target = Path(last)
    window = MainWindow(QSettings(), welcome=target is None)
    window.show()
    if target is not None:
        window.open_path(target)
    if collecting:
        QTimer.singleShot(0, gc.enable)
    if os.environ.get("GOVBOARD_BENCH_EXIT_ON_SHOWN"):
        QTimer.singleShot(0, app.quit)  # the benchmark measures start to first shown window
    return app.exec()


def _use_settings_dir(folder: str | None) -> None:
    """With GOVBOARD_CONFIG_DIR set, the settings (window layout, last and recent files) live in
    an INI file under that folder instead of the user's own (the registry on Windows): benchmarks
    and smoke tests run the real app without touching the settings of whoever runs them."""
    if not folder:
        return
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)


def _read_qss() -> str:
    from PySide6.QtCore import QFile, QIODevice

    qss = QFile(":/styles/app.qss")
    if not qss.open(QIODevice.OpenModeFlag.ReadOnly):
        return ""
    try:
        return bytes(qss.readAll()).decode("utf-8")
    finally:
        qss.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
