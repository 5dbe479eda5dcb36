# ChaosLab. `make` (or `make help`) lists the targets; each says what it does as it runs.
# Works on Debian 12 as root with no image registry; see README.md.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# Swift toolchains on Debian often live outside the default PATH.
ifneq ($(wildcard /opt/swift/usr/bin/swift),)
export PATH := /opt/swift/usr/bin:$(PATH)
endif

SWIFT ?= swift
# Extra flags for `chaoslab run`, e.g. make chaos CHAOS_FLAGS='--check redelivery'.
CHAOS_FLAGS ?=
# Extra flags for `chaoslab soak`, e.g. make soak SOAK_FLAGS="--duration 300 --seed 42".
SOAK_FLAGS ?=
# Extra flags for `swift test`, e.g. make test SWIFT_TEST_FLAGS='--filter ChaosLabTests'.
SWIFT_TEST_FLAGS ?=
# BENCH_RECORD=1 makes `make bench` append its figures to bench/history.csv.
BENCH_RECORD ?= 0
# BENCH_COLD=1 makes `make bench` first time `make chaos` from a fresh clone with no images and
# no build, phase by phase, then warm (it removes and rebuilds the chaoslab/* images).
BENCH_COLD ?= 0
# Where `make install` puts chaoslab: $(PREFIX)/bin/chaoslab.
PREFIX ?= /usr/local
# Extra flags for `chaoslab-bench verdicts`, e.g. make bench-verdicts BENCH_FLAGS='--messages 1000000'.
BENCH_FLAGS ?=
# How many Docker Swarm nodes `make swarm-up` creates on this machine (one manager, the rest workers).
SWARM_NODES ?= 3

.PHONY: help deps images build install uninstall up down chaos soak selftest test bench bench-verdicts docs swarm-up swarm-down clean

help: ## List the targets
	@echo "ChaosLab: reliability checks for RabbitMQ stacks run with Docker Compose."
	@echo
	@echo "Usage: make TARGET"
	@echo
	@awk 'BEGIN { FS = ":.*## " } /^[a-z][a-z-]*:.*## / { printf "  %-15s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)
	@echo
	@echo "Settings come from CHAOSLAB_* variables (images, ports, credentials, CHAOSLAB_KNOBS);"
	@echo "see docs/reference-stack.md."

deps: ## Install what is missing (Docker, Compose, mmdebstrap, librabbitmq-dev…); start Docker if it does not answer
	@echo "make deps: install missing packages and make sure a Docker daemon answers"
	@scripts/deps.sh

images: deps ## Build the broker, Traefik, fixture and example Python images locally (skips those up to date)
	@echo "make images: build chaoslab/rabbitmq, chaoslab/traefik, chaoslab/fixture and chaoslab/python without a registry"
	@scripts/images.sh

build: ## Build the Swift package (debug)
	@echo "make build: swift build"
	@$(SWIFT) build

install: ## Build chaoslab (release) and put it in $(PREFIX)/bin, so `chaoslab run`, `chaoslab grade`… work from any folder
	@echo "make install: swift build -c release --product chaoslab, then install it as $(PREFIX)/bin/chaoslab"
	@$(SWIFT) build -c release --product chaoslab
	@install -d "$(DESTDIR)$(PREFIX)/bin"
	@install -m 0755 "$$($(SWIFT) build -c release --show-bin-path)/chaoslab" "$(DESTDIR)$(PREFIX)/bin/chaoslab"
	@echo "installed $(DESTDIR)$(PREFIX)/bin/chaoslab ($$("$(DESTDIR)$(PREFIX)/bin/chaoslab" version))"

uninstall: ## Remove $(PREFIX)/bin/chaoslab
	@echo "make uninstall: remove $(DESTDIR)$(PREFIX)/bin/chaoslab"
	@rm -f "$(DESTDIR)$(PREFIX)/bin/chaoslab"

up: images ## Bring the reference stack up and wait until every service is healthy
	@echo "make up: start the reference stack (project $${CHAOSLAB_PROJECT:-chaoslab}) and wait for health"
	@scripts/stack.sh up

down: ## Take the reference stack down, volumes included
	@echo "make down: remove the reference stack's containers, network and volumes"
	@scripts/stack.sh down

