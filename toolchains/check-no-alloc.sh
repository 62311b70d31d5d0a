#!/usr/bin/env bash
# Fails when any code in an object file calls an allocator. The Embedded Swift runtime defines
# swift_allocObject & co. (and swift_coroFrameAlloc) in the same object; those definitions may call posix_memalign, but no
# other section may reference an allocation entry point.
set -euo pipefail
obj="$1"
bad=$(readelf -rW "$obj" | awk '
  /^Relocation section/ { section = $3; next }
  /swift_allocObject|swift_allocEmptyBox|swift_slowAlloc|swift_coroFrameAlloc|swift_initStackObject|[^_]malloc|calloc|realloc|posix_memalign|aligned_alloc/ {
    if (section !~ /swift_allocObject|swift_allocEmptyBox|swift_slowAlloc|swift_coroFrameAlloc|ARM\.exidx|eh_frame/) print section ": " $NF
  }')
if [ -n "$bad" ]; then
  echo "check-no-alloc: $obj allocates:" >&2
  echo "$bad" >&2
  exit 1
fi
echo "check-no-alloc: $obj makes no allocation calls"
