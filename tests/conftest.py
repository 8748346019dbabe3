"""Shared test fixtures: paths to the samples and a builder for small in-memory documents."""

from __future__ import annotations

import re
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


@pytest.fixture(scope="session")
def seed_article_record():  # type: ignore[no-untyped-def]
    from gongmun.pipeline import extract

    return extract(SEED_ARTICLE)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens", action="store_true",
        help="rewrite samples/expected/ from the current pipeline before comparing",
    )


# A module marked slow as a whole (`pytestmark = pytest.mark.slow` or a list opening with it).
_SLOW_MODULE = re.compile(r"^pytestmark = \[?pytest\.mark\.slow\b", re.M)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """`-m 'not slow'` (make check) does not even import a module that is slow as a whole:
    its imports (a dask cluster's, a browser driver's, hypothesis) cost seconds of their own."""
    if (config.getoption("markexpr") == "not slow" and collection_path.suffix == ".py"
            and collection_path.name.startswith("test_")
            and _SLOW_MODULE.search(collection_path.read_text(encoding="utf-8"))):
        return True
    return None
