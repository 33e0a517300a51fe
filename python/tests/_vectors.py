"""The cross-language test vectors at the repository root (``testdata/``), shared with the Java tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TESTDATA = Path(__file__).resolve().parents[2] / "testdata"


def load(name: str) -> dict[str, Any]:
    with open(TESTDATA / name, encoding="utf-8") as f:
        return json.load(f)
