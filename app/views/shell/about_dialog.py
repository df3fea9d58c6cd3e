"""Help > About Planbord: what a support desk asks first, shown and copyable in one click.

The version (the installed package's metadata), the open file, the data folder, the log file,
the Qt, PySide and Python versions and the system; *Kopiëren* puts all of it on the clipboard as
plain text, ready for an e-mail.
"""
from __future__ import annotations

import platform
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def about_facts(file: Path | None) -> list[tuple[str, str]]:
    """(label, value) pairs, in the order shown and copied."""
    import PySide6
    from PySide6.QtCore import QCoreApplication, qVersion

    from app import logs

    translate = QCoreApplication.translate

    log_file = logs.log_file()
    try:
        data_folder = str(logs.log_folder()) if log_file is None else str(log_file.parent)
    except OSError:
        data_folder = "?"
    return [
        (translate("AboutDialog", "Version"), logs.program_version()),
        (translate("AboutDialog", "File"),
         str(file) if file is not None else translate("AboutDialog", "(no file open)")),
        (translate("AboutDialog", "Data folder"), data_folder),
        (translate("AboutDialog", "Log"),
         str(log_file) if log_file is not None else translate("AboutDialog", "(not written)")),
        ("Qt", qVersion()),
        ("PySide", PySide6.__version__),
        ("Python", sys.version.split()[0]),
        (translate("AboutDialog", "System"), platform.platform()),
    ]


class AboutDialog(QDialog):
    def __init__(self, file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Planbord"))
        self.facts = about_facts(file)
        version = self.facts[0][1]

        heading = QLabel(f"<h3>Planbord {version}</h3>")
        heading.setObjectName("aboutHeading")
        summary = QLabel(self.tr("The implementation plan of a youth-care region: projects, staffing, "
                                 "budget, funding and the contribution of each municipality, in one file."))
        summary.setWordWrap(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.values: dict[str, QLabel] = {}
        for label, value in self.facts:
            # A long path wraps after a folder separator (a zero-width space there: a label wraps
            # only where it may break a line) instead of running out of the dialog.
            shown = QLabel(value.replace("/", "/\u200b").replace("\\", "\\\u200b"))
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            name = QLabel(label + ":")
            name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            form.addRow(name, shown)
            self.values[label] = shown

        self.copied = QLabel()
        self.copied.setObjectName("aboutCopied")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.setToolTip(self.tr("Copy these details as text, for an e-mail to support"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(summary)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.copied)
        layout.addStretch(1)  # a taller dialog grows here, not between the lines
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        # As tall as the wrapped lines need at the width it has (a wrapped label's own guess at
        # its height assumes a narrower dialog and leaves a gap).
        height = self.layout().totalHeightForWidth(self.width())
        if height > 0:
            self.resize(self.width(), height)

    def text(self) -> str:
        """All of it as plain text, a line each."""
        lines = [f"Planbord {self.facts[0][1]}"]
        lines += [f"{label}: {value}" for label, value in self.facts[1:]]
        return "\n".join(lines) + "\n"

    def copy(self) -> None:
        QApplication.clipboard().setText(self.text())
        self.copied.setText(self.tr("Copied: paste it into your e-mail to support."))


def show_about(file: Path | None, parent: QWidget | None = None) -> None:
    AboutDialog(file, parent).exec()
