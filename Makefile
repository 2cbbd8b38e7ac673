# One command sets up and runs the main job (make run), one sets up and passes the
# tests (make test). Both create .venv themselves; nothing installed by hand is used.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
RAW    := $(wildcard data/raw/*.txt)

.PHONY: all venv run test lint typecheck pytest validate fuzz bench golden system-deps catalog corpus clean

all: test

# The catalogs compile when the package installs (hatch_build.py): a changed .po reinstalls.
$(STAMP): pyproject.toml hatch_build.py $(wildcard src/targetdoc/locale/*/LC_MESSAGES/*.po)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,ocr]'
	touch $(STAMP)

venv: $(STAMP)

## run: parse every notice in data/raw/ into its canonical file in data/yaml/
run: $(STAMP)
	@for notice in $(RAW); do \
		stem=$$(basename "$$notice" .txt); \
		$(BIN)/targetdoc parse "$$notice" -o "data/yaml/$$stem.yaml" || exit $$?; \
	done

## test: lint, type-check, run the test suite and validate the repository's data
test: lint typecheck pytest validate

lint: $(STAMP)
	$(BIN)/ruff check src tests bench hatch_build.py
	$(BIN)/ruff format --check src tests bench hatch_build.py
	$(BIN)/lint-imports --no-cache
	$(BIN)/vulture

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

## validate: the repository's notices, canonical files, roll-ups and waivers
validate: $(STAMP)
	$(BIN)/targetdoc validate

## fuzz: the property tests with a long budget (3000 examples each; PDF layouts 200
## set by reportlab, 50 by LibreOffice), and OCR on eleven more scanned pages
fuzz: $(STAMP)
	TARGETDOC_OCR_PAGES=all $(BIN)/pytest tests/test_ocr.py
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest tests/test_fuzz.py tests/test_emitter.py \
		tests/test_thresholds.py tests/test_normalize.py tests/adversarial/test_properties.py \
		tests/adversarial/test_properties_score.py tests/adversarial/test_unit_files.py \
		tests/adversarial/test_escaped_outputs.py tests/test_pdf_fuzz.py \
		--hypothesis-show-statistics

## system-deps: programs some tests drive, from Debian's packages: LibreOffice (the
## workbook; Writer turns a Word document into a PDF notice), Chromium and its driver
## (the HTML report), CJK fonts (its screenshots; TrueType ones reportlab embeds in
## the PDF notices: 宋体 and 楷体 from arphic, 黑体 from wqy, for the layout fuzzer). Tests that need them are skipped where they are missing, never in CI.
SYSTEM_PACKAGES := libreoffice-calc-nogui libreoffice-writer-nogui chromium chromium-driver \
	fonts-noto-cjk fonts-wqy-zenhei fonts-wqy-microhei fonts-arphic-uming fonts-arphic-ukai
system-deps:
	@if ! dpkg-query -W -f='$${Status}\n' $(SYSTEM_PACKAGES) 2>/dev/null \
		| grep -qv '^install ok installed$$' && \
		[ "$$(dpkg-query -W -f='$${Status}\n' $(SYSTEM_PACKAGES) 2>/dev/null | wc -l)" -eq \
		  "$$(echo $(SYSTEM_PACKAGES) | wc -w)" ]; then \
		echo "system packages: all installed"; \
	else \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES); \
	fi

## catalog: extract the interface's messages with Babel and merge them into the Chinese
## catalog (then translate what is new in src/targetdoc/locale/zh_CN/LC_MESSAGES/targetdoc.po)
LOCALE := src/targetdoc/locale
catalog: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k of:2 -k Code:4 --no-location \
		--omit-header --sort-output -o $(LOCALE)/targetdoc.pot src/targetdoc
	$(BIN)/pybabel update -i $(LOCALE)/targetdoc.pot -d $(LOCALE) -D targetdoc -l zh_CN \
		--no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date --width 100
	rm $(LOCALE)/targetdoc.pot

## bench: timings against baselines measured in the same run; writes bench/RESULTS.md,
## and OCR's seconds a page and character errors against Tesseract's (bench/OCR.md)
bench: $(STAMP)
	$(BIN)/python bench/bench.py --write
	$(BIN)/python bench/ocr.py --write

## corpus: how well the parser reads the development corpus (tests/corpus/), by shape;
## CORPUS_ARGS=--write records the rates in tests/corpus/RESULTS.md, --misses lists misses
corpus: $(STAMP)
	$(BIN)/python tests/corpus/measure.py $(CORPUS_ARGS)

## golden: rewrite data/yaml/ from data/raw/ (review the diff like code)
golden: $(STAMP)
	UPDATE_GOLDEN=1 $(BIN)/pytest tests/test_golden.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