chaos: images ## Bring the reference stack up, run every check with progress, take it down, write reports/<timestamp>/
	@echo "make chaos: chaoslab run (every check; the report goes to reports/)"
	@$(SWIFT) build --product chaoslab
	@$$($(SWIFT) build --show-bin-path)/chaoslab run $(CHAOS_FLAGS)

soak: images ## Bring the reference stack up, run a 120 s load while faults overlap, check no acknowledged message is lost, write reports/<timestamp>/
	@echo "make soak: chaoslab soak $(SOAK_FLAGS), release build (a debug load generator halves the throughput on 2 cores; the report goes to reports/)"
	@$(SWIFT) build -c release --product chaoslab
	@$$($(SWIFT) build -c release --show-bin-path)/chaoslab soak $(SOAK_FLAGS)

selftest: images ## Prove every check passes on the reference stack and fails with each of its knobs
	@echo "make selftest: chaoslab selftest"
	@$(SWIFT) build --product chaoslab
	@$$($(SWIFT) build --show-bin-path)/chaoslab selftest

test: images ## Install, build the images, then run every test suite, and the example team package's (what CI runs)
	@echo "make test: swift test $(SWIFT_TEST_FLAGS), then swift test in examples/team-checks (ChaosLabTesting from outside)"
	@scripts/test.sh $(SWIFT_TEST_FLAGS)

bench: bench-verdicts images ## Time the verdict engine, the reference stack's lifecycle (up, broker kills, down) and each check; compare with bench/history.csv (BENCH_COLD=1 first times a cold start; BENCH_RECORD=1 appends this run)
	@echo "make bench: measure stack start, broker recovery, teardown and each check's time (release build), against bench/history.csv"
	@$(SWIFT) build -c release --product chaoslab
	@CHAOSLAB_BIN="$$($(SWIFT) build -c release --show-bin-path)/chaoslab" CHAOSLAB_BENCH_RECORD="$(BENCH_RECORD)" CHAOSLAB_BENCH_COLD="$(BENCH_COLD)" scripts/bench.sh

bench-verdicts: ## Time the verdict engine on a synthetic run of 100,000 messages (release build, no Docker; docs/benchmarks.md)
	@echo "make bench-verdicts: swift build -c release --product chaoslab-bench, then chaoslab-bench verdicts $(BENCH_FLAGS)"
	@$(SWIFT) build -c release --product chaoslab-bench
	@$$($(SWIFT) build -c release --show-bin-path)/chaoslab-bench verdicts $(BENCH_FLAGS)

docs: ## Build the API documentation (DocC) of ChaosLab, AMQPClient and ChaosLabTesting into build/docs/<module>/ (static HTML)
	@echo "make docs: swift package generate-documentation for ChaosLab, AMQPClient and ChaosLabTesting -> build/docs/"
	@mkdir -p build/docs
	@for module in ChaosLab AMQPClient ChaosLabTesting; do \
		$(SWIFT) package --allow-writing-to-directory build/docs generate-documentation --target $$module \
			--disable-indexing --transform-for-static-hosting --output-path build/docs/$$module --warnings-as-errors; \
	done
	@echo "open build/docs/<module>/documentation/<module>/index.html through a web server (e.g. python3 -m http.server -d build/docs/ChaosLabTesting)"

swarm-up: images ## Create a Docker Swarm of SWARM_NODES nodes on this machine (a dockerd per network namespace) with the images loaded; `chaoslab run --swarm` uses it
	@echo "make swarm-up: $(SWARM_NODES) Swarm nodes as dockerd daemons in network namespaces on bridge clswarm0 (docs/swarm.md)"
	@scripts/swarm.sh up $(SWARM_NODES)

swarm-down: ## Remove the Swarm nodes: daemons, containers, mounts, namespaces, bridge and data
	@echo "make swarm-down: remove every Swarm node of this machine"
	@scripts/swarm.sh down

clean: ## Take the stack down and remove build/ (the image build cache)
	@echo "make clean: remove the reference stack and build/"
	@if docker info >/dev/null 2>&1; then scripts/stack.sh down; fi
	@rm -rf build
