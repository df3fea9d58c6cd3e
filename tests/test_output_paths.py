"""Paths (issue 14, point 3): only a regular file is opened; an output never goes over its input
or any workspace; exports are written beside the target and renamed; OS errors in Dutch."""
from __future__ import annotations

import errno
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.cli import main
from app.services import output_paths
from app.services.errors import NotSqliteError
from app.services.output_paths import (
    OutputPathError,
    check_output_path,
    os_error_text,
    read_head,
    write_atomically,
)
from app.services.workspace import open_workspace

REPO = Path(__file__).resolve().parent.parent
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@contextmanager
def no_longer_than(seconds: int):
    """Fail (instead of hanging the test run) when the block blocks."""
    def timeout(signum, frame):
        raise TimeoutError(f"blocked for more than {seconds} s")

    old = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=REPO, env=env)


# =============================================================================================
# In: regular files only, decided before open()
# =============================================================================================

@posix_only
def test_a_fifo_is_refused_at_once_by_open_workspace(tmp_path):
    fifo = tmp_path / "pijp.planbord"
    os.mkfifo(fifo)
    with no_longer_than(10), pytest.raises(NotSqliteError) as caught:
        open_workspace(fifo)
    assert caught.value.message == "“pijp.planbord” is een FIFO (pijp), geen Planbord-bestand."


@posix_only
@pytest.mark.parametrize("command", [["summary"], ["summary", "--json"],
                                     ["pdf", "--sections", "begroting", "--out", "x.pdf"]])
def test_a_fifo_given_to_the_command_line_gets_a_dutch_message_quickly(tmp_path, command):
    fifo = tmp_path / "pijp.planbord"
    os.mkfifo(fifo)
    args = [command[0], str(fifo), *command[1:]]
    if command[0] == "pdf":
        args[-1] = str(tmp_path / "x.pdf")
    started = time.monotonic()
    done = cli(*args, timeout=20)
    assert time.monotonic() - started < 20
    assert done.returncode == 1
    assert done.stderr == "planbord: “pijp.planbord” is een FIFO (pijp), geen Planbord-bestand.\n"
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("make, message", [
    (lambda p: p.mkdir(), "“x.planbord” is een map, geen Planbord-bestand."),
], ids=["folder"])
def test_a_folder_is_refused(tmp_path, make, message):
    path = tmp_path / "x.planbord"
    make(path)
    with pytest.raises(NotSqliteError) as caught:
        open_workspace(path)
    assert caught.value.message == message


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_is_refused(capsys):
    with no_longer_than(10) if hasattr(signal, "SIGALRM") else nullcontext():
        with pytest.raises(NotSqliteError) as caught:
            open_workspace("/dev/null")
    assert caught.value.message == "“null” is een apparaat, geen Planbord-bestand."
    assert main(["summary", "/dev/zero"]) == 1  # /dev/zero would never end
    assert capsys.readouterr().err == "planbord: “zero” is een apparaat, geen Planbord-bestand.\n"


@posix_only
def test_a_name_swapped_for_a_fifo_after_the_check_is_refused_without_blocking(tmp_path):
    """O_NONBLOCK and fstat: read_head itself never blocks on a FIFO."""
    fifo = tmp_path / "pijp.planbord"
    os.mkfifo(fifo)
    with no_longer_than(10), pytest.raises(NotSqliteError) as caught:
        read_head(fifo, 100)
    assert "is een FIFO (pijp)" in caught.value.message


def test_a_symlink_to_a_workspace_opens_it(demo_workspace, tmp_path):
    link = tmp_path / "link.planbord"
    link.symlink_to(demo_workspace)
    with open_workspace(link, read_only=True) as ws:
        assert not ws.closed


@posix_only
def test_a_socket_and_kinds_have_dutch_names(tmp_path):
    import stat

    assert output_paths.kind_of(stat.S_IFSOCK) == "een socket"
    assert output_paths.kind_of(stat.S_IFBLK) == "een apparaat"
    assert output_paths.kind_of(stat.S_IFREG) == ""
    assert output_paths.kind_of(0) == "geen gewoon bestand"


# =============================================================================================
# Out: never over the input or a workspace (command line)
# =============================================================================================

