# Mote — the common commands. `make demo` and `make test` work on a fresh machine.
SHELL := /bin/bash
SWIFT ?= swift
export PATH := /opt/swift/usr/bin:$(PATH)

.PHONY: all bootstrap build release test demo schema schema-check cross bench fuzz clean

all: build

# Proves every toolchain the build needs works (cross compilers + C libraries run under qemu,
# OpenBLAS, flatc, the FlatBuffers C++ headers, python3 venv) and installs the Debian packages of
# any that does not. Quiet when all works; `make test` prints the one line of what was proven.
bootstrap:
	@tools/bootstrap.sh $(BOOTSTRAP_FLAGS)

build: bootstrap
	$(SWIFT) build

release: bootstrap
	$(SWIFT) build -c release

# Regenerates the flatc C++ code and the Swift schema views from schema/tflite.fbs.
schema: bootstrap
	tools/schema/generate.sh

schema-check: bootstrap
	tools/schema/check.sh

# Embedded Swift builds of MicroRuntime + the C driver for every board target, into dist/<target>/.
cross: bootstrap
	toolchains/build.sh

# Everything CI runs: generated code up to date, device builds, every test (the device-build tests
# run the fixtures through dist/<target>/mote-benchmark natively and under qemu-user), then the
# tests again under AddressSanitizer and UndefinedBehaviorSanitizer, and a 60-second fuzz run.
test: BOOTSTRAP_FLAGS := --report
test: bootstrap schema-check cross
	tools/litert/setup.sh
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	tools/fuzz/sanitizers.sh

# libFuzzer + AddressSanitizer over MicroRuntime with the structure-aware mutator (default 60 s;
# FUZZ_SECONDS=1800 make fuzz for a long run).
fuzz: bootstrap
	tools/fuzz/run.sh $${FUZZ_SECONDS:-60}

# Mote next to LiteRT (XNNPACK and reference kernels) on the same models, one core, then training
# speed next to PyTorch (when torch is installed in .venv-bench); the first run
# sets up .venv-bench and generates models/bench (TensorFlow, a few minutes).
bench: bootstrap
	tools/bench/setup.sh
	$(SWIFT) build -c release
	.venv-bench/bin/python tools/bench/bench.py
	.venv-bench/bin/python tools/bench/train_bench.py

# The whole pipeline: train the digits CNN, convert to float32 and int8, evaluate in MicroRuntime on
# the host and (int8) on the aarch64 build under qemu, compare latency with LiteRT when available.
demo: bootstrap
	tools/litert/setup.sh || echo "demo: LiteRT not available; skipping its latency"
	tools/demo.sh

clean:
	rm -rf .build .build-asan .build-ubsan .build-fuzz dist out
