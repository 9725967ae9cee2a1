# Set-up and everyday commands. Everything runs inside .venv, created on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= ../shared/data
OUT    ?= out
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: eval-checklist screenshots demo test lint bench install install-dev clean train-ner train-ner-accurate train-places eval-ner train-keywords eval-keywords train-sentiment eval-sentiment eval-quotes

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall when the package metadata changes.
$(VENV)/.installed: setup.cfg pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-dev: setup.cfg pyproject.toml | $(BIN)/python
	$(PIP) install -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## demo: analyse the bundled sample corpus, write the report to out/, print a summary
demo: install
	$(BIN)/toolkit report corpora/samples -o $(OUT)

## test: ruff, mypy --strict on the package, and the test suite (with the package's doctests)
test: install-dev
	$(BIN)/ruff check toolkit tests
	$(BIN)/mypy toolkit
	$(BIN)/python -m pytest -q

lint: install-dev
	$(BIN)/ruff check toolkit tests
	$(BIN)/mypy toolkit

## eval-checklist: the outside readers' checklists (corpora/checklist5 and checklist4 held out: totals only; checklist3, checklist2, checklist) through analyze_corpus
eval-checklist: install-dev
	$(BIN)/python -m toolkit.evaluate.checklist --dir corpora/checklist5
	$(BIN)/python -m toolkit.evaluate.checklist --dir corpora/checklist4
	$(BIN)/python -m toolkit.evaluate.checklist --dir corpora/checklist3 --failures
	$(BIN)/python -m toolkit.evaluate.checklist --dir corpora/checklist2
	$(BIN)/python -m toolkit.evaluate.checklist --dir corpora/checklist --extra

## screenshots: run the quickstart notebook headless and photograph the page, its plots and HTML views
##              with headless Chromium into build/screenshots/ (needs: apt-get install chromium fonts-noto-cjk)
screenshots: install-dev
	$(PIP) install -e ".[notebook]"
	$(BIN)/python tools/screenshots.py

## bench: speed and segmentation accuracy (SIGHAN needs $(DATA); skipped without it)
bench: install-dev
	$(BIN)/python -m toolkit.evaluate.bench --data $(DATA)

## train-ner: train the NER model from $(DATA) and write models/ner: MODEL=ensemble (default) trains
##            a character BiLSTM-CRF (~75 min on 2 cores) and a character CRF (~45 min) and sums
##            them; MODEL=net or MODEL=crf trains one alone
NER_WORK ?= build/ner
MODEL    ?= ensemble
train-ner: install-dev
	$(BIN)/python -m toolkit.train.ner --data $(DATA) --work $(NER_WORK) --dest models/ner --model $(MODEL)

## train-ner-accurate: the accurate mode's network (ner_model="accurate": it also reads Baidu LAC's tag
##                     scores; ~85 min on one thread) trained from $(DATA), summed with the shipped CRF,
##                     written to models/ner/ner/net-lac
train-ner-accurate: install-dev
	$(BIN)/python -m toolkit.train.ner --data $(DATA) --work build/ner-lac --dest build/ner-lac-net --model net --lac-dim 64
	$(BIN)/python -m toolkit.train.ner --data $(DATA) --work build/ner-lac --dest build/ner-lac-ens --model ensemble \
		--net-from build/ner-lac-net --crf-from models/ner
	rm -rf models/ner/ner/net-lac && cp -r build/ner-lac-ens/ner/net models/ner/ner/net-lac

## eval-ner: P/R/F1 per label on MSRA, CLUENER and the project's dev sets, speed, jieba.posseg baseline;
##           then the same for the fast model (the CRF part alone)
eval-ner: install-dev
	$(BIN)/python -m toolkit.evaluate.ner --data $(DATA)
	$(BIN)/python -m toolkit.evaluate.ner --data $(DATA) --fast --no-posseg

## train-places: models/gazetteer/places.tsv from the location dictionaries of the jionlp package ([train] extra)
train-places: install-dev
	$(BIN)/pip install -q "jionlp>=1.5,<2"
	$(BIN)/python -m toolkit.train.places --dest models/gazetteer/places.tsv

## train-keywords: IDF supplement for words jieba's IDF table lacks, from $(DATA)
train-keywords: install-dev
	$(BIN)/python -m toolkit.train.keywords --data $(DATA) --dest models/keywords/idf_supplement.tsv

## eval-keywords: CSL dev P/R/F1 at 5 and 10, next to jieba's extract_tags and textrank
eval-keywords: install-dev
	$(BIN)/python -m toolkit.evaluate.keywords --data $(DATA)

## train-sentiment: three-class tone classifier (FinNE, BDCI-2019, FinNSP, ChnSentiCorp, own sentences)
##                  + article blend + target model -> models/sentiment (a few minutes)
train-sentiment: install-dev
	$(BIN)/python -m toolkit.train.sentiment --data $(DATA) --dest models/sentiment

## eval-quotes: quote spans, speakers and roles on the project's annotated paragraphs (dev and test)
eval-quotes: install-dev
	$(BIN)/python -m toolkit.evaluate.quotes --file corpora/annotated/quotes_dev.txt
	$(BIN)/python -m toolkit.evaluate.quotes --file corpora/annotated/quotes_test.txt

## eval-sentiment: tone on FinNE, BDCI, ChnSentiCorp, FinNSP (incl. tone towards entities) dev, the
##                 independent held-out sentences and targets, the project's dev set; next to SnowNLP
##                 and TF-IDF + LR on the same data; then BDCI's held-out test tenth and the own test set
eval-sentiment: install-dev
	$(BIN)/python -m toolkit.evaluate.sentiment --data $(DATA)
	$(BIN)/python -m toolkit.evaluate.sentiment --data $(DATA) --split test --no-baselines

clean:
	rm -rf $(OUT) .pytest_cache build *.egg-info
