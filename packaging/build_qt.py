"""Compile forms/*.ui and resources/govboard.qrc into govboard/ui/forms/.

    python packaging/build_qt.py          # regenerate
    python packaging/build_qt.py --check  # exit 1 if the committed modules are stale

Generated modules are committed so installs and frozen builds need no build step. The
"Created by" line (it names the uic version) is ignored when comparing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "forms"
QRC = ROOT / "resources" / "govboard.qrc"
OUT = ROOT / "govboard" / "ui" / "forms"


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        raise SystemExit(f"{name} not found; install the project first (pip install -e .)")
    return found


_QT_IMPORT = re.compile(r"^from PySide6\.(\w+) import \(([^)]*)\)\n", re.MULTILINE)


def trim_imports(text: str) -> str:
    """Keep only the Qt classes a generated form uses. uic imports the same long list whatever
    the form holds, and PySide6 builds each imported class and its enums on import: ~5 ms of
    every start-up for the main window's form, more for the dialogs'."""
    body = _QT_IMPORT.sub("", text)

    def used(match: re.Match) -> str:
        names = [n.strip() for n in match.group(2).replace("\n", " ").split(",") if n.strip()]
        kept = [n for n in names if re.search(rf"\b{n}\b", body)]
        return f"from PySide6.{match.group(1)} import ({', '.join(kept)})\n" if kept else ""

    return _QT_IMPORT.sub(used, text)


def generate(dest: Path) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    outputs = []
    for ui in sorted(FORMS.glob("*.ui")):
        target = dest / f"ui_{ui.stem}.py"
        subprocess.run([_tool("pyside6-uic"), "--from-imports", str(ui), "-o", str(target)], check=True)
        target.write_text(trim_imports(target.read_text(encoding="utf-8")), encoding="utf-8")
        outputs.append(target)
    target = dest / "govboard_rc.py"
    # rcc stamps each file's mtime into the module; a fresh clone has new mtimes, so pin them
    # (QT_RCC_SOURCE_DATE_OVERRIDE is Qt's reproducible-build switch) to keep --check stable.
    env = dict(os.environ, QT_RCC_SOURCE_DATE_OVERRIDE="1")
    subprocess.run([_tool("pyside6-rcc"), "--no-zstd", str(QRC), "-o", str(target)], check=True, env=env)
    outputs.append(target)
    return outputs


def _normalised(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if "Created by:" not in line]


def stale_modules() -> list[str]:
    """Names of generated modules that differ from what the sources would produce now."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = generate(Path(tmp))
        stale = []
        for path in fresh:
            committed = OUT / path.name
            if not committed.exists() or _normalised(committed) != _normalised(path):
                stale.append(path.name)
        return stale


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale modules")
    args = parser.parse_args()
    if args.check:
        stale = stale_modules()
        if stale:
            print("Stale generated modules: " + ", ".join(stale), file=sys.stderr)
            raise SystemExit(1)
        print("Generated modules are up to date.")
        return
    for path in generate(OUT):
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
