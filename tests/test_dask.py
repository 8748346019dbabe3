"""The batch on a dask.distributed LocalCluster: same guarantees as the local pool."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from batch_corpus import TEXT_KINDS, make_corpus
from batchcheck import (
    assert_complete,
    kill_after_records,
    manifest_rows,
    run_batch_cli,
    start_batch_cli,
    summary,
)

import gongmun.pipeline
from gongmun.batch import BatchOptions, run_batch

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow  # every test here starts a cluster

CORPUS = 40


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """Two one-thread workers inside this process, reachable over TCP by a batch subprocess."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  protocol="tcp://", dashboard_address=":0") as local:
        yield local


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    root = tmp_path_factory.mktemp("dask_corpus")
    return root, make_corpus(root, CORPUS, seed=11, kinds=TEXT_KINDS)


@pytest.fixture
def slow_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cluster's workers run in this process: slow them so the kill lands mid-run."""
    real = gongmun.pipeline.extract_bytes

    def slow(data: bytes, path: str, **kwargs: Any) -> Any:
        time.sleep(0.05)
        return real(data, path, **kwargs)

    monkeypatch.setattr(gongmun.pipeline, "extract_bytes", slow)


@pytest.mark.usefixtures("slow_workers")
def test_dask_batch_survives_kill_9_of_the_client_and_resumes(
        cluster: Any, corpus: tuple[Path, list[Path]], tmp_path: Path) -> None:
    in_dir, inputs = corpus
    out = tmp_path / "out"
    args = (in_dir, "--out", out, "--executor", "dask", "--scheduler", cluster.scheduler_address,
            "--no-correct")
    job = start_batch_cli(*args, env=_env())
    seen = kill_after_records(job, out, at_least=CORPUS // 4)
    done_before = sum(1 for _, status in manifest_rows(out) if status == "done")
    assert 0 < seen < CORPUS and done_before < CORPUS, "the kill came too late"

    rerun = run_batch_cli(*args, env=_env())
    assert rerun.returncode == 0, rerun.stderr
    assert_complete(in_dir, out, inputs)
    assert summary(out)["skipped"] == done_before
    assert summary(out)["executor"] == "dask"


def test_dask_on_its_own_local_cluster_with_bytes_matches_the_local_pool(
        corpus: tuple[Path, list[Path]], tmp_path: Path) -> None:
    in_dir, inputs = corpus
    local, dask = tmp_path / "local", tmp_path / "dask"
    run_batch(BatchOptions(in_dir=in_dir, out_dir=local, workers=2, progress=False,
                           correct=False))
    result = run_batch(BatchOptions(in_dir=in_dir, out_dir=dask, workers=2, executor="dask",
                                    send_bytes=True, progress=False, correct=False))
    assert (result.done, result.failed) == (CORPUS, 0)
    assert_complete(in_dir, dask, inputs)
    for record in sorted((local / "records").rglob("*.json")):
        twin = dask / record.relative_to(local)
        assert twin.read_text(encoding="utf-8") == record.read_text(encoding="utf-8")


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)

