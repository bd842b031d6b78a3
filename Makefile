# Prism: build, test and interop checks. `make` alone lists the targets.
.DEFAULT_GOAL := help
.SHELLFLAGS := -ec
.PHONY: help deps build test demo copy-task bench bench-ratios interop plugin-example clean

APT_PACKAGES := libopenblas-dev libhdf5-dev pkg-config
# Tests build into their own scratch path: -enable-testing would otherwise recompile everything
# that `make demo`, `make bench` and `swift build -c release` built in .build, and back again.
SWIFT_TEST   := OPENBLAS_NUM_THREADS=1 swift test -c release -Xswiftc -enable-testing --scratch-path .build-test
VENV         := .venv
INTEROP_DIR  := $(CURDIR)/.build-test/interop
ARGS         ?=

# Shell snippet: `apt-get install -y $(1)`, as root or through sudo (fails clearly without either).
apt_install = if [ "$$(id -u)" -eq 0 ]; then sudo=; elif command -v sudo >/dev/null 2>&1; then sudo=sudo; \
	else echo "error: installing $(1) needs root or sudo, and this user has neither" >&2; exit 1; fi; \
	$$sudo apt-get update; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(1)

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{ printf "  %-9s %s\n", $$1, $$2 }'

deps: ## Install OpenBLAS, HDF5 and pkg-config with apt when missing
	@if dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then echo "deps: $(APT_PACKAGES) already installed"; \
	else $(call apt_install,$(APT_PACKAGES)); fi

build: deps ## Build everything in release mode
	swift build -c release

test: deps ## Run the Swift tests (release, -enable-testing, one OpenBLAS thread)
	$(SWIFT_TEST)

demo: deps ## Train PPO on DoorKey-5x5 and evaluate it (ppo-gridworld; extra flags: ARGS="...")
	OPENBLAS_NUM_THREADS=1 swift run -c release ppo-gridworld $(ARGS)

copy-task: deps ## Train a tiny transformer on the copy task (extra flags: ARGS="...")
	swift run -c release copy-task $(ARGS)

bench: deps ## Print the speed figures as JSON lines (extra flags: ARGS="...")
	swift run -c release prism-bench $(ARGS)

# PyTorch for the speed references lives in a virtual environment of its own (the wheel is large;
# CI never installs it).
BENCH_VENV   := .venv-bench

$(BENCH_VENV)/.requirements: Tests/Bench/requirements.txt
	@if [ ! -x $(BENCH_VENV)/bin/pip ] && ! python3 -m venv $(BENCH_VENV); then \
	  rm -rf $(BENCH_VENV); $(call apt_install,python3-venv); python3 -m venv $(BENCH_VENV); fi
	$(BENCH_VENV)/bin/pip install --quiet --disable-pip-version-check -r $<
	@touch $@

bench-ratios: deps $(BENCH_VENV)/.requirements ## Prism/reference speed ratios, one sitting (REF=dir of torch_bench.py, sgemm_bench.c, h5_bench.c)
	@[ -n "$(REF)" ] && [ -f "$(REF)/torch_bench.py" ] || { \
	  echo "bench-ratios: give REF=DIR, the directory holding torch_bench.py, sgemm_bench.c and h5_bench.c" >&2; exit 1; }
	swift build -c release --product prism-bench
	$(BENCH_VENV)/bin/python Tests/Bench/bench_ratios.py "$(REF)" .build/release/prism-bench $(BENCH_VENV)/bin/python 1 2

plugin-example: deps ## Build the example plug-in package against a tagged clone by version, check and train it
	Tests/PluginExample/run.sh

# The pinned Python environment, reinstalled when requirements.txt changes.
$(VENV)/.requirements: Tests/Interop/requirements.txt
	@if [ ! -x $(VENV)/bin/pip ] && ! python3 -m venv $(VENV); then \
	  rm -rf $(VENV); $(call apt_install,python3-venv); python3 -m venv $(VENV); fi
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r $<
	@touch $@

interop: deps $(VENV)/.requirements ## Write Swift artifacts, then check them with the Python readers
	rm -rf "$(INTEROP_DIR)"
	PRISM_INTEROP_DIR="$(INTEROP_DIR)" $(SWIFT_TEST) --filter 'Interop|CrashKillTests'
	@passed=0; failed=0; failures=; \
	for check in Tests/Interop/check_*.py; do \
	  [ -f "$$check" ] || { echo "interop: no Tests/Interop/check_*.py found" >&2; exit 1; }; \
	  echo "interop: running $$check"; \
	  if $(VENV)/bin/python "$$check" "$(INTEROP_DIR)"; then passed=$$((passed + 1)); \
	  else failed=$$((failed + 1)); failures="$$failures $$check"; fi; \
	done; \
	[ -z "$$failures" ] || echo "interop: failed:$$failures" >&2; \
	echo "interop: $$passed passed, $$failed failed"; \
	[ "$$failed" -eq 0 ]

clean: ## Remove .build, .build-test and .venv
	rm -rf .build .build-test $(VENV)
