# Mote — the common commands. `make demo` and `make test` work on a fresh machine.
SHELL := /bin/bash
SWIFT ?= swift
export PATH := /opt/swift/usr/bin:$(PATH)

.PHONY: all bootstrap build release test demo schema schema-check cross bench clean

all: build

# Installs the Debian packages Mote needs (only what is missing).
bootstrap:
	@tools/bootstrap.sh

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

# Everything CI runs: generated code up to date, device builds, and every test (the device-build
# tests run the fixtures through dist/<target>/mote-benchmark natively and under qemu-user).
test: bootstrap schema-check cross
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Mote next to LiteRT (XNNPACK and reference kernels) on the same models, one core; the first run
# sets up .venv-bench and generates models/bench (TensorFlow, a few minutes).
bench: bootstrap
	tools/bench/setup.sh
	$(SWIFT) build -c release
	.venv-bench/bin/python tools/bench/bench.py

demo: build
	$(SWIFT) run mote inspect Tests/Fixtures/mlp/float/model.tflite
	$(SWIFT) run mote run Tests/Fixtures/mlp/float/model.tflite --input Tests/Fixtures/mlp/float/input_0.npy --output-dir out/demo

clean:
	rm -rf .build dist out
