#!/usr/bin/env bash
# Fails when the committed generated code differs from what schema/tflite.fbs generates now.
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tools/schema/generate.sh "$tmp"
status=0
for f in Sources/CFlatbuffers/generated/tflite_generated.h Sources/MicroRuntime/Schema/TFLiteSchema.swift \
         Sources/MoteIO/BuiltinOptions+Describe.swift; do
  if ! cmp -s "$f" "$tmp/$f"; then
    echo "schema check: $f is stale; run 'make schema' and commit the result" >&2
    status=1
  fi
done
[ $status -eq 0 ] && echo "schema check: generated code matches schema/tflite.fbs"
exit $status
