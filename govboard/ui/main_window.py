"""The main window: sidebar of pages, File/Edit/Help menus, status bar, recent files."""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from importlib import import_module
from pathlib import Path

from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QAction, QColor, QGuiApplication, QIcon, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

# QMessageBox, QFileDialog, QInputDialog and QUrl are imported where they are used: PySide6
# builds a class's Python enums when a module first imports it, ~4 ms for these four, which
# the first window does not need.
from .. import FILE_SUFFIX, __version__, clock
from ..store import TrustFile, TrustFileError
from ..store.trustfile import CannotWriteError, FileInUseError
from .forms.ui_main_window import Ui_MainWindow
from .session import TrustSession
from .widgets import Page, TableBox, button, icon, label

log = logging.getLogger(__name__)
FILE_FILTER = f"govboard trust files (*{FILE_SUFFIX});;All files (*)"
MAX_RECENT = 8
# A first window on a screen narrower than this opens maximised (a school laptop's 1366 x 768);
# on a wider one it opens at its designed size, never larger than the screen.
WIDE_SCREEN = 1440
DESIGNED_SIZE = (1280, 800)
FRAME_ALLOWANCE = 40  # the title bar and borders the window manager adds around the window
# Below this width the sidebar starts as icons only, until the user chooses otherwise.
COMPACT_SIDEBAR_BELOW = 1200
SIDEBAR_KEY = "window/sidebar_icons_only"
TITLE_ROLE = Qt.ItemDataRole.UserRole + 1
ICON_ROLE = Qt.ItemDataRole.UserRole + 2  # the icon's name until its white version is drawn


# The sidebar, in order: (key, title, icon, "module:Class" under govboard.ui.pages). Pages are
# imported and built the first time they are shown, so opening a trust builds one page, not twelve.
PAGES = (
    ("dashboard", "Dashboard", "dashboard", "dashboard:DashboardPage"),
    ("people", "People", "people", "people:PeoplePage"),
    ("members", "Members", "members", "appointments:MembersPage"),
    ("board", "Board and committees", "board", "appointments:BoardPage"),
    ("lgbs", "Local governing bodies", "lgb", "appointments:LgbPage"),
    ("meetings", "Meetings and attendance", "meetings", "meetings:MeetingsPage"),
    ("actions", "Action log", "actions", "actions:ActionLogPage"),
    ("interests", "Interests and declarations", "interests", "interests:InterestsPage"),
    ("rpt", "Related parties", "rpt", "related_parties:RelatedPartiesPage"),
    ("pay", "Pay decisions", "pay", "pay:PayPage"),
    ("sod", "Scheme of delegation", "sod", "delegation:DelegationPage"),
    ("findings", "Findings", "findings", "findings:FindingsPage"),
    ("history", "History", "history", "history:HistoryPage"),
)


