"""What every editor page shares: the plan banner, the page title, the message bar,
remembered tables, and the base page that puts them together."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.views.sheet_view import SheetView


class PlanBanner(QWidget):
    """The yellow bar over an adopted plan, with the action that makes an amendment."""

    amend_requested = Signal()
    compare_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("planBanner")
        self.label = QLabel()
        self.label.setObjectName("planBannerText")
        self.label.setWordWrap(True)
        self.button = QPushButton(self.tr("Make an amendment"))
        self.button.clicked.connect(self.amend_requested)
        # A draft amendment or scenario: compare it with the plan it was made from.
        self.compare_button = QPushButton()
        self.compare_button.clicked.connect(self.compare_requested)
        self.compare_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.compare_button)
        layout.addWidget(self.button)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # Its yellow (dark amber in a dark palette) is in app/resources/planbord.qss (#planBanner).

    def show_for(self, text: str) -> None:
        """Shown with ``text``; made with its page as parent, or show() would open it for an
        instant as a window of its own (a yellow flash when an adopted plan's page opens)."""
        self.label.setText(text)
        self.setVisible(True)

    def show_base(self, text: str, button: str) -> None:
        """The banner of a draft amendment or scenario: what it is, and the comparison."""
        self.label.setText(text)
        self.button.hide()
        self.compare_button.setText(button)
        self.compare_button.show()
        self.setVisible(True)


class MessageBar(QLabel):
    """One line under the toolbar with the last refusal, in red; empty when all is well."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setWordWrap(True)
        # Red, in the theme's colour: app/resources/planbord.qss (#messageBar).
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def form_dialog(parent, title: str) -> tuple[QDialog, QFormLayout]:
    """A small question: a dialog with a form, its rows added by the caller, then ``ask``."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    return dialog, QFormLayout(dialog)


def plain_label(text: str) -> str:
    """A label's text as a name: without its mnemonic ampersand and its closing colon."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":").strip()


def accessible(widget: QWidget, name: str, description: str = "") -> QWidget:
    """Give ``widget`` the name a screen reader says (and a description where the name is not
    enough: what a table holds and how to type in it)."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def name_from_label(label: QLabel, widget: QWidget, description: str = "") -> QWidget:
    """Tie ``label`` to ``widget``: the label's mnemonic focuses the widget and a screen reader
    names the widget by the label's text."""
    label.setBuddy(widget)
    return accessible(widget, plain_label(label.text()), description)


def name_form_fields(form: QFormLayout) -> None:
    """Name every field of ``form`` that is one widget after its row's label (unless it has a
    name already); a field that is a layout of several widgets is named by the caller."""
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        label = label.widget() if label is not None else None
        widget = field.widget() if field is not None else None
        if isinstance(label, QLabel) and widget is not None and not widget.accessibleName():
            name_from_label(label, widget)


def ok_cancel(dialog: QDialog, form: QFormLayout) -> None:
    """OK and Cancel under the form (Enter is OK, Escape is Cancel); its fields named after
    their labels for a screen reader."""
    name_form_fields(form)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)


