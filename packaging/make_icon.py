"""Render resources/icons/govboard.svg into a Windows .ico for the frozen app and its installer.

    python packaging/make_icon.py OUT.ico

No binary icon is kept in the repository: the .ico is made from the SVG at build time with Qt
(Pillow, which PyInstaller would otherwise use to convert a PNG, is not ours to rely on). Small
sizes are stored as 32-bit bitmaps and 256 px as PNG, the layout Windows itself expects.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

SVG = Path(__file__).resolve().parent.parent / "resources" / "icons" / "govboard.svg"
ICON_SIZES = (16, 20, 24, 32, 40, 48, 64, 256)
PNG_FROM = 256  # entries this large are PNG-compressed; smaller ones are bitmaps


def render(svg: Path, size: int):
    """The SVG drawn on a transparent size x size QImage (ARGB32, un-premultiplied)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"cannot read {svg} as SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def _png_bytes(image) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data)


def _bitmap_bytes(image) -> bytes:
    """An icon's DIB: BITMAPINFOHEADER (height doubled for the mask), BGRA rows bottom-up, AND mask."""
    size = image.width()
    rows = []
    for y in range(size - 1, -1, -1):
        # Format_ARGB32 is stored as 0xAARRGGBB words, i.e. B, G, R, A bytes on little-endian machines.
        line = bytes(image.constScanLine(y))[: size * 4]
        if sys.byteorder != "little":
            line = b"".join(line[i:i + 4][::-1] for i in range(0, len(line), 4))
        rows.append(line)
    mask_row = ((size + 31) // 32) * 4  # 1 bit a pixel, rows padded to 32 bits; alpha does the work
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    return header + b"".join(rows) + bytes(mask_row * size)


def ico_bytes(svg: Path = SVG, sizes: tuple[int, ...] = ICON_SIZES) -> bytes:
    images = []
    for size in sizes:
        image = render(svg, size)
        images.append((size, _png_bytes(image) if size >= PNG_FROM else _bitmap_bytes(image)))
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = [], []
    for size, blob in images:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return header + b"".join(entries) + b"".join(blobs)


def write_icon(dest: Path, svg: Path = SVG) -> Path:
    """Write the .ico; a Q(Gui)Application must exist (main() makes an offscreen one)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(ico_bytes(svg))
    return dest


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window is shown; works without a display
    from PySide6.QtGui import QGuiApplication

    # QPainter needs a Q(Gui)Application; keep a reference for as long as it draws.
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    path = write_icon(Path(args[0]))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
