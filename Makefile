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

# What every output depends on besides its own paper: the pipeline's code (with its data:
# schemas, the bundled CSL styles and locales) and the themes (every theme under
# templates/, so whichever theme a paper names, and the themes it extends, are among its
# inputs).
CODE := $(shell find scripts/briefing -name '*.py' -o -name '*.json' -o -name '*.csl' \
  -o -name '*.xml' 2>/dev/null | sort)
THEME_FILES := $(shell find templates -type f 2>/dev/null | sort)

# THEME=<name> builds every paper and volume in templates/<name> (default: the theme each
# paper names, else `default`); DRAFT=1 marks every page DRAFT. Both are remembered in a
# stamp that changes only when they do, so changing them rebuilds everything once.
BUILD_OPTIONS := $(if $(THEME),--theme $(THEME)) $(if $(DRAFT),--draft)
OPTIONS_STAMP := $(DEPS)/options
ifneq ($(filter-out help clean formats import diff,$(MAKECMDGOALS)),)
$(shell mkdir -p $(DEPS) && o='$(strip $(BUILD_OPTIONS))' && \
  [ "$$(cat $(OPTIONS_STAMP) 2>/dev/null)" = "$$o" ] || echo "$$o" > $(OPTIONS_STAMP))
endif
$(OPTIONS_STAMP):
	@mkdir -p $(@D) && echo "$(strip $(BUILD_OPTIONS))" > $@

