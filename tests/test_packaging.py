"""The installer's parts that can be checked without PyInstaller or Windows: the icon made from the
SVG, the entry scripts, and the Inno Setup script agreeing with the build and the app.
(The frozen build itself is smoke-tested by packaging/build_app.py; too slow for this suite.)"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import govboard

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))
import make_icon  # noqa: E402

LOGO_BLUE = 0x1F4E79  # the rounded square's fill in resources/icons/govboard.svg


def _ico_directory(data: bytes) -> list[tuple[int, bytes]]:
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    entries = []
    for index in range(count):
        width, height, _, _, planes, bits, size, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        assert (width, planes, bits) == (height, 1, 32)
        assert offset + size <= len(data)
        entries.append((width or 256, data[offset:offset + size]))
    return entries


def test_icon_holds_every_size_windows_asks_for(qapp):
    entries = _ico_directory(make_icon.ico_bytes())

    assert [size for size, _ in entries] == list(make_icon.ICON_SIZES)
    for size, blob in entries:
        if size >= make_icon.PNG_FROM:
            assert blob.startswith(b"\x89PNG\r\n\x1a\n")
        else:
            header_size, width, height = struct.unpack_from("<Iii", blob, 0)
            assert (header_size, width, height) == (40, size, 2 * size)  # height counts the AND mask
            assert len(blob) == 40 + size * size * 4 + ((size + 31) // 32) * 4 * size


def test_icon_reads_back_as_the_logo_the_right_way_up(qapp, tmp_path):
    from PySide6.QtGui import QImageReader

    ico = make_icon.write_icon(tmp_path / "govboard.ico")
    reader = QImageReader(str(ico))
    assert reader.imageCount() == len(make_icon.ICON_SIZES)
    for index, size in enumerate(make_icon.ICON_SIZES):
        assert reader.jumpToImage(index)
        image = reader.read()
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(0, 0).alpha() == 0  # rounded corner stays transparent
        centre = image.pixelColor(size // 2, size // 2)
        assert centre.alpha() == 255
        if size >= 32:
            assert centre.rgb() & 0xFFFFFF == LOGO_BLUE  # between two columns of the building
        # The white roof's apex (y=14 of 64) is near the top; the same distance from the bottom is
        # blue. A bitmap stored the wrong way up would swap them.
        apex_row = int(14 * size / 64)
        apex = image.pixelColor(size // 2, apex_row).lightness()
        mirrored = image.pixelColor(size // 2, size - 1 - apex_row).lightness()
        assert apex > mirrored + 60
        if size >= 32:
            assert apex > 200


@pytest.mark.subprocess
def test_cli_entry_script_runs_the_cli_under_its_installed_name():
    done = subprocess.run([sys.executable, str(PACKAGING / "entry_cli.py"), "--version"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"govboard-cli, version {govboard.__version__}"


def _iss_defines(text: str) -> dict[str, str]:
    return dict(re.findall(r'^#define (\w+) "([^"]*)"', text, flags=re.MULTILINE))


def test_installer_script_matches_the_build_and_the_app():
    iss = (PACKAGING / "windows" / "govboard.iss").read_text(encoding="utf-8")
    spec = (PACKAGING / "govboard.spec").read_text(encoding="utf-8")
    defines = _iss_defines(iss)

    # The executable it installs and associates is the GUI the spec builds, into the folder it builds.
    assert defines["AppExe"] == "govboard.exe"
    assert re.search(r'EXE\(PYZ\(gui\.pure\).*name="govboard", console=False', spec)
    assert 'Source: "{#Root}\\dist\\govboard\\*"' in iss
    assert defines["FileExt"] == govboard.FILE_SUFFIX
    assert '"""{app}\\{#AppExe}"" ""%1"""' in iss  # the app takes the file as its one argument
    assert re.search(r"^PrivilegesRequiredOverridesAllowed=dialog$", iss, flags=re.MULTILINE)
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", iss, flags=re.MULTILINE)
    assert "AppVersion" not in defines  # passed by iscc /DAppVersion=..., never left stale here


@pytest.mark.parametrize("extra, has_pyinstaller", [("package", True), ("test", False)])
def test_pyinstaller_is_only_in_the_package_extra(extra, has_pyinstaller):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = [req for req in project["optional-dependencies"][extra] if req.startswith("pyinstaller")]
    assert pins == (["pyinstaller==6.22.3"] if has_pyinstaller else [])
