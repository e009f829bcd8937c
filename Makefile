# Liaison: `make run` builds and runs the main job (a node); `make test` runs the test suite.
# Both install what a fresh machine lacks first (`make deps`).

SWIFT ?= swift
DATA ?= liaison-data
OFFICE ?= mumbai
HOST ?= 127.0.0.1
PORT ?= 8080
SEED ?= 0
APT_PACKAGES := libcurl4-openssl-dev libsqlite3-dev libsodium-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build test run browser-deps browser-test screenshots

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build --product liaison

# At most 32 tests at once: the in-process servers of every running test share Swift's
# cooperative pool (two threads on two cores), and with all of them at once a slow machine
# answered requests after the tests' 30 s client timeout (README, "Tests").
test: deps
	SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH=32 $(SWIFT) test
	$(MAKE) browser-test

# The end-to-end test of the web interface in headless Chromium (Tests/browser).
BROWSER_APT := chromium chromium-driver

browser-deps:
	@missing=""; for p in $(BROWSER_APT); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	@python3 -c 'import selenium' 2>/dev/null || { echo "installing: selenium (pip)"; \
		python3 -m pip install -q selenium || python3 -m pip install -q --break-system-packages selenium; }
	@python3 -c 'import pytest' 2>/dev/null || python3 -m pip install -q pytest || python3 -m pip install -q --break-system-packages pytest

browser-test: deps browser-deps
	$(SWIFT) build --product liaison
	python3 -m pytest Tests/browser -q

# The same test, writing its screenshots over the ones in docs/screenshots that the README shows.
screenshots: deps browser-deps
	$(SWIFT) build --product liaison
	LIAISON_SCREENSHOTS=docs/screenshots python3 -m pytest Tests/browser -q

# The main job: one office's node with its embedded SQLite store, serving the web page, the
# HTTP API and sync until Ctrl-C. The first run initialises the store and makes the first
# admin account, whose one-time password it writes to $(DATA)/admin.password.
run: build
	@bin=$$($(SWIFT) build --show-bin-path)/liaison; \
	if [ ! -f "$(DATA)/liaison.sqlite" ]; then \
		echo "initialising a $(OFFICE) node in $(DATA): replica $$($$bin --data "$(DATA)" init --office "$(OFFICE)")"; \
		if [ "$(SEED)" != 0 ]; then $$bin --data "$(DATA)" seed --records "$(SEED)"; fi; \
	fi; \
	if [ ! -f "$(DATA)/admin.password" ] && ! $$bin --data "$(DATA)" user list | grep -q .; then \
		(umask 077; $$bin --data "$(DATA)" user add admin --role admin --display-name "First admin" > "$(DATA)/admin.password"); \
	fi; \
	if [ -f "$(DATA)/admin.password" ] && $$bin --data "$(DATA)" user list \
		| awk -F'\t' '$$1 == "admin" && $$3 == "must-change-password" { found = 1 } END { exit !found }'; then \
		echo "sign in at http://$(HOST):$(PORT)/ as user admin with the one-time password in $(DATA)/admin.password"; \
		echo "(you choose your own password at first sign-in; then add staff under Admin > Users)"; \
	else \
		echo "sign in at http://$(HOST):$(PORT)/ with your user name and password"; \
	fi; \
	exec $$bin --data "$(DATA)" serve --host "$(HOST)" --port "$(PORT)"