def first_window_geometry(available: QRect) -> tuple[QRect, bool]:
    """(geometry, maximised) of the first window on a screen whose free area is `available`:
    maximised on a laptop's screen, else the designed size centred, never larger than the screen."""
    if available.width() < WIDE_SCREEN:
        return QRect(available), True
    width = min(DESIGNED_SIZE[0], available.width() - FRAME_ALLOWANCE)
    height = min(DESIGNED_SIZE[1], available.height() - FRAME_ALLOWANCE)
    return QRect(available.x() + (available.width() - width) // 2,
                 available.y() + (available.height() - height) // 2, width, height), False


def page_class(spec: str) -> type[Page]:
    module, name = spec.split(":")
    return getattr(import_module(f"{__package__}.pages.{module}"), name)


class LazyPages(Mapping):
    """The window's pages by key, in sidebar order; a page is built on first access."""

    def __init__(self, build):
        self._build = build
        self._keys: list[str] = []
        self._built: dict[str, Page] = {}

    def add(self, key: str, page: Page | None = None) -> None:
        self._keys.append(key)
        if page is not None:
            self._built[key] = page

    def clear(self) -> None:
        self._keys.clear()
        self._built.clear()

    def built(self, key: str) -> bool:
        return key in self._built

    def __getitem__(self, key: str) -> Page:
        if key not in self._keys:
            raise KeyError(key)
        if key not in self._built:
            self._built[key] = self._build(key)
        return self._built[key]

    def __iter__(self):
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


class WelcomePage(Page):
    """What the window shows with no trust file open: the ways to get one, and recent files."""

    key, title, icon_name = "welcome", "No trust file open", "govboard"
    hint = ("govboard keeps a trust's governance registers in one file on this computer. Open the "
            "trust's file, start a new one, or look round the sample trust first.")

    def __init__(self, window: MainWindow):
        super().__init__(None)
        actions = QVBoxLayout()
        actions.setSpacing(8)
        for text, icon_name, slot, tip in (
            ("Open a trust file…", "open", window.open_dialog, "A .govboard file: the trust's registers"),
            ("New trust file…", "add", window.new_file,
             "Start an empty file; a GIAS governance extract can fill it in"),
            ("Explore the sample trust", "govboard", window.open_sample,
             "Hillside Learning Trust, a made-up trust with a few weaknesses for the checks to find"),
        ):
            btn = button(text, icon_name, slot, tip)
            btn.setObjectName(f"welcome{''.join(w.title() for w in text.split()[:2]).strip('…')}")
            actions.addWidget(btn)
        recent = [p for p in window.recent_files() if Path(p).exists()][:5]
        if recent:
            actions.addSpacing(12)
            actions.addWidget(label("Recent files", "sectionTitle"))
            for path in recent:
                btn = button(Path(path).stem, None, lambda _=False, p=path: window.open_path(p), path)
                btn.setProperty("role", "link")
                btn.setCursor(Qt.CursorShape.PointingHandCursor)
                actions.addWidget(btn)
        row = QHBoxLayout()
        row.addLayout(actions)
        row.addStretch(1)
        self.body.addSpacing(8)
        self.body.addLayout(row)
        self.body.addStretch(1)


def _read_only_reason(path: Path, exc: TrustFileError) -> str:
    holder = getattr(exc, "holder", None)
    if holder is not None:
        return (f"{path.name} is in use by {holder.describe()}, so it is open read-only here. "
                "Press Try again when it has been closed there to make changes.")
    if isinstance(exc, FileInUseError):
        return (f"{path.name} is in use by another program, so it is open read-only here. "
                "Press Try again when it has been closed there to make changes.")
    return (f"{path.name} cannot be changed where it is (the file or its folder is read-only), so it is "
            "open read-only. To change it, copy it to a folder you can write to and open the copy.")


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None, *, welcome: bool = True):
        """`welcome=False` when a file is about to be opened: the "no trust file open" page
        would only be built to be taken down again (it is shown if that file cannot be opened)."""
        super().__init__()
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.settings = settings or QSettings()
        self.session: TrustSession | None = None
        self.pages = LazyPages(self._build_page)
        # File work running in the background (see the `tasks` property): file actions wait for
        # it, closing asks.
        self._tasks = None
        self._close_when_idle = False
        self.read_only_label = QLabel()
        self.read_only_label.setStyleSheet("color: #8a4b00; font-weight: 600; padding: 0 8px;")
        self.ui.statusbar.addPermanentWidget(self.read_only_label)
        self.retry_button = QPushButton("Try again")
        self.retry_button.setObjectName("tryAgainWritable")
        self.retry_button.setToolTip("Open the file for editing, if whoever had it open has closed it")
        self.retry_button.clicked.connect(self.try_again_writable)
        self.retry_button.setVisible(False)
        self.ui.statusbar.addPermanentWidget(self.retry_button)
        self.as_of_label = QLabel()
        self.ui.statusbar.addPermanentWidget(self.as_of_label)
        # The sidebar is as wide as its longest entry (see _fit_sidebar): nothing clipped, no
        # sideways scrolling; or, collapsed, as wide as its icons.
        self.ui.navList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._build_sidebar_toggle()
        self._connect_actions()
        self._restore_geometry()
        if welcome:
            self._show_no_file()

    # --- setup -----------------------------------------------------------------------------

    def _connect_actions(self) -> None:
        ui = self.ui
        ui.actionNew.triggered.connect(self.new_file)
        ui.actionOpen.triggered.connect(self.open_dialog)
        ui.actionBackup.triggered.connect(self.backup)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionUndo.triggered.connect(lambda: self._session_call("undo"))
        ui.actionRedo.triggered.connect(lambda: self._session_call("redo"))
        ui.actionAsOf.triggered.connect(self.choose_as_of)
        ui.actionAbout.triggered.connect(self.about)
        ui.actionOpenLog.triggered.connect(self.open_log_folder)
        for action, name in ((ui.actionGettingStarted, "show_getting_started"),
                             (ui.actionShortcuts, "show_shortcuts"), (ui.actionRules, "show_rules")):
            action.triggered.connect(lambda _=False, n=name: getattr(import_module(f"{__package__}.help"), n)(self))
        # Windows has no standard Quit key (Alt+F4 closes the window): Ctrl+Q there too.
        ui.actionQuit.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
                                   or [QKeySequence("Ctrl+Q")])
        ui.actionUndo.setShortcut(QKeySequence.StandardKey.Undo)
        ui.actionRedo.setShortcut(QKeySequence.StandardKey.Redo)
        ui.navList.currentRowChanged.connect(self._show_row)
        ui.menuRecent.aboutToShow.connect(self._fill_recent_menu)
        for action, name in self._file_actions().items():
            action.triggered.connect(lambda _=False, n=name: self._file_action(n))

    def _file_actions(self) -> dict:
        ui = self.ui
        return {ui.actionImportWorkbook: "import_workbook", ui.actionExportWorkbook: "export_workbook",
                ui.actionExportTemplate: "export_template", ui.actionImportGias: "import_gias",
                ui.actionImportCh: "import_companies_house", ui.actionExportPack: "export_pack",
                ui.actionPublishRegister: "publish_register", ui.actionSettings: "edit_settings",
                ui.actionAttendanceStatement: "export_attendance"}

    def _file_action(self, name: str) -> None:
        # Imported on first use: keeps start-up lean.
        module = {"edit_settings": "settings_dialog", "export_pack": "pack_dialog",
                  "publish_register": "pack_dialog", "export_attendance": "attendance_dialog"}.get(name, "workbook_dialogs")
        getattr(import_module(f"{__package__}.{module}"), name)(self)

    def _available(self):
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry()

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None and self.restoreGeometry(geometry):
            self._clamp_to_screen()  # remembered from a bigger screen (a monitor at school)
        else:
            self._size_to_screen()
        state = self.settings.value("window/splitter")
        compact = self.settings.value(SIDEBAR_KEY, None, type=bool) if self.settings.contains(SIDEBAR_KEY) \
            else self._available().width() < COMPACT_SIDEBAR_BELOW
        self.set_sidebar_icons_only(compact, remember=False, fit_splitter=False)
        if state is not None:
            self.ui.splitter.restoreState(state)
        else:  # the sidebar at its least, the page the rest
            self.ui.splitter.setSizes([80 if compact else 250, 1200 if compact else 1030])

    def _size_to_screen(self) -> None:
        geometry, maximised = first_window_geometry(self._available())
        self.setGeometry(geometry)  # the whole screen even where nothing maximises (no window manager)
        if maximised:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def _clamp_to_screen(self) -> None:
        if self.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
            return
        avail = self._available()
        frame, inner = self.frameGeometry(), self.geometry()
        extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
        width = min(self.width(), avail.width() - extra_w)
        height = min(self.height(), avail.height() - extra_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        x = min(max(frame.x(), avail.x()), avail.x() + avail.width() - width - extra_w)
        y = min(max(frame.y(), avail.y()), avail.y() + avail.height() - height - extra_h)
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    # --- the sidebar: page names, or icons only -------------------------------------------------

    def _build_sidebar_toggle(self) -> None:
        """A small button under the sidebar and View > Icons only in the sidebar: the pages'
        names give their room to the page on a small screen (each icon keeps its name as a tip)."""
        nav = self.ui.navList
        holder = QWidget()
        holder.setObjectName("sidebar")
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.ui.splitter.insertWidget(0, holder)
        column.addWidget(nav, 1)
        self.sidebar_toggle = QToolButton()
        self.sidebar_toggle.setObjectName("sidebarToggle")
        self.sidebar_toggle.setAutoRaise(True)
        self.sidebar_toggle.clicked.connect(lambda: self.set_sidebar_icons_only(not self.sidebar_icons_only))
        row = QHBoxLayout()
        row.setContentsMargins(6, 4, 6, 6)
        row.addWidget(self.sidebar_toggle)
        row.addStretch(1)
        column.addLayout(row)
        self.sidebar_action = QAction("&Icons only in the sidebar", self)
        self.sidebar_action.setCheckable(True)
        self.sidebar_action.toggled.connect(lambda on: on != self.sidebar_icons_only
                                            and self.set_sidebar_icons_only(on))
        view_menu = QMenu("&View", self)
        view_menu.addAction(self.sidebar_action)
        self.ui.menubar.insertMenu(self.ui.menuHelp.menuAction(), view_menu)
        self.sidebar_icons_only = False
        self._white_icons: dict[str, QIcon] = {}

    def set_sidebar_icons_only(self, on: bool, *, remember: bool = True, fit_splitter: bool = True) -> None:
        nav = self.ui.navList
        if on and not self.sidebar_icons_only and nav.width() > 100:
            self._named_sidebar_width = nav.width()  # given back when the names come back
        self.sidebar_icons_only = on
        for row in range(nav.count()):
            item = nav.item(row)
            item.setText("" if on else item.data(TITLE_ROLE))
        self.sidebar_toggle.setText("»" if on else "«")
        self.sidebar_toggle.setToolTip("Show the pages' names" if on else "Show only icons in the sidebar")
        self.sidebar_toggle.setAccessibleName(self.sidebar_toggle.toolTip())
        self.sidebar_action.blockSignals(True)
        self.sidebar_action.setChecked(on)
        self.sidebar_action.blockSignals(False)
        self._fit_sidebar()
        sizes = self.ui.splitter.sizes()
        if fit_splitter and len(sizes) == 2 and sum(sizes) > 0:
            wanted = nav.minimumWidth() if on else max(nav.minimumWidth(), getattr(self, "_named_sidebar_width", 250))
            self.ui.splitter.setSizes([wanted, max(0, sum(sizes) - wanted)])
        if remember:
            self.settings.setValue(SIDEBAR_KEY, on)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if not self._close_when_idle and not self.settle_unsaved("before closing govboard"):
            event.ignore()
            return
        if self.busy:
            # Closed when the work ends, if the user says so (see _close_after_tasks).
            if not self._close_when_idle:
                self._close_after_tasks()
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.ui.splitter.saveState())
        if self.session:
            self.settings.setValue("files/last", str(self.session.file.path))
            self.session.close()
            self.session = None
        super().closeEvent(event)

    def settle_unsaved(self, when: str, keys: list[str] | None = None) -> bool:
        """Before edits a page holds could be lost (`when`: "before closing govboard"), ask
        Save / Discard / Cancel for each; True when it is safe to go on."""
        for key in list(self.pages) if keys is None else keys:
            if not self.pages.built(key):
                continue
            page = self.pages[key]
            what = page.unsaved_changes()
            if not what:
                continue
            if page.saves_without_asking:
                if page.save_changes():
                    continue
                return False
            from PySide6.QtWidgets import QMessageBox

            buttons = QMessageBox.StandardButton
            answer = QMessageBox.question(
                self, "Unsaved changes", f"{page.title}: save {what} {when}?",
                buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
            if answer == buttons.Save:
                if not page.save_changes():
                    return False
            elif answer == buttons.Discard:
                page.discard_changes()
            else:  # Cancel, Escape or the box closed: stay where we are
                return False
        return True

    @property
    def tasks(self):
        """The window's running file work (ui.tasks.Tasks), made on first use: its module is not
        needed to show the window."""
        if self._tasks is None:
            from .tasks import Tasks

            self._tasks = Tasks(self)
            self._tasks.busy_changed.connect(lambda _busy: self._update_actions())
        return self._tasks

    @property
    def busy(self) -> bool:
        return self._tasks is not None and self._tasks.busy

    def _close_after_tasks(self) -> bool:
        """Asked on closing while file work runs: close once it has finished (work that can stop
        is stopped), or keep working. Never cut off midway: a file half written helps nobody."""
        from .dialogs import confirm  # only when asked: the dialogs module is heavy for start-up

        if not confirm(self, "govboard is busy",
                       f"govboard is still working: {self.tasks.describe()}.\n\n"
                       "Close govboard as soon as it has finished?", default_yes=True):
            return False
        self._close_when_idle = True
        self.tasks.drop_results()
        self.statusBar().showMessage("Closing when the work in progress has finished…")
        self.tasks.busy_changed.connect(lambda busy: not busy and self.close())
        return True

    # --- files -----------------------------------------------------------------------------

    def _show_no_file(self) -> None:
        self.setWindowTitle("govboard")
        self._clear_pages()
        self._add_page(WelcomePage(self))
        self._update_actions()

    def open_sample(self) -> None:
        from .app import demo_path  # the app's own module: only a click away, not at start-up

        self.open_path(demo_path())

    def _clear_pages(self) -> None:
        self.ui.navList.blockSignals(True)
        self.ui.navList.clear()
        self.ui.navList.blockSignals(False)
        # Hidden while it empties: removing the current page would otherwise show (and refresh)
        # the next one against a session that is closing, which crashed on opening a second file.
        stack = self.ui.pageStack
        stack.hide()
        while stack.count():
            widget = stack.widget(0)
            stack.removeWidget(widget)
            widget.deleteLater()
        stack.show()
        self.pages.clear()

    def _add_page(self, page: Page) -> None:
        self._add_entry(page.key, page.title, page.icon_name, page)
        self._fit_sidebar()

    def _add_entry(self, key: str, title: str, icon_name: str, page: Page | None = None) -> None:
        """A sidebar entry and its place in the stack; `page` None means built on first show."""
        # The white version for the selected entry is drawn when an entry is first selected.
        item = QListWidgetItem(icon(icon_name), "" if self.sidebar_icons_only else title)
        item.setData(TITLE_ROLE, title)
        item.setData(ICON_ROLE, icon_name)
        item.setToolTip(title)
        self.ui.navList.addItem(item)
        self.ui.pageStack.addWidget(page if page is not None else QWidget())
        self.pages.add(key, page)

    def _build_page(self, key: str) -> Page:
        spec = dict((k, s) for k, _, _, s in PAGES)[key]
        page = page_class(spec)(self.session)
        page.key = key
        # A clerk who hides Email on People at 1024 px finds it hidden next time too.
        for number, table in enumerate(page.findChildren(TableBox)):
            table.remember_columns(self.settings, f"columns/{key}/{table.objectName() or number}")
        stack = self.ui.pageStack
        index = list(self.pages).index(key)
        placeholder = stack.widget(index)
        current = stack.currentWidget()
        stack.insertWidget(index, page)
        stack.removeWidget(placeholder)
        placeholder.deleteLater()
        stack.setCurrentWidget(page if current is placeholder else current)
        return page

    def _show_row(self, row: int) -> None:
        keys = list(self.pages)
        previous = self.ui.pageStack.currentIndex()
        if 0 <= previous < len(keys) and previous != row and not self.settle_unsaved(
                f"before leaving {self.pages[keys[previous]].title}" if self.pages.built(keys[previous]) else "",
                [keys[previous]]):
            nav = self.ui.navList
            nav.blockSignals(True)
            nav.setCurrentRow(previous)  # Cancel: back on the page with the edits
            nav.blockSignals(False)
            return
        if 0 <= row < len(keys):
            self.pages[keys[row]]  # builds it on first show
            self._whiten(self.ui.navList.item(row))
        self.ui.pageStack.setCurrentIndex(row)

    def _whiten(self, item: QListWidgetItem | None) -> None:
        name = item.data(ICON_ROLE) if item is not None else None
        if name is None:
            return
        if name not in self._white_icons:
            self._white_icons[name] = self._nav_icon(name)
        item.setIcon(self._white_icons[name])
        item.setData(ICON_ROLE, None)  # done

    def _nav_icon(self, name: str) -> QIcon:
        """The page's icon, drawn white on the selected (dark blue) entry so it stays visible."""
        result = icon(name)
        size = self.ui.navList.iconSize()
        if size.width() <= 0:
            size = size.__class__(24, 24)
        # Drawn for this screen's pixel ratio only, and only once an entry is selected (twelve SVGs
        # drawn twice cost ~20 ms of start-up); on a sharper screen Qt scales the white one.
        for ratio in {self.devicePixelRatioF()}:
            white = result.pixmap(size, ratio)
            if white.isNull():
                return result
            painter = QPainter(white)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
            painter.fillRect(white.rect(), QColor("white"))
            painter.end()
            result.addPixmap(white, QIcon.Mode.Selected)
        return result

    def _fit_sidebar(self) -> None:
        nav = self.ui.navList
        icon_width = nav.iconSize().width() if nav.iconSize().width() > 0 else 24
        if self.sidebar_icons_only:
            # The icon, the item's padding and margins (app.qss) and the scroll bar's room.
            width = icon_width + 56
            nav.setMinimumWidth(width)
            nav.setMaximumWidth(width)
            return
        nav.setMaximumWidth(360)
        nav.ensurePolished()  # measure with the style sheet's font, not the default one
        metrics = nav.fontMetrics()
        widest = max((metrics.horizontalAdvance(nav.item(i).data(TITLE_ROLE) or "") for i in range(nav.count())),
                     default=0)
        # + the item's padding and margins (app.qss), the icon-to-text gap and a little slack
        nav.setMinimumWidth(max(200, widest + icon_width + 60))

    def refuse_while_busy(self) -> bool:
        """True (and a word in the status bar) when file work is running: the file stays open."""
        if not self.busy:
            return False
        self.statusBar().showMessage(f"Wait a moment: govboard is still working ({self.tasks.describe()}).", 10000)
        return True

    def open_path(self, path: str | Path) -> bool:
        if self.refuse_while_busy() or not self.settle_unsaved("before opening another file"):
            return False
        path = Path(path)
        retry = False
        try:
            trust_file = TrustFile.open(path)
        except (FileInUseError, CannotWriteError) as exc:
            # Another govboard holds it, or it cannot be written where it is: show it read-only
            # and say why (with Try again when the holder may let go).
            try:
                trust_file = TrustFile.open(path, read_only=True)
            except TrustFileError:
                return self._refuse_open(str(exc))
            retry = isinstance(exc, FileInUseError)
            trust_file.read_only_reason = _read_only_reason(path, exc)
        except TrustFileError as exc:
            return self._refuse_open(str(exc))
        try:
            session = TrustSession(trust_file, self)  # reads every register: damage shows here
        except TrustFileError as exc:
            trust_file.close()
            return self._refuse_open(str(exc))
        self.set_trust_file(trust_file, session=session)
        self.retry_button.setVisible(retry)
        from PySide6.QtWidgets import QMessageBox  # here, not at start-up (see the imports)

        if trust_file.recovered:
            QMessageBox.information(self, "Recovered after an interruption", trust_file.recovered)
        if trust_file.backup_made:
            self.statusBar().showMessage(
                f"Updated the file to this version of govboard; the previous copy is {trust_file.backup_made.name}")
        if trust_file.read_only:
            QMessageBox.information(self, "Opened read-only", trust_file.read_only_reason)
        return True

    def _refuse_open(self, text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        if not self.pages:
            self._show_no_file()
        QMessageBox.warning(self, "Cannot open trust file", text)
        return False

    def try_again_writable(self) -> bool:
        """Try again to open the read-only file for editing (its holder may have closed it)."""
        from PySide6.QtWidgets import QMessageBox

        if self.session is None or not self.session.read_only:
            return False
        path = self.session.file.path
        try:
            trust_file = TrustFile.open(path)
        except FileInUseError as exc:
            self.session.file.read_only_reason = _read_only_reason(path, exc)
            self._update_actions()
            self.statusBar().showMessage(f"Still read-only: {self.session.file.read_only_reason}", 15000)
            return False
        except TrustFileError as exc:
            QMessageBox.warning(self, "Cannot open for editing", str(exc))
            return False
        try:
            session = TrustSession(trust_file, self)
        except TrustFileError as exc:
            trust_file.close()
            QMessageBox.warning(self, "Cannot open for editing", str(exc))
            return False
        current = self.ui.navList.currentRow()
        self.set_trust_file(trust_file, session=session)
        self.ui.navList.setCurrentRow(current)
        self.retry_button.setVisible(False)
        self.statusBar().showMessage(f"{path.name} is open for editing.", 15000)
        return True

    def set_trust_file(self, trust_file: TrustFile, *, session: TrustSession | None = None) -> None:
        old = self.session
        self._clear_pages()
        if old:
            old.close()
            old.deleteLater()
        self.retry_button.setVisible(False)
        self.session = session if session is not None else TrustSession(trust_file, self)
        self.session.status.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.session.undo_state.connect(self._update_undo_actions)
        self.session.changed.connect(self._update_actions)
        for key, title, icon_name, _ in PAGES:
            self._add_entry(key, title, icon_name)
        self._fit_sidebar()
        self.ui.navList.setCurrentRow(self._start_row())
        self._update_title()
        self._remember_recent(trust_file.path)
        self.settings.setValue("files/last", str(trust_file.path))
        self._update_actions()
        # The offer is for an empty trust; the module is loaded only then (or to take down an
        # offer shown for the previous file), which keeps it out of every other start-up.
        if not trust_file.read_only and (not self.session.snapshot.people
                                         or f"{__package__}.workbook_dialogs" in sys.modules):
            self._file_action("offer_gias_wizard")

    def _start_row(self) -> int:
        keys = list(self.pages)
        if "dashboard" in keys and self.session is not None and self.session.result is not None:
            return keys.index("dashboard")  # the overview, when the checks can run
        return keys.index("people") if "people" in keys else 0

    def show_page(self, key: str) -> Page | None:
        keys = list(self.pages)
        if key not in keys:
            return None
        self.ui.navList.setCurrentRow(keys.index(key))
        return self.pages[key]

    def go_to(self, kind: str, key: str) -> bool:
        """Open the page holding the record a finding is about and select it."""
        order = {"person": ["people"], "body": ["members", "board", "lgbs"], "meeting": ["meetings"],
                 "action": ["actions"],
                 "rpt": ["rpt"], "payment": ["rpt"], "organisation": ["rpt"], "pay_decision": ["pay"],
                 "sod_row": ["sod"], "sod_level": ["sod"], "trust": ["dashboard"]}
        for page_key in order.get(kind, []):
            page = self.pages.get(page_key)
            if page is not None:
                self.show_page(page_key)
                if page.go_to(kind, key):
                    return True
        return False

    def open_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        if self.refuse_while_busy() or not self.settle_unsaved("before opening another file"):
            return
        start = self.settings.value("files/last_dir", str(Path.home()))
        path, _ = QFileDialog.getOpenFileName(self, "Open trust file", start, FILE_FILTER)
        if path:
            self.settings.setValue("files/last_dir", str(Path(path).parent))
            self.open_path(path)

    def new_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

        if self.refuse_while_busy() or not self.settle_unsaved("before starting a new file"):
            return
        name, ok = QInputDialog.getText(self, "New trust file", "The trust's name:")
        if not ok or not name.strip():
            return
        start = str(Path(self.settings.value("files/last_dir", str(Path.home()))) / f"{name.strip()}{FILE_SUFFIX}")
        path, _ = QFileDialog.getSaveFileName(self, "Create trust file", start, FILE_FILTER)
        if not path:
            return
        path = Path(path)
        if path.suffix != FILE_SUFFIX:
            path = path.with_suffix(FILE_SUFFIX)
        try:
            if path.exists():  # the save dialog already asked to replace it
                path.unlink()
            trust_file = TrustFile.create(path, name=name.strip())
        except (TrustFileError, OSError) as exc:
            QMessageBox.warning(self, "Cannot create trust file", str(exc))
            return
        self.set_trust_file(trust_file)

    def backup(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        if not self.session or self.refuse_while_busy():
            return
        source = self.session.file.path
        suggestion = source.with_name(f"{source.stem} {clock.today():%Y-%m-%d}{source.suffix}")
        path, _ = QFileDialog.getSaveFileName(self, "Back up / save a copy", str(suggestion), FILE_FILTER)
        if not path:
            return
        from ..services.trust import backup_file

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, (TrustFileError, OSError)):
                raise exc
            QMessageBox.warning(self, "Back-up failed", str(exc))

        def copied(result) -> None:
            if result.damaged:  # its bytes were copied as they are: say the copy is damaged too
                QMessageBox.warning(self, "The trust file is damaged", result.damaged)
            self.statusBar().showMessage(f"Saved a copy to {result.path}", 15000)

        # backup_file opens the file again, read-only, on the worker: a connection of its own.
        self.tasks.run(self, "Back up", f"Saving a copy as {Path(path).name}…",
                       lambda _report: backup_file(source, path), on_done=copied, on_error=failed)

    def _remember_recent(self, path: Path) -> None:
        recent = [p for p in self.recent_files() if Path(p) != path.resolve()]
        recent.insert(0, str(path.resolve()))
        self.settings.setValue("files/recent", recent[:MAX_RECENT])

    def recent_files(self) -> list[str]:
        value = self.settings.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def _fill_recent_menu(self) -> None:
        menu = self.ui.menuRecent
        menu.clear()
        recent = self.recent_files()
        if not recent:
            action = menu.addAction("No recent files")
            action.setEnabled(False)
            return
        for n, path in enumerate(recent, start=1):
            action = menu.addAction(f"&{n} {Path(path).name}")
            action.setToolTip(path)
            action.setEnabled(Path(path).exists())
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        menu.addSeparator()
        menu.addAction("Clear list", lambda: self.settings.setValue("files/recent", []))

    # --- edit ------------------------------------------------------------------------------

    def _session_call(self, name: str) -> None:
        if self.session:
            getattr(self.session, name)()

    def _update_undo_actions(self, undo_text: str, redo_text: str) -> None:
        # While file work runs (a GIAS read, an import) nothing is undone under it: the work
        # was planned against the file as it is.
        idle = not self.busy
        self.ui.actionUndo.setEnabled(idle and bool(undo_text))
        self.ui.actionRedo.setEnabled(idle and bool(redo_text))
        self.ui.actionUndo.setText(f"&Undo {undo_text}" if undo_text else "&Undo")
        self.ui.actionRedo.setText(f"&Redo {redo_text}" if redo_text else "&Redo")
        self.ui.actionUndo.setToolTip("")
        barrier = getattr(self.session, "undo_barrier", None)
        if not undo_text and barrier:
            # Not silently greyed: say what ended the undo steps, and where the copy is.
            what, backup = barrier
            self.ui.actionUndo.setText(f"&Undo (nothing since {what})")
            self.ui.actionUndo.setToolTip(
                f"Edits made before {what} cannot be undone"
                + (f"; the file as it was before is saved as {backup.name}" if backup else "") + ".")

    def _update_title(self) -> None:
        if self.session is None:
            self.setWindowTitle("govboard")
            return
        name = self.session.snapshot.settings.name or self.session.file.path.stem
        self.setWindowTitle(f"{name} — govboard")

    def _update_actions(self) -> None:
        self._update_title()  # the trust's name may have been edited (or the edit undone)
        has_file = self.session is not None
        # While file work runs, no other file work starts and the file stays the one it works on.
        idle = not self.busy
        for action in (self.ui.actionNew, self.ui.actionOpen, self.ui.menuRecent.menuAction()):
            action.setEnabled(idle)
        self.ui.actionBackup.setEnabled(has_file and idle)
        self.ui.actionAsOf.setEnabled(has_file)
        writable = has_file and not self.session.read_only
        for action, name in self._file_actions().items():
            # Template export needs no file; imports and settings write to it.
            action.setEnabled(idle and (name == "export_template" or (
                writable if name.startswith(("import", "edit")) else has_file)))
        if not has_file:
            self.ui.actionUndo.setEnabled(False)
            self.ui.actionRedo.setEnabled(False)
            self.read_only_label.setText("")
            self.as_of_label.setText("")
            return
        self._update_undo_actions(*self.session.undo_texts())
        self.read_only_label.setText("Read-only" if self.session.read_only else "")
        self.read_only_label.setToolTip(self.session.file.read_only_reason)
        self.as_of_label.setText(f"As at {self.session.as_of:%d/%m/%Y}")

    def choose_as_of(self) -> None:
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        if not self.session:
            return
        from ..domain.validate import parse_date
        from .models import fmt_date

        text, ok = QInputDialog.getText(self, "Check as at", "Date (dd/mm/yyyy):",
                                        text=fmt_date(self.session.as_of))
        if not ok:
            return
        try:
            when = parse_date(text)
        except ValueError as exc:
            QMessageBox.warning(self, "Not a date", str(exc))
            return
        if when:
            self.session.set_as_of(when)

    # --- help ------------------------------------------------------------------------------

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self, "About govboard",
            f"<h3>govboard {__version__}</h3><p>Governance registers, compliance checks and board packs "
            "for English academy trusts.</p><p>Your data stays in the trust file on this computer.</p>",
        )

    def open_log_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from .app import log_dir

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir())))

