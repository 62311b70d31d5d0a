#include "npy.h"
#include "mote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct { const char *descr; int type; } kDescr[] = {
  {"<f4", MOTE_FLOAT32}, {"<f2", MOTE_FLOAT16}, {"<i4", MOTE_INT32}, {"<i8", MOTE_INT64},
  {"<i2", MOTE_INT16}, {"|i1", MOTE_INT8}, {"<i1", MOTE_INT8}, {"|u1", MOTE_UINT8},
  {"<u1", MOTE_UINT8}, {"|b1", MOTE_BOOL},
};

size_t npy_element_size(int type) {
  switch (type) {
  case MOTE_FLOAT32: case MOTE_INT32: return 4;
  case MOTE_FLOAT16: case MOTE_INT16: return 2;
  case MOTE_INT8: case MOTE_UINT8: case MOTE_BOOL: return 1;
  case MOTE_INT64: return 8;
  default: return 0;
  }
}

const char *npy_type_name(int type) {
  switch (type) {
  case MOTE_FLOAT32: return "float32";
  case MOTE_FLOAT16: return "float16";
  case MOTE_INT32: return "int32";
  case MOTE_INT64: return "int64";
  case MOTE_INT16: return "int16";
  case MOTE_INT8: return "int8";
  case MOTE_UINT8: return "uint8";
  case MOTE_BOOL: return "bool";
  default: return "unknown";
  }
}

static const char *descr_of(int type) {
  for (size_t i = 0; i < sizeof kDescr / sizeof kDescr[0]; i++)
    if (kDescr[i].type == type) return kDescr[i].descr;
  return NULL;
}

int npy_read(const char *path, npy_array *out, char *error, size_t error_size) {
  memset(out, 0, sizeof *out);
  FILE *f = fopen(path, "rb");
  if (!f) { snprintf(error, error_size, "%s: cannot open file", path); return -1; }
  unsigned char head[12];
  size_t got = fread(head, 1, 10, f);
  if (got < 10 || memcmp(head, "\x93NUMPY", 6) != 0) {
    fclose(f);
    snprintf(error, error_size, "%s: not a .npy file (bad magic)", path);
    return -1;
  }
  size_t header_len;
  if (head[6] == 1) {
    header_len = (size_t)head[8] | (size_t)head[9] << 8;
  } else if (head[6] == 2 || head[6] == 3) {
    if (fread(head + 10, 1, 2, f) != 2) { fclose(f); snprintf(error, error_size, "%s: truncated .npy header", path); return -1; }
    header_len = (size_t)head[8] | (size_t)head[9] << 8 | (size_t)head[10] << 16 | (size_t)head[11] << 24;
  } else {
    fclose(f);
    snprintf(error, error_size, "%s: unsupported .npy version %d", path, head[6]);
    return -1;
  }
  if (header_len > 1 << 20) { fclose(f); snprintf(error, error_size, "%s: .npy header too long", path); return -1; }
  char *header = malloc(header_len + 1);
  if (!header || fread(header, 1, header_len, f) != header_len) {
    free(header);
    fclose(f);
    snprintf(error, error_size, "%s: truncated .npy header", path);
    return -1;
  }
  header[header_len] = 0;
  const char *d = strstr(header, "'descr'");
  const char *s = strstr(header, "'shape'");
  const char *fo = strstr(header, "'fortran_order'");
  int type = -1;
  if (d) {
    d = strchr(d + 7, '\'');
    for (size_t i = 0; d && i < sizeof kDescr / sizeof kDescr[0]; i++)
      if (strncmp(d + 1, kDescr[i].descr, 3) == 0 && d[4] == '\'') type = kDescr[i].type;
  }
  if (type < 0) { free(header); fclose(f); snprintf(error, error_size, "%s: unsupported or missing .npy dtype", path); return -1; }
  if (fo && strstr(fo, "True") && strstr(fo, "True") < strchr(fo, ',')) {
    free(header); fclose(f); snprintf(error, error_size, "%s: Fortran-order .npy not supported", path); return -1;
  }
  if (!s || !(s = strchr(s, '('))) { free(header); fclose(f); snprintf(error, error_size, "%s: .npy header has no shape", path); return -1; }
  s++;
  size_t count = 1;
  while (*s && *s != ')') {
    while (*s == ' ' || *s == ',') s++;
    if (*s == ')') break;
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || v < 0 || out->rank == 8) { free(header); fclose(f); snprintf(error, error_size, "%s: bad .npy shape", path); return -1; }
    out->dims[out->rank++] = v;
    if (v != 0 && count > ((size_t)1 << 31) / (size_t)v) { free(header); fclose(f); snprintf(error, error_size, "%s: .npy shape too large", path); return -1; }
    count *= (size_t)v;
    s = end;
  }
  free(header);
  out->type = type;
  out->bytes = count * npy_element_size(type);
  long here = ftell(f);
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, here, SEEK_SET);
  if (size - here != (long)out->bytes) {
    fclose(f);
    snprintf(error, error_size, "%s: .npy data is %ld bytes, header says %zu", path, size - here, out->bytes);
    return -1;
  }
  out->data = malloc(out->bytes ? out->bytes : 1);
  if (!out->data || fread(out->data, 1, out->bytes, f) != out->bytes) {
    fclose(f);
    snprintf(error, error_size, "%s: cannot read .npy data", path);
    return -1;
  }
  fclose(f);
  return 0;
}

int npy_write(const char *path, int type, int rank, const int *dims, const void *data, size_t bytes) {
  const char *descr = descr_of(type);
  if (!descr) return -1;
  char shape[160] = "(";
  for (int i = 0; i < rank; i++) {
    char part[24];
    snprintf(part, sizeof part, rank == 1 ? "%d," : (i + 1 < rank ? "%d, " : "%d"), dims[i]);
    strncat(shape, part, sizeof shape - strlen(shape) - 1);
  }
  strncat(shape, ")", sizeof shape - strlen(shape) - 1);
  char header[256];
  int n = snprintf(header, sizeof header, "{'descr': '%s', 'fortran_order': False, 'shape': %s, }", descr, shape);
  int total = 10 + n + 1;
  int pad = (64 - total % 64) % 64;
  FILE *f = fopen(path, "wb");
  if (!f) return -1;
  unsigned short len = (unsigned short)(n + pad + 1);
  unsigned char pre[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (unsigned char)(len & 0xFF), (unsigned char)(len >> 8)};
  fwrite(pre, 1, 10, f);
  fwrite(header, 1, (size_t)n, f);
  for (int i = 0; i < pad; i++) fputc(' ', f);
  fputc('\n', f);
  size_t wrote = fwrite(data, 1, bytes, f);
  return (fclose(f) == 0 && wrote == bytes) ? 0 : -1;
}
