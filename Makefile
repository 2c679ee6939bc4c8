# Briefing pipeline. `make help` lists the targets.
# Every target that needs Python depends on a bootstrap stamp, so on a fresh machine
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
DEPS := $(OUT)/.deps

# Every paper is content/<slug>/paper.md; PAPER=content/<slug> narrows a build to one.
PAPERS := $(sort $(wildcard content/*/paper.md))
SLUGS := $(patsubst content/%/paper.md,%,$(PAPERS))
ifdef PAPER
SLUGS := $(notdir $(patsubst %/,%,$(patsubst %/paper.md,%,$(PAPER))))
ifeq ($(wildcard content/$(SLUGS)/paper.md),)
$(error PAPER=$(PAPER): no content/$(SLUGS)/paper.md; papers are: $(patsubst content/%/paper.md,content/%,$(PAPERS)))
endif
endif

# What every output depends on besides its own paper: the pipeline's code and the theme.
CODE := $(shell find scripts/briefing -name '*.py' -o -name '*.json' 2>/dev/null | sort)
THEME := $(shell find templates -type f 2>/dev/null | sort)

VOLUMES := $(patsubst content/volumes/%.yaml,%,$(sort $(wildcard content/volumes/*.yaml)))

.PHONY: help pdf docx html all test check clean verify manifest volume bench papers formats
.DEFAULT_GOAL := help

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | sort | \
	  awk -F'\t' '{printf "  make %-8s %s\n", $$1, $$2}'
	@echo "  (PAPER=content/<slug> limits pdf/docx/html/check to one paper)"

# The output formats come from the pipeline's format table (scripts/briefing/formats.py):
# PAPER_FORMATS lists them and FORMAT_<name> is each one's output, e.g. %.pdf.
-include $(DEPS)/formats.mk
$(DEPS)/formats.mk: scripts/briefing/formats.py | $(STAMP)
	@mkdir -p $(@D) && $(BRIEFING) formats --make > $@.tmp && mv $@.tmp $@

# Each paper's own inputs (its paper.md and every file and folder in its folder, names
# with spaces escaped) come from `briefing deps`, remade when a paper changes or a file
# appears or goes anywhere in a paper's folder (papers.d names those folders itself).
PAPER_DEPS := $(DEPS)/papers.d
$(PAPER_DEPS): $(PAPERS) | $(STAMP)
	@mkdir -p $(@D) && $(BRIEFING) deps $(patsubst %/paper.md,%,$(PAPERS)) --out $(OUT) \
	  --self $@ > $@.tmp && mv $@.tmp $@
ifneq ($(filter-out help clean formats,$(MAKECMDGOALS)),)
-include $(PAPER_DEPS)
endif

JOBS = $(or $(patsubst -j%,%,$(filter -j%,$(MAKEFLAGS))),1)
outputs = $(foreach slug,$(SLUGS),$(OUT)/$(subst %,$(slug),$(FORMAT_$(1))))
WANTED := $(foreach f,$(PAPER_FORMATS),$(if $(filter $(f) all,$(MAKECMDGOALS)),$(call outputs,$(f))))

pdf: papers ## build build/<slug>.pdf for every paper
	@$(MAKE) -s --no-print-directory manifest MANIFEST_DEPS="$(call outputs,pdf)"
docx: papers ## build build/<slug>.docx for every paper
	@$(MAKE) -s --no-print-directory manifest MANIFEST_DEPS="$(call outputs,docx)"
html: papers ## write the intermediate HTML for preview
all: pdf docx volume ## build PDF and DOCX for every paper and volume
volume: $(VOLUMES:%=$(OUT)/volumes/%.pdf) $(VOLUMES:%=$(OUT)/volumes/%.docx) ## bind content/volumes/<name>.yaml into build/volumes/<name>.pdf/.docx
formats: | $(STAMP) ## list the output formats
	@$(BRIEFING) formats

# Each output's real inputs are its paper's files (from papers.d), the theme and
# templates, and the pipeline's code. An out-of-date output is not built by its own rule
# but queued; the `papers` step then builds the whole queue in one warm process, forking
# $(JOBS) workers (make -j2 -> 2), which saves the ~0.5 s start-up each separate process
# would pay. Asking make for one file (make build/x.pdf) builds it directly.
QUEUE := $(OUT)/.queue
ifeq ($(MAKELEVEL),0)
$(shell rm -f $(QUEUE))
endif

queue_or_build = $(if $(filter $@,$(MAKECMDGOALS)),$(BRIEFING) build content/$* --format $(1) \
  --out $(OUT),mkdir -p $(OUT) && echo "content/$* $(1)" >> $(QUEUE))
define format_rule
$(OUT)/$(FORMAT_$(1)): content/%/paper.md $(CODE) $(THEME) | $(STAMP)
	@$$(call queue_or_build,$(1))
endef
$(foreach f,$(PAPER_FORMATS),$(eval $(call format_rule,$(f))))

papers: $(WANTED) | $(STAMP)
	@if [ -s $(QUEUE) ]; then $(BRIEFING) build --queue $(QUEUE) --jobs $(JOBS) --out $(OUT); fi

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
