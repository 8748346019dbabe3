# Quick start: `make run`, `make test`. Both set themselves up on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KOREAN_FONT := /usr/share/fonts/truetype/nanum/NanumGothic.ttf

.PHONY: setup run test lint typecheck eval bench samples clean

setup: $(STAMP) $(KOREAN_FONT)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@echo "installing gongmun and its dependencies into $(VENV) (log: $(VENV)/install.log)"
	@( $(BIN)/pip install -q --upgrade pip && $(BIN)/pip install -q -e '.[dev]' ) \
	  > $(VENV)/install.log 2>&1 || (tail -n 30 $(VENV)/install.log; exit 1)
	touch $(STAMP)

# The sample PDFs are generated with a font that has Korean glyphs (Debian's fonts-nanum).
$(KOREAN_FONT):
	@if [ "$$(id -u)" = 0 ]; then \
	  (apt-get install -y -q fonts-nanum || (apt-get update -q && apt-get install -y -q fonts-nanum)) >/dev/null; \
	else echo "note: install fonts-nanum (sudo apt-get install fonts-nanum) to regenerate sample PDFs"; fi

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

bench: setup
	$(BIN)/python scripts/bench.py

samples: setup
	$(BIN)/python samples/make_samples.py
	$(BIN)/python samples/make_press_samples.py

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
