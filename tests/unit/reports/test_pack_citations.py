"""The board pack's appendix cites the handbook edition the check used (rulebook v2)."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from govboard.services.trust import build_pack, create_demo
from govboard.store import TrustFile


def _text(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("cite") / "Hillside.govboard"
    create_demo(path, today=date(2026, 3, 15)).close()
    return path


@pytest.mark.parametrize("as_of, edition, other", [(date(2025, 8, 31), "2024", "2025"),
                                                    (date(2026, 3, 15), "2025", "2024")])
def test_appendix_cites_the_edition_in_force_on_the_packs_date(demo, tmp_path, as_of, edition, other):
    out = tmp_path / "pack.pdf"
    with TrustFile.open(demo, read_only=True) as tf:
        build_pack(tf, out, as_of=as_of, sections=("summary", "appendix"))
    text = _text(out)
    assert f"ATH {edition}" in text
    assert f"ATH {other} " not in text.replace("ATH 2025 para 3.16", "").replace("ATH 2025 para 2.27", "")