@pytest.fixture
def pdf_workspace(tmp_path, copy_demo) -> Path:
    """A workspace named like a PDF: the issue's ``pdf w.pdf --out w.pdf``."""
    return copy_demo(tmp_path / "w.pdf")


def test_pdf_out_the_workspace_itself_is_refused_and_it_is_unchanged(pdf_workspace):
    before = digest(pdf_workspace)
    done = cli("pdf", str(pdf_workspace), "--sections", "begroting", "--out", str(pdf_workspace))
    assert done.returncode == 1, done.stderr
    assert done.stderr == ("planbord: “w.pdf” is het bestand zelf waaruit Planbord leest (“w.pdf”); "
                           "Planbord schrijft er niet overheen. Kies een andere naam.\n")
    assert "Traceback" not in done.stderr
    assert digest(pdf_workspace) == before
    assert leftovers(pdf_workspace.parent) == []


def test_pdf_out_the_planbord_file_itself_is_refused(demo_workspace, capsys):
    before = digest(demo_workspace)
    assert main(["pdf", str(demo_workspace), "--sections", "begroting", "--out", str(demo_workspace)]) == 1
    assert "Geef een PDF-bestand op" in capsys.readouterr().err
    assert digest(demo_workspace) == before


def test_pdf_out_through_a_symlink_or_a_hard_link_is_refused(pdf_workspace, tmp_path, capsys):
    before = digest(pdf_workspace)
    link = tmp_path / "link.pdf"
    link.symlink_to(pdf_workspace)
    hard = tmp_path / "hard.pdf"
    os.link(pdf_workspace, hard)
    for source, out in ((pdf_workspace, link), (link, pdf_workspace), (pdf_workspace, hard)):
        assert main(["pdf", str(source), "--sections", "begroting", "--out", str(out)]) == 1
        err = capsys.readouterr().err
        assert f"“{out.name}” is het bestand zelf waaruit Planbord leest" in err, err
    assert digest(pdf_workspace) == before and link.is_symlink()
    assert leftovers(tmp_path) == []


def test_pdf_out_another_workspace_or_database_is_refused(demo_workspace, tmp_path, copy_demo, capsys):
    other = copy_demo(tmp_path / "ander.pdf")
    before = digest(other)
    assert main(["pdf", str(demo_workspace), "--sections", "begroting", "--out", str(other)]) == 1
    assert capsys.readouterr().err == ("planbord: “ander.pdf” is een Planbord-werkbestand; Planbord "
                                       "schrijft er niet overheen. Kies een andere naam.\n")
    assert digest(other) == before
    database = tmp_path / "adressen.pdf"
    conn = sqlite3.connect(database)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    assert main(["pdf", str(demo_workspace), "--sections", "begroting", "--out", str(database)]) == 1
    assert "“adressen.pdf” is een database; Planbord schrijft er niet overheen." in capsys.readouterr().err


def test_pdf_out_a_folder_or_a_device_is_refused(demo_workspace, tmp_path, capsys):
    folder = tmp_path / "map.pdf"
    folder.mkdir()
    assert main(["pdf", str(demo_workspace), "--sections", "begroting", "--out", str(folder)]) == 1
    assert capsys.readouterr().err == "planbord: “map.pdf” is een map; kies een bestandsnaam.\n"
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pijp.pdf"
        os.mkfifo(fifo)
        with no_longer_than(20):
            assert main(["pdf", str(demo_workspace), "--sections", "begroting", "--out", str(fifo)]) == 1
        assert capsys.readouterr().err == ("planbord: “pijp.pdf” is een FIFO (pijp), geen bestand; "
                                           "Planbord schrijft er niet in. Kies een andere naam.\n")


