"""Helpers for document tests: render a sample, read its text back with pdftotext."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The PDF's text with all whitespace removed (lines wrap and justification adds spaces)."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    return re.sub(r"\s+", "", out)


def flat(value: object) -> list[str]:
    """The printable strings inside a context value (lists of dicts included)."""
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in flat(item)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in flat(v)]
    return [re.sub(r"\s+", "", str(value))]


@pytest.fixture
def read_pdf(tmp_path: Path):
    return lambda pdf: pdf_text(pdf, tmp_path)
