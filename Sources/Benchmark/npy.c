#define _POSIX_C_SOURCE 200809L
#include "npy.h"
#include "mote.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* The header dictionary, read as numpy reads it (ast.literal_eval, then numpy's checks) for the
 * literal syntax numpy writes, and refused otherwise: the grammar of NPYHeaderDictionary in
 * Sources/NumPyFile/NPYHeader.swift. `{`, 'key': value items separated by commas (trailing comma
 * allowed), `}`, then only whitespace; strings in ' or " without escapes; values True, False, a
 * string or a tuple of decimal integers ((), (5,), (2, 3)); a repeated key keeps its last value;
 * the keys are exactly descr, fortran_order and shape, with a string, a bool and a tuple. */
typedef struct {
  const char *p, *end;
  char *why;
  size_t why_size;
} npy_cursor;

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
static int is_word(char c) {
  return c == '_' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (unsigned char)c >= 0x80;
}
static void skip_space(npy_cursor *c) { while (c->p < c->end && is_space(*c->p)) c->p++; }
static int peek(const npy_cursor *c) { return c->p < c->end ? (unsigned char)*c->p : -1; }
static int fail(npy_cursor *c, const char *wanted) {
  if (c->p >= c->end) snprintf(c->why, c->why_size, "ends where %s should be", wanted);
  else snprintf(c->why, c->why_size, "'%c' where %s should be", *c->p, wanted);
  return -1;
}
static int expect(npy_cursor *c, char ch, const char *wanted) {
  if (peek(c) != (unsigned char)ch) return fail(c, wanted);
  c->p++;
  return 0;
}
/* A quoted string; its bytes are [*s, *s + *n). */
static int string(npy_cursor *c, const char **s, size_t *n) {
  int q = peek(c);
  if (q != '\'' && q != '"') return fail(c, "a quoted string");
  const char *start = ++c->p;
  while (c->p < c->end && *c->p != q) {
    if (*c->p == '\\' || *c->p == '\n' || *c->p == '\r') return fail(c, "the closing quote");
    c->p++;
  }
  if (c->p >= c->end) return fail(c, "the closing quote");
  *s = start;
  *n = (size_t)(c->p - start);
  c->p++;
  return 0;
}
/* A decimal integer as Python writes one: 0, or digits not starting with 0 (no sign, no _). */
static int integer(npy_cursor *c, long *v) {
  const char *start = c->p;
  while (c->p < c->end && is_word(*c->p)) c->p++;
  size_t n = (size_t)(c->p - start);
  if (n == 0) return -1;
  long x = 0;
  for (size_t i = 0; i < n; i++) {
    if (start[i] < '0' || start[i] > '9') return -1;
    if (x > (LONG_MAX - 9) / 10) return -1;
    x = x * 10 + (start[i] - '0');
  }
  if (start[0] == '0' && x != 0) return -1;
  *v = x;
  return 0;
}
static int word_is(npy_cursor *c, const char *w) {
  size_t n = strlen(w);
  if ((size_t)(c->end - c->p) < n || memcmp(c->p, w, n) != 0) return 0;
  if (c->p + n < c->end && is_word(c->p[n])) return 0;
  c->p += n;
  return 1;
}

enum { V_STRING, V_BOOL, V_TUPLE, V_INTEGER };
typedef struct {
  int kind;
  const char *s;
  size_t n;
  int boolean;
  int rank;
  long dims[8];
} npy_value;

static int tuple(npy_cursor *c, npy_value *v) {
  int commas = 0;
  v->kind = V_TUPLE;
  v->rank = 0;
  c->p++;  /* ( */
  skip_space(c);
  while (peek(c) != ')') {
    long d;
    const char *at = c->p;
    if (integer(c, &d) != 0) { c->p = at; return fail(c, "a shape dimension (a decimal integer)"); }
    if (v->rank == 8) { snprintf(c->why, c->why_size, "shape has more than 8 dimensions"); return -1; }
    v->dims[v->rank++] = d;
    skip_space(c);
    if (peek(c) == ',') { c->p++; commas++; skip_space(c); }
    else if (peek(c) != ')') return fail(c, "',' or ')'");
  }
  c->p++;
  if (v->rank == 1 && commas != 1) { snprintf(c->why, c->why_size, "shape is not a tuple of integers"); return -1; }
  return 0;
}

