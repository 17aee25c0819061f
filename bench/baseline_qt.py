"""Baseline for the `startup` row: a bare PySide6 app showing an empty QMainWindow.

Like `govboard --demo` with GOVBOARD_BENCH_EXIT_ON_SHOWN=1, it quits after the window is shown
and the event loop has had one turn to paint it.

With `--main-form` (the `startup_main_form` row) the window carries govboard's generated main
form (menus, sidebar, page stack) and its resources, and nothing else of govboard.
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    if "--main-form" in sys.argv:
        from govboard.ui.forms import govboard_rc  # noqa: F401 - the form's icons
        from govboard.ui.forms.ui_main_window import Ui_MainWindow

        form = Ui_MainWindow()
        form.setupUi(window)
    window.setWindowTitle("baseline")
    window.resize(1200, 800)
    window.show()
    QTimer.singleShot(0, app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
