# The front door: `make run`, `make test`, `make bench`, `make model`.
# Each target installs what it needs when it is missing and is quick when it is not.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

WASM_BINDGEN_VERSION := 0.2.130
WASM_TARGET := wasm32-unknown-unknown
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
WASM := $(TARGET_DIR)/$(WASM_TARGET)/release/tusj.wasm
BINDGEN_OUT := $(TARGET_DIR)/wasm-bindgen
PAGE := dist/tusj.html
BROWSER := tests/browser
CHROMIUM := /usr/bin/chromium
CHROMEDRIVER := /usr/bin/chromedriver
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: run test bench model page tools wasm-tools browser-tools node-deps fmt clippy \
	doc cargo-test wasm-test browser-test dask-test screenshots clean

run: page
	@echo "Open the page: $(abspath $(PAGE))"
	@echo "  file://$(abspath $(PAGE))"

# ---- tools -------------------------------------------------------------------------------

wasm-tools:
	@rustup target list --installed 2>/dev/null | grep -qx '$(WASM_TARGET)' \
		|| rustup target add $(WASM_TARGET)
	@if ! wasm-bindgen --version 2>/dev/null | grep -q ' $(WASM_BINDGEN_VERSION)$$'; then \
		echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (a few minutes, once)"; \
		cargo install wasm-bindgen-cli --version =$(WASM_BINDGEN_VERSION); \
	fi

browser-tools:
	@if [ ! -x $(CHROMIUM) ] || [ ! -x $(CHROMEDRIVER) ]; then \
		echo "installing Debian chromium and chromium-driver"; \
		apt-get update -qq; \
		apt-get install -y --no-install-recommends chromium chromium-driver \
			|| { apt-get update -qq; apt-get install -y --no-install-recommends chromium chromium-driver; }; \
	fi

node-deps: $(BROWSER)/node_modules/.package-lock.json

$(BROWSER)/node_modules/.package-lock.json: $(BROWSER)/package.json $(BROWSER)/package-lock.json
	cd $(BROWSER) && npm ci --no-audit --no-fund

# ---- the page ------------------------------------------------------------------------------

page: wasm-tools
	cargo rustc --release --target $(WASM_TARGET) --lib --no-default-features --crate-type cdylib
	wasm-bindgen --target no-modules --out-dir $(BINDGEN_OUT) $(WASM)
	node www/build.mjs $(BINDGEN_OUT) $(PAGE)

# ---- tests ---------------------------------------------------------------------------------

fmt:
	cargo fmt --check

clippy: wasm-tools
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target $(WASM_TARGET) --no-default-features --lib --test wasm -- -D warnings

doc:
	RUSTDOCFLAGS='-D warnings' cargo doc --no-deps --quiet

cargo-test:
	cargo test

wasm-test: wasm-tools browser-tools
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	CHROMEDRIVER=$(CHROMEDRIVER) \
		cargo test --target $(WASM_TARGET) --no-default-features --test wasm

browser-test: page node-deps browser-tools
	cd $(BROWSER) && node --test --test-concurrency=1

# The README's Dask recipe: dask from PyPI into a virtual environment under target/ (once).
DASK_VERSION := 2024.8.0
DASK_VENV := $(TARGET_DIR)/dask-venv

$(DASK_VENV)/.installed:
	python3 -m venv $(DASK_VENV)
	$(DASK_VENV)/bin/pip install --quiet --disable-pip-version-check "dask==$(DASK_VERSION)"
	touch $@

dask-test: $(DASK_VENV)/.installed
	cargo build --bin tusj
	$(DASK_VENV)/bin/python tests/dask/recipe.py $(TARGET_DIR)/debug/tusj

test: fmt clippy doc cargo-test wasm-test browser-test dask-test

# The README's pictures: the screenshot tests, writing into www/screenshots (every other run
# writes them under tests/browser/out, which git ignores, so `make test` leaves the tree clean).
screenshots: page node-deps browser-tools
	cd $(BROWSER) && TUSJ_SCREENSHOTS=www/screenshots node --test --test-concurrency=1 \
		--test-name-pattern='screenshots/'

# ---- benchmarks and the model --------------------------------------------------------------

bench: page node-deps browser-tools
	cargo bench --bench tagging --bench numbers --bench events
	node $(BROWSER)/bench.mjs

# Rebuilds src/model/model.bin from NorNE train (../shared/norne, or NORNE=DIR); about a minute.
NORNE ?= ../shared/norne
model:
	@test -d $(NORNE) || { echo "NorNE not found at $(NORNE) (set NORNE=DIR)"; exit 1; }
	cargo run --release -- train --norne $(NORNE)

clean:
	rm -rf dist $(BINDGEN_OUT)
