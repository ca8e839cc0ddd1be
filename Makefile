# dip: the two commands a newcomer needs are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
SWIFT ?= swift
DEMO ?= demo
SHARED ?= ../shared

.PHONY: all deps checkers build release demo test bench clean

all: build

## Install the system libraries dip builds against (apt-get; idempotent, fast when present).
deps:
	@bash scripts/install-deps.sh

## Install the output checkers (LibreOffice, validators) when ../shared is beside the checkout.
checkers:
	@if [ -x "$(SHARED)/tools/checkers/setup.sh" ] || [ -f "$(SHARED)/tools/checkers/setup.sh" ]; then \
		bash "$(SHARED)/tools/checkers/setup.sh"; \
	else echo "checkers: $(SHARED)/tools/checkers not found; tests that need them are skipped"; fi
	@command -v chromium >/dev/null || { echo "installing chromium (headless page checks)"; \
		SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null \
		|| { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium; }; }

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
	@echo "== umpan balik per unit: $(DEMO)/reports/umpan-balik/"
	@ls -1 "$(DEMO)/reports/umpan-balik/"
	@echo "== laporan lain: $(DEMO)/reports/ ; arsip: $(DEMO)/archive/"

## Every test. CI (.ci/run) calls exactly this.
test: deps checkers
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build 2>&1 | tee .build/test-output.txt; exit $${PIPESTATUS[0]}

## Speed and memory figures (printed, never asserted).
bench: deps
	$(SWIFT) build -c release --product dip-bench
	$(SWIFT) build -c release --product dip
	"$$($(SWIFT) build -c release --show-bin-path)/dip-bench" $(BENCH)

clean:
	rm -rf .build "$(DEMO)"