VOLUMES := $(patsubst content/volumes/%.yaml,%,$(sort $(wildcard content/volumes/*.yaml)))

.PHONY: help pdf docx html web web-index serve all test check clean verify manifest volume bench \
  papers formats print archive import diff
.DEFAULT_GOAL := help

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | sort | \
	  awk -F'\t' '{printf "  make %-8s %s\n", $$1, $$2}'
	@echo "  (PAPER=content/<slug> limits pdf/docx/html/web/print/archive/check/serve to one paper;"
	@echo "   THEME=<name> builds in templates/<name>; DRAFT=1 marks every page DRAFT)"

# The output formats come from the pipeline's format table (scripts/briefing/formats.py):
# PAPER_FORMATS lists them, FORMAT_<name> is each one's output (e.g. %.pdf, print/%.pdf) and
# GOAL_<name> the make goal that builds it (its name; print for the print editions).
-include $(DEPS)/formats.mk
$(DEPS)/formats.mk: scripts/briefing/formats.py | $(STAMP)
	@mkdir -p $(@D) && $(BRIEFING) formats --make > $@.tmp && mv $@.tmp $@

# Each paper's own inputs (its paper.md, every file and folder in its folder, the CSV files
# its charts read and the library and style files its front matter names, wherever they
# are in content/; names escaped for make) come from `briefing deps`, remade when a paper
# changes, a chart spec (which names its CSV) changes, or a file appears or goes anywhere
# in a paper's folder (papers.d names those itself).
PAPER_DEPS := $(DEPS)/papers.d
$(PAPER_DEPS): $(PAPERS) | $(STAMP)
	@mkdir -p $(@D) && $(BRIEFING) deps $(patsubst %/paper.md,%,$(PAPERS)) --out $(OUT) \
	  --self $@ > $@.tmp && mv $@.tmp $@
ifneq ($(filter-out help clean formats import diff,$(MAKECMDGOALS)),)
-include $(PAPER_DEPS)
endif

JOBS = $(or $(patsubst -j%,%,$(filter -j%,$(MAKEFLAGS))),1)
outputs = $(foreach slug,$(SLUGS),$(OUT)/$(subst %,$(slug),$(FORMAT_$(1))))
# `make all` means the papers' PDF and DOCX (and the volumes), not every format there is.
GOALS := $(MAKECMDGOALS) $(if $(filter all,$(MAKECMDGOALS)),pdf docx)
WANTED := $(foreach f,$(PAPER_FORMATS),$(if $(filter $(GOAL_$(f)),$(GOALS)),$(call outputs,$(f))))
# The editions of every volume too, unless PAPER= narrows the build to one paper.
volume_editions = $(if $(PAPER),,$(foreach f,$(1),$(foreach v,$(VOLUMES),$(OUT)/volumes/$(subst %,$(v),$(FORMAT_$(f))))))

pdf: papers ## build build/<slug>.pdf for every paper
	@$(MAKE) -s --no-print-directory manifest MANIFEST_DEPS="$(call outputs,pdf)"
docx: papers ## build build/<slug>.docx for every paper
	@$(MAKE) -s --no-print-directory manifest MANIFEST_DEPS="$(call outputs,docx)"
html: papers ## write the intermediate HTML for preview
web: papers ## the web edition: build/web/<slug>/index.html for every paper, build/web/index.html
	@$(MAKE) -s --no-print-directory web-index manifest WEB_PAGES="$(call outputs,web)" \
	  MANIFEST_DEPS="$(call outputs,web)"
print: papers $(call volume_editions,print booklet) ## build/print/<slug>.pdf (PDF/X-4, bleed, crop marks) and <slug>-booklet.pdf (A5, imposed)
	@$(MAKE) -s --no-print-directory manifest MANIFEST_DEPS="$(call outputs,print) $(call outputs,booklet)"
archive: papers $(call volume_editions,archive) ## build/archive/<slug>.pdf: PDF/A-3a + PDF/UA-1 with its sources attached
	@$(MAKE) -s --no-print-directory manifest MANIFEST_DEPS="$(call outputs,archive)"
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
  --out $(OUT) $(BUILD_OPTIONS),mkdir -p $(OUT) && echo "content/$* $(1)" >> $(QUEUE))
define format_rule
$(OUT)/$(FORMAT_$(1)): content/%/paper.md $(CODE) $(THEME_FILES) $(OPTIONS_STAMP) | $(STAMP)
	@$$(call queue_or_build,$(1))
endef
$(foreach f,$(PAPER_FORMATS),$(eval $(call format_rule,$(f))))

papers: $(WANTED) | $(STAMP)
	@if [ -s $(QUEUE) ]; then $(BRIEFING) build --queue $(QUEUE) --jobs $(JOBS) --out $(OUT) \
	  $(BUILD_OPTIONS); fi

manifest: $(OUT)/manifest.json ## record outputs, inputs and engine versions in build/manifest.json

# The web editions' index lists every paper whose page is built; remade when one is.
web-index: $(OUT)/web/index.html
$(OUT)/web/index.html: $(WEB_PAGES) $(CODE) $(THEME_FILES) $(OPTIONS_STAMP) | $(STAMP)
	@$(BRIEFING) web-index $(patsubst content/%/paper.md,content/%,$(PAPERS)) --out $(OUT) \
	  $(if $(THEME),--theme $(THEME)) >/dev/null

# The live preview: one warm build process, pages as images in the browser, on 127.0.0.1.
PORT ?= 8000
serve: | $(STAMP) ## preview the papers in a browser, updated on every save (PORT=8000)
	@$(BRIEFING) serve $(SLUGS:%=content/%) --port $(PORT) --out $(OUT) $(BUILD_OPTIONS)

# Rewritten when the outputs just asked for are newer; it lists every output present.
$(OUT)/manifest.json: $(MANIFEST_DEPS) | $(STAMP)
	@$(BRIEFING) manifest $(patsubst content/%/paper.md,content/%,$(PAPERS)) --out $(OUT) \
	  $(if $(THEME),--theme $(THEME)) >/dev/null

verify: | $(STAMP) ## rebuild build/ elsewhere (other path, TZ, mtimes) and compare bytes
	@$(BRIEFING) verify --out $(OUT)

# One recipe makes both files of a volume (a pattern rule with two targets). Its inputs
# beyond the YAML, the papers it binds, come from `briefing deps` in a .d file.
$(OUT)/volumes/%.pdf $(OUT)/volumes/%.docx: content/volumes/%.yaml $(CODE) $(THEME_FILES) \
  $(OPTIONS_STAMP) | $(STAMP)
	@$(BRIEFING) volume $< --out $(OUT)/volumes $(BUILD_OPTIONS)

# The print editions of a volume (print and booklet, one run) and its archive copy.
$(OUT)/volumes/print/%.pdf $(OUT)/volumes/print/%-booklet.pdf: content/volumes/%.yaml $(CODE) \
  $(THEME_FILES) $(OPTIONS_STAMP) | $(STAMP)
	@$(BRIEFING) volume $< --format print,booklet --out $(OUT)/volumes $(BUILD_OPTIONS)
$(OUT)/volumes/archive/%.pdf: content/volumes/%.yaml $(CODE) $(THEME_FILES) $(OPTIONS_STAMP) \
  | $(STAMP)
	@$(BRIEFING) volume $< --format archive --out $(OUT)/volumes $(BUILD_OPTIONS)

$(OUT)/volumes/%.d: content/volumes/%.yaml | $(STAMP)
	@mkdir -p $(@D) && $(BRIEFING) deps $< --out $(OUT)/volumes > $@.tmp && mv $@.tmp $@

ifneq ($(filter volume all print archive,$(MAKECMDGOALS)),)
-include $(VOLUMES:%=$(OUT)/volumes/%.d)
endif

bench: | $(BENCH_STAMP) ## benchmark builds against targets and baselines; writes build/bench.json
	@$(VENV)/bin/python scripts/bench.py

# make import DOCX=draft.docx SLUG=my-paper [FORCE=1] [CHANGES=accept|reject]
IMPORT_OPTIONS = $(if $(FORCE),--force) $(if $(filter accept,$(CHANGES)),--accept-changes) \
  $(if $(filter reject,$(CHANGES)),--reject-changes)
import: | $(STAMP) ## DOCX=<file> SLUG=<slug>: a Word document into content/<slug>/paper.md
	@test -n "$(DOCX)" -a -n "$(SLUG)" || { echo "usage: make import DOCX=draft.docx SLUG=<slug> [FORCE=1] [CHANGES=accept|reject]" >&2; exit 2; }
	@$(BRIEFING) import "$(DOCX)" content/$(SLUG) $(IMPORT_OPTIONS)
diff: | $(STAMP) ## DOCX=<file> SLUG=<slug>: what an editor changed, as a diff of paper.md
	@test -n "$(DOCX)" -a -n "$(SLUG)" || { echo "usage: make diff DOCX=edited.docx SLUG=<slug>" >&2; exit 2; }
	@$(BRIEFING) diff "$(DOCX)" content/$(SLUG) $(IMPORT_OPTIONS)

check: | $(STAMP) ## validate every paper without writing anything
	@$(BRIEFING) check $(SLUGS:%=content/%) $(if $(THEME),--theme $(THEME))

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
