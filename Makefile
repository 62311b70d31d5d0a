# Mote — the common commands. `make demo` and `make test` work on a fresh machine.
SHELL := /bin/bash
SWIFT ?= swift
export PATH := /opt/swift/usr/bin:$(PATH)

.PHONY: all bootstrap build release test demo schema schema-check

all: build

bootstrap:
	@tools/bootstrap.sh

build: bootstrap
	$(SWIFT) build

release: bootstrap
	$(SWIFT) build -c release

# Regenerates the flatc C++ code and the Swift schema views from schema/tflite.fbs.
schema: bootstrap
	tools/schema/generate.sh

test: bootstrap
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

demo: build
	$(SWIFT) run mote inspect Tests/Fixtures/mlp/float/model.tflite
