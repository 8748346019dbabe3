# Quick start: `make run`, `make test`. Both set themselves up on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test check lint typecheck eval bench goldens samples clean fuzz

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

# The review site's browser tests drive headless Chromium (Debian's, not a downloaded one):
# big, so only `make test` installs it, through the same apt step.
BROWSER_PACKAGES := chromium chromium-driver
.PHONY: browser-packages
browser-packages:
	@$(MAKE) --no-print-directory system-packages SYSTEM_PACKAGES="$(BROWSER_PACKAGES)"

# The main job: every sample through the batch runner (resumable; reruns skip what is done),
# then the analysts' tables.
run: setup
	$(BIN)/gongmun batch samples --out out
	$(BIN)/gongmun export out --to csv
	$(BIN)/gongmun review out

test: setup browser-packages
	$(BIN)/ruff check .
	$(BIN)/python scripts/typecheck.py
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check .

typecheck: setup
	$(BIN)/python scripts/typecheck.py

# The quick loop while editing: lint, types, and every test but the slow ones.
check: setup
	$(BIN)/ruff check .
	$(BIN)/python scripts/typecheck.py
	$(BIN)/pytest -m 'not slow'

eval: setup
	$(BIN)/python scripts/eval_ocr.py
	$(BIN)/python scripts/eval_tables.py
	$(BIN)/python scripts/eval_press.py heldout

bench: setup
	$(BIN)/python scripts/bench.py

# Rewrite the golden records from the current pipeline; read `git diff samples/expected`.
goldens: setup
	$(BIN)/python scripts/update_goldens.py

# Coverage-guided fuzzing of each reader (atheris), FUZZ_SECONDS each; not part of `make test`.
# Fails if any target found an internal error (crash inputs are kept as .fuzz/TARGET-crash-*).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := pdf text html sniff
fuzz: setup
	$(BIN)/pip install -q -e '.[fuzz]' > $(VENV)/fuzz-install.log 2>&1 || \
	  echo "atheris not installed (see $(VENV)/fuzz-install.log): random mutation instead"
	@mkdir -p .fuzz; for t in $(FUZZ_TARGETS); do \
	  echo "== fuzz $$t ($(FUZZ_SECONDS) s, log: .fuzz/$$t.log)"; \
	  $(BIN)/python fuzz/fuzz_readers.py $$t $(FUZZ_SECONDS) > .fuzz/$$t.log 2>&1; rc=$$?; \
	  grep -E "^(Done|stat::(number_of|average|peak)|[a-z]+: [0-9]+ runs)" .fuzz/$$t.log; \
	  test $$rc -eq 0 || { tail -n 40 .fuzz/$$t.log; exit 1; }; \
	done

samples: setup
	$(BIN)/python samples/make_samples.py
	$(BIN)/python samples/make_press_samples.py
	$(BIN)/python samples/make_hwp_samples.py

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache .fuzz
