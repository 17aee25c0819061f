"""The bundled DejaVu Sans family, registered with ReportLab once.

The standard PDF fonts only cover WinAnsi, so names like Łukasz or Nguyễn would print as boxes.
DejaVu Sans (derived from Bitstream Vera; licence in fonts/LICENSE-DejaVu.txt) covers Latin,
Greek, Cyrillic and Vietnamese. The files are package data, opened through
`importlib.resources.as_file` so this also works from a zip or a frozen app.
"""

from __future__ import annotations

import threading
from importlib import resources

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

_FILES = {
    FAMILY: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register the family (idempotent, thread-safe) and return its regular face name."""
    global _registered
    if _registered:
        return FAMILY
    with _lock:
        if _registered:
            return FAMILY
        folder = resources.files("govboard.reports") / "fonts"
        for face, filename in _FILES.items():
            # TTFont reads the whole file while the temporary path (if any) still exists.
            with resources.as_file(folder / filename) as path:
                pdfmetrics.registerFont(TTFont(face, str(path)))
        # The family mapping lets <b>/<i> in Paragraph markup switch faces.
        pdfmetrics.registerFontFamily(
            FAMILY, normal=FAMILY, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        _registered = True
    return FAMILY


def license_text() -> str:
    return (resources.files("govboard.reports") / "fonts" / "LICENSE-DejaVu.txt").read_text("utf-8")
