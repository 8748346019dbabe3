"""Preloaded by the batch's forkserver, and only there: it dies with the batch that started
it (see `batch.die_with_parent`), and has the pipeline imported, so that each worker forked
from it starts warm."""

from gongmun.batch import die_with_parent

die_with_parent()

import gongmun.pipeline  # noqa: E402, F401