def test_pdf_over_an_existing_pdf_replaces_it_whole(demo_workspace, tmp_path, capsys):
    out = tmp_path / "oud.pdf"
    out.write_bytes(b"%PDF-1.4 oud")
    assert main(["pdf", str(demo_workspace), "--sections", "begroting", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF") and len(out.read_bytes()) > 1000
    assert leftovers(tmp_path) == []
    link = tmp_path / "link.pdf"  # a link to a PDF: the PDF it points at is written
    link.symlink_to(out)
    assert main(["pdf", str(demo_workspace), "--sections", "bijdragen", "--out", str(link)]) == 0
    assert link.is_symlink() and leftovers(tmp_path) == []


@pytest.mark.parametrize("command", ["demo", "new"])
def test_demo_and_new_never_write_over_a_workspace_or_a_folder(demo_workspace, tmp_path, capsys, command):
    extra = ["--region", "Regio", "--municipalities", "A;B"] if command == "new" else []
    before = digest(demo_workspace)
    assert main([command, str(demo_workspace), *extra]) == 1
    assert capsys.readouterr().err == ("planbord: “demo.planbord” is een Planbord-werkbestand; Planbord "
                                       "schrijft er niet overheen. Kies een andere naam.\n")
    link = tmp_path / "link.planbord"
    link.symlink_to(demo_workspace)
    assert main([command, str(link), *extra]) == 1
    assert "is een Planbord-werkbestand" in capsys.readouterr().err
    assert digest(demo_workspace) == before
    folder = tmp_path / "map.planbord"
    folder.mkdir()
    assert main([command, str(folder), *extra]) == 1
    assert capsys.readouterr().err == "planbord: “map.planbord” is een map; kies een bestandsnaam.\n"


def test_a_name_too_long_is_said_in_dutch(demo_workspace, tmp_path, capsys):
    out = tmp_path / ("x" * 300 + ".pdf")
    assert main(["pdf", str(demo_workspace), "--sections", "begroting", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.endswith("niet opslaan: de naam is te lang.\n") and "File name" not in err


# =============================================================================================
# Written beside the target and renamed; nothing left when it fails
# =============================================================================================

class FailingDocument:
    """An AnnexDocument that writes half a PDF and then meets a full disk."""

    def __init__(self, filename, *args, **kwargs):
        self.filename = filename

    def build_story(self, story, with_contents):
        Path(self.filename).write_bytes(b"%PDF-1.4 half")
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_failing_pdf_write_leaves_no_temporary_file_and_no_half_target(demo_workspace, tmp_path,
                                                                       monkeypatch, capsys):
    from app.reports import build

    monkeypatch.setattr(build, "AnnexDocument", FailingDocument)
    out = tmp_path / "bijlage.pdf"
    assert main(["pdf", str(demo_workspace), "--sections", "begroting", "--out", str(out)]) == 1
    assert capsys.readouterr().err == "planbord: Planbord kon “bijlage.pdf” niet opslaan: de schijf is vol.\n"
    assert not out.exists() and leftovers(tmp_path) == []
    out.write_bytes(b"%PDF-1.4 vorige versie")  # an existing PDF stays as it was
    assert main(["pdf", str(demo_workspace), "--sections", "begroting", "--out", str(out)]) == 1
    assert out.read_bytes() == b"%PDF-1.4 vorige versie" and leftovers(tmp_path) == []


def test_a_cancelled_or_crashing_write_removes_the_temporary_file(tmp_path):
    target = tmp_path / "x.pdf"

    def cancel(tmp: Path):
        tmp.write_bytes(b"half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, cancel)
    assert list(tmp_path.iterdir()) == []

    def bug(tmp: Path):
        tmp.write_bytes(b"half")
        raise ValueError("bug")

    with pytest.raises(ValueError):
        write_atomically(target, bug)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("code, text", [
    (errno.EROFS, "de schijf of map is alleen-lezen"),
    (errno.EACCES, "u heeft geen schrijfrechten (of het bestand is geopend in een ander programma)"),
    (errno.ENOSPC, "de schijf is vol"),
])
def test_a_failing_rename_leaves_no_temporary_file(tmp_path, monkeypatch, code, text):
    target = tmp_path / "x.pdf"
    target.write_bytes(b"oud")

    def refuse(src, dst):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(output_paths.os, "replace", refuse)
    with pytest.raises(OutputPathError) as caught:
        write_atomically(target, lambda tmp: tmp.write_bytes(b"nieuw"))
    assert caught.value.message == f"Planbord kon “x.pdf” niet opslaan: {text}."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.pdf"] and target.read_bytes() == b"oud"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="root writes in a read-only folder anyway")
def test_a_read_only_folder_is_said_in_dutch(demo_workspace, tmp_path, capsys):
    folder = tmp_path / "alleen-lezen"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert main(["pdf", str(demo_workspace), "--sections", "begroting",
                     "--out", str(folder / "x.pdf")]) == 1
        assert capsys.readouterr().err == (
            "planbord: Planbord kon “x.pdf” niet opslaan: u heeft geen schrijfrechten (of het "
            "bestand is geopend in een ander programma).\n")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(OutputPathError) as caught:
        write_atomically(tmp_path / "weg" / "x.pdf", lambda tmp: tmp.write_bytes(b""))
    assert caught.value.message == f"De map “{tmp_path / 'weg'}” bestaat niet; kies een andere plek."


def test_check_output_path_when_the_target_cannot_be_examined(tmp_path, monkeypatch):
    def refuse(path, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output_paths.os, "stat", refuse)
    with pytest.raises(OutputPathError) as caught:
        check_output_path(tmp_path / "x.pdf")
    assert caught.value.message.startswith("Planbord kon “x.pdf” niet opslaan: u heeft geen schrijfrechten")


# =============================================================================================
# OS errors in Dutch
# =============================================================================================

@pytest.mark.parametrize("error, text", [
    (OSError(errno.ENOSPC, "No space left on device"), "de schijf is vol"),
    (PermissionError(errno.EACCES, "Permission denied"),
     "u heeft geen schrijfrechten (of het bestand is geopend in een ander programma)"),
    (OSError(errno.EROFS, "Read-only file system"), "de schijf of map is alleen-lezen"),
    (OSError(errno.ENAMETOOLONG, "File name too long"), "de naam is te lang"),
    (IsADirectoryError(errno.EISDIR, "Is a directory"), "het is een map, geen bestand"),
    (FileNotFoundError(errno.ENOENT, "No such file or directory"), "de map bestaat niet (meer)"),
    (FileNotFoundError("no errno"), "de map bestaat niet (meer)"),
    (PermissionError("no errno"), "u heeft geen schrijfrechten (of het bestand is geopend in een ander "
                                  "programma)"),
    (OSError(errno.EIO, "Input/output error"),
     "de schijf gaf een lees- of schrijffout; controleer of de schijf of netwerkmap nog bereikbaar is"),
    (OSError(9999, "Something odd"), "een fout van het besturingssysteem (Something odd)"),
    (OSError(), "een fout van het besturingssysteem (OSError)"),
])
def test_os_errors_become_dutch(error, text):
    assert os_error_text(error) == text


def test_messages_for_reading_writing_and_the_command_line():
    assert output_paths.read_failed_message(Path("/x/a.pdf"), PermissionError(errno.EACCES, "d")) == (
        "Planbord kon “a.pdf” niet lezen: u heeft geen rechten om het te lezen.")
    assert output_paths.read_failed_message(Path("a.pdf"), OSError(errno.EIO, "io")).startswith(
        "Planbord kon “a.pdf” niet lezen: de schijf gaf een lees- of schrijffout")
    assert output_paths.os_error_message(OSError(errno.ENOSPC, "full", "/x/y.pdf")) == (
        "“y.pdf”: de schijf is vol.")
    assert output_paths.os_error_message(OSError(errno.ENOSPC, "full")) == "De schijf is vol."


def test_the_command_line_says_an_unexpected_os_error_in_dutch(demo_workspace, monkeypatch, capsys):
    from app import cli as cli_module

    def disk_gone(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error", str(demo_workspace))

    monkeypatch.setattr(cli_module, "_summary", disk_gone)
    assert main(["summary", str(demo_workspace)]) == 1
    assert capsys.readouterr().err == (
        "planbord: “demo.planbord”: de schijf gaf een lees- of schrijffout; controleer of de schijf "
        "of netwerkmap nog bereikbaar is.\n")


# =============================================================================================
# The GUI exports: the PDF preview's Save and the chart export
# =============================================================================================

@pytest.fixture
def gui_context(planbord_qapp, demo_workspace, settings_store):
    from app.views.context import ApplicationContext

    context = ApplicationContext(open_workspace(demo_workspace), settings_store)
    yield context
    context.close()


def test_saving_the_pdf_over_the_workspace_is_refused(qtbot, gui_context, demo_workspace, tmp_path,
                                                      monkeypatch, copy_demo):
    from app.views.export import pdf_export
    from app.views.export.pdf_export import PdfPreviewDialog

    pdf = tmp_path / "gemaakt.pdf"
    assert main(["pdf", str(demo_workspace), "--sections", "bijdragen", "--out", str(pdf)]) == 0
    shown = []
    monkeypatch.setattr(pdf_export, "show_error", lambda parent, message: shown.append(message))
    preview = PdfPreviewDialog(pdf, "bijlage.pdf", start_folder=tmp_path, workspace_path=demo_workspace)
    qtbot.addWidget(preview)
    before = digest(demo_workspace)
    other = copy_demo(tmp_path / "ander.pdf")
    for target in (demo_workspace, other):
        monkeypatch.setattr(preview, "ask_save_path", lambda t=target: t)
        assert preview.save() is None
    assert shown == [
        "“demo.planbord” is het bestand zelf waaruit Planbord leest (“demo.planbord”); Planbord "
        "schrijft er niet overheen. Kies een andere naam.",
        "“ander.pdf” is een Planbord-werkbestand; Planbord schrijft er niet overheen. Kies een "
        "andere naam."]
    assert digest(demo_workspace) == before
    monkeypatch.setattr(preview, "ask_save_path", lambda: tmp_path / "goed.pdf")
    assert preview.save() == tmp_path / "goed.pdf"
    assert (tmp_path / "goed.pdf").read_bytes() == pdf.read_bytes() and leftovers(tmp_path) == []

    def full(src, dst, **kwargs):
        Path(dst).write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pdf_export.shutil, "copyfile", full)
    monkeypatch.setattr(preview, "ask_save_path", lambda: tmp_path / "vol.pdf")
    assert preview.save() is None
    assert shown[-1] == "Planbord kon “vol.pdf” niet opslaan: de schijf is vol."
    assert not (tmp_path / "vol.pdf").exists() and leftovers(tmp_path) == []
    preview.close_document()


def test_a_pdf_build_that_cannot_be_written_is_said_in_dutch(qtbot, gui_context, monkeypatch):
    from app.reports import build
    from app.services.plans import find_plan
    from app.views.export import pdf_export
    from app.views.export.pdf_export import PdfExportDialog

    with gui_context.workspace.session() as session:
        plan_id = find_plan(session, 2022).id
    dialog = PdfExportDialog(gui_context, plan_id)
    qtbot.addWidget(dialog)
    shown = []
    monkeypatch.setattr(pdf_export, "show_error", lambda parent, message: shown.append(message))
    monkeypatch.setattr(build, "AnnexDocument", FailingDocument)
    try:
        assert dialog.build() is None
        assert shown == ["Planbord kon “bijlagen.pdf” niet opslaan: de schijf is vol."]
        assert leftovers(dialog._folder) == []
    finally:
        dialog.remove_temporary_files()


def test_a_chart_is_never_exported_over_the_workspace(qtbot, gui_context, demo_workspace, tmp_path,
                                                      monkeypatch, copy_demo):
    from PySide6.QtWidgets import QFileDialog

    from app.views.charts import ChartsPanel

    panel = ChartsPanel(gui_context)
    qtbot.addWidget(panel)
    with gui_context.workspace.session() as session:
        from app.services.plans import find_plan

        panel.set_plan(find_plan(session, 2022).id)
    errors = []
    gui_context.error_reported.connect(errors.append)
    workspace_png = copy_demo(tmp_path / "werk.png")
    before = digest(workspace_png)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(workspace_png), ""))
    assert panel.export_dialog("png") is None
    assert errors == ["“werk.png” is een Planbord-werkbestand; Planbord schrijft er niet overheen. "
                      "Kies een andere naam."]
    assert digest(workspace_png) == before

    def full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "g.svg"), ""))
    assert panel.export_dialog("svg") is None
    assert errors[-1] == "Planbord kon “g.svg” niet opslaan: de schijf is vol."
    monkeypatch.undo()
    assert not (tmp_path / "g.svg").exists() and leftovers(tmp_path) == []


def nullcontext():
    from contextlib import nullcontext as real

    return real()
