"""Baseline for the `startup` row: a bare PySide6 app showing an empty QMainWindow.

Like `govboard --demo` with GOVBOARD_BENCH_EXIT_ON_SHOWN=1, it quits after the window is shown
and the event loop has had one turn to paint it.
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("baseline")
    window.resize(1200, 800)
    window.show()
    QTimer.singleShot(0, app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
