"""Preloaded by the batch's forkserver, and only there: it dies with the batch that started
it (see `batch.die_with_parent`), and has the pipeline imported, so that each worker forked
from it starts warm."""

import os

from gongmun.batch import BATCH_PID_ENV, die_with_parent

die_with_parent(int(os.environ.get(BATCH_PID_ENV) or os.getppid()))

import gongmun.pipeline  # noqa: E402, F401
