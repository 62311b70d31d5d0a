/* Reads each .npy file named on the command line with the C driver's reader (Sources/Benchmark/npy.c)
 * and prints one line per file: "ok TYPE RANK DIMS... VALUES..." (every element as %.17g, in C
 * order) or "error MESSAGE". The CLI tests compile it and compare its lines with numpy's verdicts
 * (Tests/Fixtures/npy/index.json). */
#include "mote.h"
#include "npy.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double half_to_double(uint16_t h) {
  int exponent = (h >> 10) & 0x1f, mantissa = h & 0x3ff;
  double v = exponent == 0 ? ldexp(mantissa, -24)
             : exponent == 31 ? (mantissa ? NAN : INFINITY)
                              : ldexp(mantissa + 1024, exponent - 25);
  return (h & 0x8000) ? -v : v;
}

static double element(const npy_array *a, size_t i) {
  const unsigned char *p = a->data + i * npy_element_size(a->type);
  switch (a->type) {
  case MOTE_FLOAT32: { float v; memcpy(&v, p, 4); return v; }
  case MOTE_FLOAT16: { uint16_t v; memcpy(&v, p, 2); return half_to_double(v); }
  case MOTE_INT32: { int32_t v; memcpy(&v, p, 4); return v; }
  case MOTE_INT64: { int64_t v; memcpy(&v, p, 8); return (double)v; }
  case MOTE_INT16: { int16_t v; memcpy(&v, p, 2); return v; }
  case MOTE_INT8: return (int8_t)*p;
  case MOTE_UINT8: return *p;
  case MOTE_BOOL: return *p != 0;
  default: return NAN;
  }
}

int main(int argc, char **argv) {
  for (int f = 1; f < argc; f++) {
    npy_array a;
    char error[512];
    if (npy_read(argv[f], &a, error, sizeof error) != 0) {
      printf("error %s\n", error);
      continue;
    }
    printf("ok %s %d", npy_type_name(a.type), a.rank);
    for (int d = 0; d < a.rank; d++) printf(" %ld", a.dims[d]);
    size_t n = a.bytes / npy_element_size(a.type);
    for (size_t i = 0; i < n; i++) printf(" %.17g", element(&a, i));
    printf("\n");
    free(a.data);
  }
  return 0;
}
