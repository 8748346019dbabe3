"""Preloaded by the batch's forkserver after `gongmun.forkserver`, when some input will be
OCR-corrected: Kiwi (built, its language model loaded by a first analysis) and the spaCy
pipeline, once, in the server. Each worker forked from it shares their pages copy-on-write
instead of loading its own copy (seconds and ~500 MB each). Kiwi has no thread pool
(`normalize.korean.KIWI_THREADS`), so a forked copy works (tests/test_fork_models.py).
"""

import contextlib
import gc

from gongmun.normalize.korean import get_nlp
from gongmun.pipeline import load_models

load_models(True)  # never raises: a model that fails to load fails each input with its reason
with contextlib.suppress(Exception):
    get_nlp()
# Everything loaded so far is moved out of the collector's generations, so that collections
# in the workers do not write to (and so copy) the shared objects' pages.
gc.freeze()
