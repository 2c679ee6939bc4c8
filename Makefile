# Briefing pipeline. `make help` lists the targets.
# Every target that needs Python depends on the bootstrap stamp, so on a fresh machine
# `make pdf` or `make test` alone installs what the project needs first.

SHELL := /bin/bash
VENV := .venv
# scripts/bootstrap's stamps: runtime (building), test (make test), bench (make bench).
STAMP := $(VENV)/.bootstrap-runtime
TEST_STAMP := $(VENV)/.bootstrap-test
BENCH_STAMP := $(VENV)/.bootstrap-bench
BRIEFING := $(VENV)/bin/briefing
PYTEST := $(VENV)/bin/pytest
OUT := build

# Every paper is content/<slug>/paper.md; PAPER=content/<slug> narrows a build to one.
PAPERS := $(sort $(wildcard content/*/paper.md))
SLUGS := $(patsubst content/%/paper.md,%,$(PAPERS))
ifdef PAPER
SLUGS := $(notdir $(patsubst %/,%,$(patsubst %/paper.md,%,$(PAPER))))
endif

# What every output depends on besides its own paper: the pipeline's code and the theme.
CODE := $(shell find scripts/briefing -name '*.py' -o -name '*.json' 2>/dev/null | sort)
THEME := $(shell find templates -type f 2>/dev/null | sort)

VOLUMES := $(patsubst content/volumes/%.yaml,%,$(sort $(wildcard content/volumes/*.yaml)))

.PHONY: help pdf docx html all test check clean verify manifest volume bench papers
.DEFAULT_GOAL := help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | sort | \
	  awk -F'\t' '{printf "  make %-8s %s\n", $$1, $$2}'
	@echo "  (PAPER=content/<slug> limits pdf/docx/html/check to one paper)"

PDFS := $(SLUGS:%=$(OUT)/%.pdf)
DOCXS := $(SLUGS:%=$(OUT)/%.docx)
WANTED := $(if $(filter pdf all,$(MAKECMDGOALS)),$(PDFS)) $(if $(filter docx all,$(MAKECMDGOALS)),$(DOCXS))
JOBS = $(or $(patsubst -j%,%,$(filter -j%,$(MAKEFLAGS))),1)

pdf: papers ## build build/<slug>.pdf for every paper
	@$(MAKE) -s --no-print-directory manifest MANIFEST_DEPS="$(PDFS)"
docx: papers ## build build/<slug>.docx for every paper
	@$(MAKE) -s --no-print-directory manifest MANIFEST_DEPS="$(DOCXS)"
html: $(SLUGS:%=$(OUT)/%.html) ## write the intermediate HTML for preview
all: pdf docx volume ## build PDF and DOCX for every paper and volume
volume: $(VOLUMES:%=$(OUT)/volumes/%.pdf) $(VOLUMES:%=$(OUT)/volumes/%.docx) ## bind content/volumes/<name>.yaml into build/volumes/<name>.pdf/.docx

# Each output's real inputs are its paper's files, the theme and templates, and the
# pipeline's code. An out-of-date output is not built by its own rule but queued; the
# `papers` step then builds the whole queue in one warm process, forking $(JOBS) workers
# (make -j2 -> 2), which saves the ~0.5 s start-up each separate process would pay.
# Asking make for one file (make build/x.pdf) builds it directly.
QUEUE := $(OUT)/.queue
ifeq ($(MAKELEVEL),0)
$(shell rm -f $(QUEUE))
endif

.SECONDEXPANSION:
PAPER_INPUTS = content/%/paper.md $$(wildcard content/%/figures/*) $(CODE) $(THEME)
# (Two rules: one pattern rule with two targets would be a single recipe for both.)
queue_or_build = $(if $(filter $@,$(MAKECMDGOALS)),$(BRIEFING) build content/$* --format $(1) \
  --out $(OUT),mkdir -p $(OUT) && echo "content/$* $(1)" >> $(QUEUE))
$(OUT)/%.pdf: $(PAPER_INPUTS) | $(STAMP)
	@$(call queue_or_build,pdf)
$(OUT)/%.docx: $(PAPER_INPUTS) | $(STAMP)
	@$(call queue_or_build,docx)

papers: $(WANTED) | $(STAMP)
	@if [ -s $(QUEUE) ]; then $(BRIEFING) build --queue $(QUEUE) --jobs $(JOBS) --out $(OUT); fi

$(OUT)/%.html: $(PAPER_INPUTS) | $(STAMP)
	@$(BRIEFING) build content/$* --format html --out $(OUT)

manifest: $(OUT)/manifest.json ## record outputs, inputs and engine versions in build/manifest.json

# Rewritten when the outputs just asked for are newer; it lists every output present.
$(OUT)/manifest.json: $(MANIFEST_DEPS) | $(STAMP)
	@$(BRIEFING) manifest $(patsubst content/%/paper.md,content/%,$(PAPERS)) --out $(OUT) >/dev/null

verify: | $(STAMP) ## rebuild build/ elsewhere (other path, TZ, mtimes) and compare bytes
	@$(BRIEFING) verify --out $(OUT)

# One recipe makes both files of a volume (a pattern rule with two targets). Its inputs
# beyond the YAML, the papers it binds, come from `briefing deps` in a .d file.
$(OUT)/volumes/%.pdf $(OUT)/volumes/%.docx: content/volumes/%.yaml $(CODE) $(THEME) | $(STAMP)
	@$(BRIEFING) volume $< --out $(OUT)/volumes

$(OUT)/volumes/%.d: content/volumes/%.yaml | $(STAMP)
	@mkdir -p $(@D) && $(BRIEFING) deps $< --out $(OUT)/volumes > $@.tmp && mv $@.tmp $@

ifneq ($(filter volume all,$(MAKECMDGOALS)),)
-include $(VOLUMES:%=$(OUT)/volumes/%.d)
endif

bench: | $(BENCH_STAMP) ## benchmark builds against targets and baselines; writes build/bench.json
	@$(VENV)/bin/python scripts/bench.py

check: | $(STAMP) ## validate every paper without writing anything
	@$(BRIEFING) check $(SLUGS:%=content/%)

test: | $(TEST_STAMP) ## lint, then run the test suite
	@$(VENV)/bin/ruff check scripts tests
	@$(PYTEST)

clean: ## remove build outputs
	rm -rf $(OUT)

$(STAMP): scripts/bootstrap requirements.lock pyproject.toml
	@scripts/bootstrap
$(TEST_STAMP): scripts/bootstrap requirements.lock requirements-test.lock pyproject.toml
	@scripts/bootstrap test
$(BENCH_STAMP): scripts/bootstrap requirements.lock requirements-bench.lock pyproject.toml
	@scripts/bootstrap bench
