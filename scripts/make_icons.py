"""Renders Planbord's icons for the installers, from the SVGs in app/resources/icons.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icons.py [--out installers/icons]

Two icons: the application (planbord.svg) and the document icon of .planbord files
(planbord-document.svg). Each becomes
  - hicolor/SIZExSIZE/{apps,mimetypes}/NAME.png for Linux's icon theme (install.sh),
    with the SVG under hicolor/scalable;
  - NAME.ico for Windows (the executable, the Inno Setup installer, the file association);
  - NAME.icns for macOS (the .app and its document type).
The theme names: the application is "planbord", the document "application-x-planbord"
(freedesktop's name for the MIME type application/x-planbord's icon).

The ICO and ICNS containers are written here from PNGs (Qt's writers store one image per
file); both formats allow PNG entries, so every size is Qt's own rendering of the SVG.
At 16, 24 (and 32) px the drawing is a variant redrawn on that pixel grid (installers/icons/small,
NAME-SIZE.svg, where there is one): the full drawing's margins, half-pixel edges and thin lines
blur at those sizes. Change both when the design changes.
"""
from __future__ import annotations

import argparse
import shutil
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "app" / "resources" / "icons"
OUT_DIR = ROOT / "installers" / "icons"
SMALL_DIR = OUT_DIR / "small"  # NAME-SIZE.svg: redrawn on that small pixel grid

# Source SVG (without .svg) -> (theme context, theme name, file stem of .ico/.icns).
ICONS = {
    "planbord": ("apps", "planbord", "planbord"),
    "planbord-document": ("mimetypes", "application-x-planbord", "planbord-document"),
}
LINUX_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
WINDOWS_SIZES = (16, 24, 32, 48, 64, 256)
# ICNS entry types holding PNG data, by pixel size: ic07-ic10 are 128, 256, 512 and 1024
# (512 at 2x); icp4/icp5/ic11/ic12 the small ones Finder's lists use (16, 32, 32, 64).
ICNS_TYPES = (("icp4", 16), ("icp5", 32), ("ic11", 32), ("ic12", 64), ("ic07", 128),
              ("ic13", 256), ("ic08", 256), ("ic14", 512), ("ic09", 512), ("ic10", 1024))


_qt_app = None


def svg_for(name: str, size: int) -> Path:
    """The drawing for ``size``: the small variant made for it, else the application's SVG."""
    small = SMALL_DIR / f"{name}-{size}.svg"
    return small if small.is_file() else SOURCE_DIR / f"{name}.svg"


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn on a transparent square of ``size`` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    global _qt_app
    _qt_app = QGuiApplication.instance() or QGuiApplication([])  # painting wants one, kept alive
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"not a valid SVG: {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


# --- ICO: Windows ----------------------------------------------------------------------------
# ICONDIR (6 bytes, little-endian): reserved 0, type 1 (icon), count.
# Then one ICONDIRENTRY (16 bytes) per image: width, height (1 byte each, 0 means 256),
# colour count 0, reserved 0, planes 1, bits per pixel 32, size of the data, its offset.
# Then the images' data: here whole PNG files (allowed since Windows Vista).

def build_ico(pngs: dict[int, bytes]) -> bytes:
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        data = pngs[size]
        entries.append(struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset))
        blobs.append(data)
        offset += len(data)
    return header + b"".join(entries) + b"".join(blobs)


def read_ico(data: bytes) -> list[tuple[int, int, bytes]]:
    """(width, height, image data) of each entry, the width and height from the directory."""
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    if reserved != 0 or kind != 1:
        raise ValueError("not an ICO file")
    images = []
    for i in range(count):
        width, height, _colours, _reserved, _planes, _bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * i)
        images.append((width or 256, height or 256, data[offset:offset + length]))
    return images


# --- ICNS: macOS -----------------------------------------------------------------------------
# Header: the magic "icns" and the file's total length (big-endian 32-bit).
# Then entries: a 4-character type, the entry's length including these 8 bytes, the data
# (here a PNG file; the type says which size it must be).

def build_icns(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(kind.encode("ascii") + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
                    for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def read_icns(data: bytes) -> list[tuple[str, bytes]]:
    if data[:4] != b"icns" or struct.unpack_from(">I", data, 4)[0] != len(data):
        raise ValueError("not an ICNS file (or its length is wrong)")
    entries, offset = [], 8
    while offset < len(data):
        kind = data[offset:offset + 4].decode("ascii")
        (length,) = struct.unpack_from(">I", data, offset + 4)
        if length < 8 or offset + length > len(data):
            raise ValueError(f"ICNS entry {kind} has a bad length")
        entries.append((kind, data[offset + 8:offset + length]))
        offset += length
    return entries


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return struct.unpack(">II", data[16:24])


def make_icons(out: Path = OUT_DIR) -> list[Path]:
    """Writes every icon file under ``out``; returns their paths."""
    written = []
    sizes = sorted(set(LINUX_SIZES) | set(WINDOWS_SIZES) | {size for _kind, size in ICNS_TYPES})
    for name, (context, theme_name, stem) in ICONS.items():
        pngs = {size: render_png(svg_for(name, size), size) for size in sizes}
        for size in LINUX_SIZES:
            path = out / "hicolor" / f"{size}x{size}" / context / f"{theme_name}.png"
            written.append(_write(path, pngs[size]))
        scalable = out / "hicolor" / "scalable" / context / f"{theme_name}.svg"
        scalable.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SOURCE_DIR / f"{name}.svg", scalable)
        written.append(scalable)
        written.append(_write(out / f"{stem}.ico", build_ico({s: pngs[s] for s in WINDOWS_SIZES})))
        written.append(_write(out / f"{stem}.icns", build_icns(pngs)))
    return written


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render Planbord's installer icons from the SVGs.")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help=f"output folder (default {OUT_DIR})")
    args = parser.parse_args(argv)
    written = make_icons(args.out)
    print(f"{len(written)} icon files written under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
