# Quick start: `make run`, `make test`. Both set themselves up on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint typecheck eval bench samples clean

setup: $(STAMP) system-packages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@echo "installing gongmun and its dependencies into $(VENV) (log: $(VENV)/install.log)"
	@( $(BIN)/pip install -q --upgrade pip && $(BIN)/pip install -q -e '.[dev]' ) \
	  > $(VENV)/install.log 2>&1 || (tail -n 30 $(VENV)/install.log; exit 1)
	touch $(STAMP)

# Debian packages: a Korean font for the sample PDFs and page rendering (fonts-nanum), and
# the OCR engine with its Korean model for scans and the real-OCR corpus (tesseract-ocr-kor).
SYSTEM_PACKAGES := fonts-nanum tesseract-ocr tesseract-ocr-kor
.PHONY: system-packages
system-packages:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing $$missing (apt)"; \
	    (apt-get install -y -q $$missing || (apt-get update -q && apt-get install -y -q $$missing)) >/dev/null; \
	  else echo "note: sudo apt-get install $$missing (Korean font, OCR engine)"; fi; \
	fi

# The main job: every sample through the batch runner (resumable; reruns skip what is done),
# then the analysts' tables.
run: setup
	$(BIN)/gongmun batch samples --out out
	$(BIN)/gongmun export out --to csv

test: setup
	$(BIN)/ruff check .
	$(BIN)/mypy gongmun extract normalize schemas
	$(BIN)/pytest

eval: setup
	$(BIN)/python -m gongmun.evaluate
	$(BIN)/python scripts/eval_press.py heldout

bench: setup
	$(BIN)/python scripts/bench.py

samples: setup
	$(BIN)/python samples/make_samples.py
	$(BIN)/python samples/make_press_samples.py
	$(BIN)/python samples/make_hwp_samples.py

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
