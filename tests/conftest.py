"""Shared test fixtures: paths to the samples and a builder for small in-memory documents."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SEED_CARD = SAMPLES / "cards" / "001_3d71a2a9b0fba71b.txt"
SEED_ARTICLE = SAMPLES / "press" / "000_6bcb5439693b9bf5.txt"


@pytest.fixture(scope="session")
def seed_card_record():  # type: ignore[no-untyped-def]
    from gongmun.pipeline import extract

    return extract(SEED_CARD)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens", action="store_true",
        help="rewrite samples/expected/ from the current pipeline before comparing",
    )
