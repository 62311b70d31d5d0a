#!/usr/bin/env bash
# Regenerates everything derived from schema/tflite.fbs:
#   Sources/CFlatbuffers/generated/tflite_generated.h   (flatc --cpp: builder + verifier)
#   Sources/MicroRuntime/Schema/TFLiteSchema.swift       (Swift views + verifier)
#   Sources/MoteIO/BuiltinOptions+Describe.swift         (option descriptions for mote inspect)
# With an argument DIR, writes the three files under DIR instead (used by the staleness check).
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-.}"
mkdir -p "$out/Sources/CFlatbuffers/generated" "$out/Sources/MicroRuntime/Schema" "$out/Sources/MoteIO"
flatc --cpp --scoped-enums -o "$out/Sources/CFlatbuffers/generated" schema/tflite.fbs
python3 tools/schema/gen_swift.py schema/tflite.fbs \
  "$out/Sources/MicroRuntime/Schema/TFLiteSchema.swift" "$out/Sources/MoteIO/BuiltinOptions+Describe.swift"
