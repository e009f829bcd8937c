# Liaison: `make run` builds and runs the main job; `make test` runs the test suite.
# Both install what a fresh machine lacks first (`make deps`).

SWIFT ?= swift
DATA ?= liaison-data
OFFICE ?= mumbai
APT_PACKAGES := libcurl4-openssl-dev libsqlite3-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build test run

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build --product liaison

test: deps
	$(SWIFT) test

run: build
	@bin=$$($(SWIFT) build --show-bin-path)/liaison; \
	$$bin --help; echo; \
	if [ -f "$(DATA)/liaison.sqlite" ]; then \
		echo "node in ./$(DATA) already initialised"; \
	else \
		echo "initialising a $(OFFICE) node in ./$(DATA):"; $$bin --data "$(DATA)" init --office "$(OFFICE)"; \
	fi; \
	$$bin --data "$(DATA)" record list