class RefusableForm(QDialog):
    """A small form whose OK the program may refuse (a moment on a day that has one, a server that
    does not answer): the reason shows in red under the fields and the dialog stays open, so the
    user corrects it or cancels. Subclasses add their rows to ``form`` between the intro and
    :meth:`finish`, and call :meth:`refuse` from ``accept``."""

    def __init__(self, parent, name: str,
                 ok: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Ok) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setMinimumWidth(460)
        self._ok = ok
        self.form = QFormLayout(self)
        self.error = QLabel()
        self.error.setObjectName("messageBar")
        self.error.setWordWrap(True)
        self.error.hide()

    def add_intro(self, text: str) -> None:
        """The sentence above the fields."""
        label = QLabel(text)
        label.setWordWrap(True)
        self.form.addRow(label)

    def finish(self) -> None:
        """The refusal's place, the fields named after their labels, and the buttons."""
        self.form.addRow(self.error)
        name_form_fields(self.form)
        self.buttons = QDialogButtonBox(self._ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.form.addRow(self.buttons)

    def refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.adjustSize()  # room for the message's lines


def ask(dialog: QDialog, form: QFormLayout) -> bool:
    """Show the form with OK and Cancel; True when the user chose OK."""
    ok_cancel(dialog, form)
    return dialog.exec() == QDialog.DialogCode.Accepted


def page_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageTitle")
    label.setWordWrap(True)
    # Its size (relative to the application font: it follows the zoom) and colour are in
    # app/resources/planbord.qss (#pageTitle).
    return label


def sheet_table(model, settings_key: str, context, widths: dict[int, int] | None = None,
                elastic: int | None = 0, least: int = 180, most: int | None = None) -> SheetView:
    """A SheetView over ``model`` whose column widths are remembered under ``settings_key``;
    ``widths`` are the first-time widths (column -> pixels, others 120). Column ``elastic``
    (the first by default; None for none) takes the width that is left, at least ``least``
    (app.views.column_fit), so the figure columns always show; the table asks the page for at
    most ``most`` pixels (beyond that it scrolls)."""
    view = SheetView()
    view.setObjectName(settings_key)
    view.setModel(model)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    header.setTextElideMode(Qt.TextElideMode.ElideRight)  # a narrowed column shows "Progra…"
    state = context.table_state(settings_key)
    if not (state and header.restoreState(QByteArray(state))):
        widths = widths or {}
        for column in range(model.columnCount()):
            header.resizeSection(column, widths.get(column, 460 if column == 0 else 120))
    header.sectionResized.connect(
        lambda *_: context.remember_table_state(settings_key, header.saveState()))
    if elastic is not None:
        from app.views.column_fit import MOST_MINIMUM, elastic_column

        view.elastic = elastic_column(view, elastic, least, most or MOST_MINIMUM)
    return view


def fit_rows(view: SheetView, most: int = 40) -> None:
    """Make ``view`` as tall as its rows (up to ``most``), now and whenever its model resets:
    totals and saldo rows are never scrolled out of sight."""

    def fit() -> None:
        rows = min(view.model().rowCount(), most)
        height = (view.horizontalHeader().sizeHint().height()
                  + rows * view.verticalHeader().defaultSectionSize() + 2 * view.frameWidth())
        scrollbar = view.horizontalScrollBar().sizeHint().height()
        view.setFixedHeight(height + scrollbar)

    fit()
    view.model().modelReset.connect(fit)
    view.row_height_changed.connect(fit)  # the zoom


def titled(title: str, widget: QWidget, note: QLabel | None = None) -> QWidget:
    """``widget`` under a bold caption (and an optional grey note); the caption is its
    accessible name unless it has one."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 6, 0, 0)
    label = QLabel(title)
    label.setStyleSheet("font-weight: bold; padding-left: 4px;")
    if not widget.accessibleName():  # a table is named by its caption
        name_from_label(label, widget)
    layout.addWidget(label)
    if note is not None:
        layout.addWidget(note)
    layout.addWidget(widget, 1)
    return box


class PlanPage(QWidget):
    """An editor page of one plan: banner (adopted plans), title and message bar on top.

    Subclasses add their content below ``self.header`` in ``self.layout()``.
    """

    amend_requested = Signal()
    compare_requested = Signal()

    def __init__(self, context, plan_id: int, title: str, read_only_text: str = "",
                 parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.plan_id = plan_id
        self.banner = PlanBanner(self)  # parented before it is shown: no window of its own
        self.banner.amend_requested.connect(self.amend_requested)
        self.banner.compare_requested.connect(self.compare_requested)
        self.banner.setVisible(bool(read_only_text))
        if read_only_text:
            self.banner.show_for(read_only_text)
        self.title = page_title(title)
        self.messages = MessageBar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.title)

    def show_base_banner(self, text: str, button: str) -> None:
        self.banner.show_base(text, button)

    def run(self, command) -> bool:
        """Apply and push ``command``; a refusal shows in the message bar."""
        from app.views.commands import execute

        message = execute(self.context, command)
        self.messages.show_message(message or "")
        return message is None