static int value(npy_cursor *c, npy_value *v) {
  int ch = peek(c);
  if (ch == '\'' || ch == '"') { v->kind = V_STRING; return string(c, &v->s, &v->n); }
  if (ch == '(') return tuple(c, v);
  if (word_is(c, "True")) { v->kind = V_BOOL; v->boolean = 1; return 0; }
  if (word_is(c, "False")) { v->kind = V_BOOL; v->boolean = 0; return 0; }
  const char *at = c->p;
  long ignored;
  if (integer(c, &ignored) == 0) { v->kind = V_INTEGER; return 0; }
  c->p = at;
  return fail(c, "a string, True, False or a tuple");
}

/* Fills type (-1: a descr this reader does not know), fortran order and shape. */
static int parse_header(const char *text, size_t size, int *type, int *fortran, npy_array *out, char *why, size_t why_size) {
  static const char *const keys[3] = {"descr", "fortran_order", "shape"};
  npy_value values[3];
  int seen[3] = {0, 0, 0};
  npy_cursor c = {text, text + size, why, why_size};
  skip_space(&c);
  if (expect(&c, '{', "'{'") != 0) return -1;
  skip_space(&c);
  while (peek(&c) != '}') {
    const char *k;
    size_t kn;
    npy_value v;
    if (string(&c, &k, &kn) != 0) return -1;
    skip_space(&c);
    if (expect(&c, ':', "':'") != 0) return -1;
    skip_space(&c);
    if (value(&c, &v) != 0) return -1;
    int slot = -1;
    for (int i = 0; i < 3; i++)
      if (kn == strlen(keys[i]) && memcmp(k, keys[i], kn) == 0) slot = i;
    if (slot < 0) { snprintf(why, why_size, "key '%.*s' is not descr, fortran_order or shape", (int)(kn < 40 ? kn : 40), k); return -1; }
    values[slot] = v;  /* a repeated key keeps its last value, as in Python */
    seen[slot] = 1;
    skip_space(&c);
    if (peek(&c) == ',') { c.p++; skip_space(&c); }
    else if (peek(&c) != '}') return fail(&c, "',' or '}'");
  }
  c.p++;
  skip_space(&c);
  if (c.p != c.end) return fail(&c, "the end of the header");
  for (int i = 0; i < 3; i++)
    if (!seen[i]) { snprintf(why, why_size, "missing '%s'", keys[i]); return -1; }
  if (values[0].kind != V_STRING) { snprintf(why, why_size, "descr is not a string"); return -1; }
  if (values[1].kind != V_BOOL) { snprintf(why, why_size, "fortran_order is not True or False"); return -1; }
  if (values[2].kind != V_TUPLE) { snprintf(why, why_size, "shape is not a tuple of integers"); return -1; }
  *type = -1;
  for (size_t i = 0; i < sizeof kDescr / sizeof kDescr[0]; i++)
    if (values[0].n == strlen(kDescr[i].descr) && memcmp(values[0].s, kDescr[i].descr, values[0].n) == 0) *type = kDescr[i].type;
  *fortran = values[1].boolean;
  out->rank = values[2].rank;
  for (int i = 0; i < out->rank; i++) out->dims[i] = values[2].dims[i];
  return 0;
}

FILE *open_regular_file(const char *path, char *error, size_t error_size) {
  int fd = open(path, O_RDONLY | O_NONBLOCK);
  if (fd < 0) { snprintf(error, error_size, "%s: %s", path, strerror(errno)); return NULL; }
  struct stat st;
  int ok = fstat(fd, &st) == 0;
  if (!ok || !S_ISREG(st.st_mode)) {
    close(fd);
    snprintf(error, error_size, "%s: %s", path, !ok ? "cannot read file" : S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file");
    return NULL;
  }
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  FILE *f = fdopen(fd, "rb");
  if (!f) { close(fd); snprintf(error, error_size, "%s: cannot open file", path); }
  return f;
}

int npy_read(const char *path, npy_array *out, char *error, size_t error_size) {
  memset(out, 0, sizeof *out);
  FILE *f = open_regular_file(path, error, error_size);
  if (!f) return -1;
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
  int type = -1, fortran = 0;
  char why[160];
  int parsed = parse_header(header, header_len, &type, &fortran, out, why, sizeof why);
  free(header);
  if (parsed != 0) { fclose(f); snprintf(error, error_size, "%s: bad .npy header: %s", path, why); return -1; }
  if (type < 0) { fclose(f); snprintf(error, error_size, "%s: unsupported .npy dtype", path); return -1; }
  if (fortran) { fclose(f); snprintf(error, error_size, "%s: Fortran-order .npy not supported", path); return -1; }
  size_t count = 1;
  for (int i = 0; i < out->rank; i++) {
    size_t v = (size_t)out->dims[i];
    if (v != 0 && count > ((size_t)1 << 31) / v) { fclose(f); snprintf(error, error_size, "%s: .npy shape too large", path); return -1; }
    count *= v;
  }
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
