#define _POSIX_C_SOURCE 200809L
/* mote-benchmark: TensorFlow Lite benchmark_model's flags and output, on MicroRuntime.
 * The same source builds the host tool (SwiftPM) and the static device binaries (make cross). */
#include "mote.h"
#include "npy.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

typedef struct {
  const char *graph;
  int num_runs, warmup_runs, num_threads, op_profiling, json;
  const char *csv, *input_files, *output_dir;
  double min_secs, warmup_min_secs;
} options;

static void die(const char *fmt, const char *a, const char *b) {
  fprintf(stderr, "mote-benchmark: ");
  fprintf(stderr, fmt, a, b);
  fputc('\n', stderr);
  exit(1);
}

static double now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int flag(const char *arg, const char *name, const char **value) {
  size_t n = strlen(name);
  if (strncmp(arg, name, n) != 0) return 0;
  if (arg[n] == '=') { *value = arg + n + 1; return 1; }
  if (arg[n] == 0) { *value = "true"; return 1; }
  return 0;
}

static int parse_int(const char *v, const char *name) {
  char *end;
  long x = strtol(v, &end, 10);
  if (*v == 0 || *end != 0 || x < 0 || x > 100000000) die("%s: expected a non-negative integer, got '%s'", name, v);
  return (int)x;
}

static int parse_bool(const char *v, const char *name) {
  if (!strcmp(v, "true") || !strcmp(v, "1")) return 1;
  if (!strcmp(v, "false") || !strcmp(v, "0")) return 0;
  die("%s: expected true or false, got '%s'", name, v);
  return 0;
}

static void parse(int argc, char **argv, options *o) {
  memset(o, 0, sizeof *o);
  o->num_runs = 50;
  o->warmup_runs = 1;
  o->num_threads = 1;
  o->min_secs = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v;
    if (strncmp(a, "--", 2) != 0) die("unexpected argument '%s'%s", a, "");
    if (flag(a, "--graph", &v)) o->graph = v;
    else if (flag(a, "--num_runs", &v)) o->num_runs = parse_int(v, "--num_runs");
    else if (flag(a, "--warmup_runs", &v)) o->warmup_runs = parse_int(v, "--warmup_runs");
    else if (flag(a, "--num_threads", &v)) o->num_threads = parse_int(v, "--num_threads");
    else if (flag(a, "--enable_op_profiling", &v)) o->op_profiling = parse_bool(v, "--enable_op_profiling");
    else if (flag(a, "--profiling_output_csv_file", &v)) o->csv = v;
    else if (flag(a, "--input_layer_value_files", &v)) o->input_files = v;
    else if (flag(a, "--output_dir", &v)) o->output_dir = v;
    else if (flag(a, "--json", &v)) o->json = parse_bool(v, "--json");
    else if (flag(a, "--min_secs", &v)) o->min_secs = atof(v);
    else if (flag(a, "--warmup_min_secs", &v)) o->warmup_min_secs = atof(v);
    else if (flag(a, "--use_xnnpack", &v) || flag(a, "--use_gpu", &v) || flag(a, "--verbose", &v)) { /* accepted, no effect */ }
    else die("unknown flag '%s'%s", a, "");
  }
  if (!o->graph) die("missing --graph=MODEL.tflite%s%s", "", "");
  if (o->num_threads != 1) die("--num_threads: MicroRuntime runs on one thread%s%s", "", "");
  if (o->num_runs < 1) die("--num_runs must be at least 1%s%s", "", "");
  if (o->csv) o->op_profiling = 1;
}

static void *read_file(const char *path, size_t *size) {
  char error[512];
  FILE *f = open_regular_file(path, error, sizeof error);
  if (!f) die("%s%s", error, "");
  struct stat st;
  if (fstat(fileno(f), &st) != 0) die("%s: cannot read%s", path, "");
  /* Checked before reading: a model is a FlatBuffer, at most 2^31 - 1 bytes. */
  if (st.st_size > 0x7FFFFFFF) die("%s: larger than 2 GB, the FlatBuffer limit%s", path, "");
  *size = (size_t)st.st_size;
  void *p = aligned_alloc(64, (*size + 63) / 64 * 64 + 64);
  if (!p) die("%s: out of memory%s", path, "");
  if (*size && fread(p, 1, *size, f) != *size) die("%s: cannot read%s", path, "");
  fclose(f);
  return p;
}

static void fail_model(mote_interpreter *it, const char *what) {
  fprintf(stderr, "mote-benchmark: %s: %s", what, mote_error_text(it));
  if (mote_error_operator(it) >= 0) fprintf(stderr, " (operator %d)", mote_error_operator(it));
  if (mote_error_tensor(it) >= 0) fprintf(stderr, " (tensor %d)", mote_error_tensor(it));
  if (mote_error_expected(it) >= 0 || mote_error_found(it) >= 0)
    fprintf(stderr, " (expected %lld, found %lld)", mote_error_expected(it), mote_error_found(it));
  fputc('\n', stderr);
  exit(1);
}

/* xorshift for reproducible random inputs */
static uint32_t rng_state = 0x12345678u;
static uint32_t rng(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 17;
  rng_state ^= rng_state << 5;
  return rng_state;
}

static void fill_random(void *data, size_t bytes, int type) {
  size_t n = bytes / (npy_element_size(type) ? npy_element_size(type) : 1);
  for (size_t i = 0; i < n; i++) {
    switch (type) {
    case MOTE_FLOAT32: ((float *)data)[i] = (float)(rng() % 2000001) / 1000000.0f - 1.0f; break;
    case MOTE_INT8: ((int8_t *)data)[i] = (int8_t)(rng() & 0xFF); break;
    case MOTE_UINT8: ((uint8_t *)data)[i] = (uint8_t)(rng() & 0xFF); break;
    case MOTE_INT16: ((int16_t *)data)[i] = (int16_t)(rng() & 0xFFFF); break;
    case MOTE_INT32: ((int32_t *)data)[i] = 0; break;   /* indices and shapes: 0 is always valid */
    case MOTE_INT64: ((int64_t *)data)[i] = 0; break;
    case MOTE_BOOL: ((uint8_t *)data)[i] = (uint8_t)(rng() & 1); break;
    default: ((uint8_t *)data)[i] = 0;
    }
  }
}

static void load_inputs(mote_interpreter *it, const options *o) {
  int n = mote_input_count(it);
  if (!o->input_files) {
    for (int i = 0; i < n; i++) fill_random(mote_input_data(it, i), mote_input_bytes(it, i), mote_input_type(it, i));
    return;
  }
  char *list = strdup(o->input_files);
  int k = 0;
  for (char *item = strtok(list, ","); item; item = strtok(NULL, ","), k++) {
    /* "name:file.npy" pairs are matched by position here; a bare path is the next input. */
    char *path = item;
    char *colon = strchr(item, ':');
    if (colon && strstr(item, ".npy") > colon) path = colon + 1;
    if (k >= n) die("--input_layer_value_files: more files than the model's inputs (%s)%s", path, "");
    npy_array a;
    char error[512];
    if (npy_read(path, &a, error, sizeof error) != 0) die("%s%s", error, "");
    if (a.type != mote_input_type(it, k)) die("%s: dtype %s does not match the model input", path, npy_type_name(a.type));
    int same = a.rank == mote_input_rank(it, k);
    for (int d = 0; same && d < a.rank; d++) same = a.dims[d] == mote_input_dim(it, k, d);
    if (!same || a.bytes != mote_input_bytes(it, k)) die("%s: shape does not match model input%s", path, "");
    if (a.type == MOTE_FLOAT32)
      for (size_t e = 0; e < a.bytes / 4; e++)
        if (!__builtin_isfinite(((const float *)a.data)[e])) {
          char where[32];
          snprintf(where, sizeof where, "%zu", e);
          die("%s: element %s is not finite (inputs must be finite)", path, where);
        }
    memcpy(mote_input_data(it, k), a.data, a.bytes);
    free(a.data);
  }
  free(list);
  if (k != n) die("--input_layer_value_files: the model has more inputs than files given%s%s", "", "");
}

static void write_outputs(mote_interpreter *it, const char *dir) {
  mkdir(dir, 0755);
  for (int i = 0; i < mote_output_count(it); i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/output_%d.npy", dir, i);
    int dims[8], rank = mote_output_rank(it, i);
    for (int d = 0; d < rank && d < 8; d++) dims[d] = mote_output_dim(it, i, d);
    if (npy_write(path, mote_output_type(it, i), rank, dims, mote_output_data(it, i), mote_output_bytes(it, i)) != 0)
      die("%s: cannot write%s", path, "");
  }
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

typedef struct { double min, max, avg, std, median, p90, first, last; } stats;

static stats summarize(double *t, int n) {
  stats s = {0};
  if (n == 0) return s;
  s.first = t[0];
  s.last = t[n - 1];
  double sum = 0, sq = 0;
  for (int i = 0; i < n; i++) { sum += t[i]; sq += t[i] * t[i]; }
  s.avg = sum / n;
  double var = sq / n - s.avg * s.avg;
  s.std = var > 0 ? __builtin_sqrt(var) : 0;
  double *sorted = malloc(sizeof(double) * (size_t)n);
  memcpy(sorted, t, sizeof(double) * (size_t)n);
  qsort(sorted, (size_t)n, sizeof(double), cmp_double);
  s.min = sorted[0];
  s.max = sorted[n - 1];
  s.median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  int p = (int)((n - 1) * 0.9 + 0.5);
  s.p90 = sorted[p];
  free(sorted);
  return s;
}

static void print_stats(const char *label, const stats *s, int n) {
  printf("%s count=%d first=%.0f curr=%.0f min=%.0f max=%.0f avg=%.1f std=%.0f\n", label, n, s->first, s->last,
         s->min, s->max, s->avg, s->std);
}

static void profile(mote_interpreter *it, const options *o) {
  int ops = mote_operator_count(it);
  double *total = calloc((size_t)ops + 1, sizeof(double));
  int runs = o->num_runs;
  for (int r = 0; r < runs; r++) {
    for (int op = 0; op < ops; op++) {
      double t0 = now_us();
      if (mote_invoke_operator(it, op) != 0) fail_model(it, "invoke");
      total[op] += now_us() - t0;
    }
  }
  double sum = 0;
  for (int op = 0; op < ops; op++) sum += total[op];
  FILE *csv = NULL;
  if (o->csv) {
    csv = fopen(o->csv, "w");
    if (!csv) die("%s: cannot write%s", o->csv, "");
    fprintf(csv, "node type,node index,avg ms,%%,cdf%%\n");
  }
  printf("============================== Run Order ==============================\n");
  printf("%28s %8s %12s %10s %10s\n", "[node type]", "[index]", "[avg ms]", "[%]", "[cdf%]");
  double cdf = 0;
  for (int op = 0; op < ops; op++) {
    double avg_ms = total[op] / runs / 1000.0;
    double pct = sum > 0 ? 100.0 * total[op] / sum : 0;
    cdf += pct;
    const char *name = mote_operator_name(mote_operator_code(it, op));
    printf("%28s %8d %12.4f %9.3f%% %9.3f%%\n", name, op, avg_ms, pct, cdf);
    if (csv) fprintf(csv, "%s,%d,%.6f,%.3f,%.3f\n", name, op, avg_ms, pct, cdf);
  }
  if (csv) fclose(csv);
  /* Summary by node type, largest first. */
  int codes[256];
  double by_code[256];
  int counts[256];
  int ncodes = 0;
  for (int op = 0; op < ops; op++) {
    int c = mote_operator_code(it, op), k;
    for (k = 0; k < ncodes && codes[k] != c; k++) {}
    if (k == ncodes) {
      if (ncodes == 256) continue;
      codes[ncodes] = c; by_code[ncodes] = 0; counts[ncodes] = 0; ncodes++;
    }
    by_code[k] += total[op];
    counts[k]++;
  }
  for (int a = 0; a < ncodes; a++)
    for (int b = a + 1; b < ncodes; b++)
      if (by_code[b] > by_code[a]) {
        double t = by_code[a]; by_code[a] = by_code[b]; by_code[b] = t;
        int c = codes[a]; codes[a] = codes[b]; codes[b] = c;
        c = counts[a]; counts[a] = counts[b]; counts[b] = c;
      }
  printf("============================== Summary by node type ==============================\n");
  printf("%28s %8s %12s %10s %10s\n", "[Node type]", "[count]", "[avg ms]", "[%]", "[cdf%]");
  cdf = 0;
  for (int k = 0; k < ncodes; k++) {
    double pct = sum > 0 ? 100.0 * by_code[k] / sum : 0;
    cdf += pct;
    printf("%28s %8d %12.4f %9.3f%% %9.3f%%\n", mote_operator_name(codes[k]), counts[k], by_code[k] / runs / 1000.0, pct, cdf);
  }
  free(total);
}

int main(int argc, char **argv) {
  options o;
  parse(argc, argv, &o);
  size_t model_size;
  void *model = read_file(o.graph, &model_size);
  printf("INFO: Loaded model %s\n", o.graph);
  printf("The input model file size (MB): %.6f\n", (double)model_size / 1e6);

  double t0 = now_us();
  static mote_interpreter it;
  /* The exact arena in one measuring pass; its work buffer holds only the records. A model that
   * cannot be opened is opened on that buffer to say why. */
  static _Alignas(16) unsigned char probe[16];
  size_t work_size = 0, need = 0;
  if (mote_required_arena(model, model_size, NULL, 0, &work_size) != 0 && work_size == 0) {
    mote_open(&it, model, model_size, probe, sizeof probe);
    fail_model(&it, o.graph);
  }
  void *work = aligned_alloc(64, (work_size + 63) / 64 * 64);
  if (!work) die("out of memory%s%s", "", "");
  if (mote_required_arena(model, model_size, work, work_size, &need) != 0) {
    mote_open(&it, model, model_size, work, work_size);
    fail_model(&it, o.graph);
  }
  free(work);
  if (need > ((size_t)1 << 31)) {
    char bytes[32];
    snprintf(bytes, sizeof bytes, "%zu", need);
    die("%s: arena is too small: the model needs %s bytes, more than the 2 GB mote-benchmark allocates", o.graph, bytes);
  }
  void *arena = aligned_alloc(64, (need + 63) / 64 * 64 + 64);
  if (!arena) die("out of memory%s%s", "", "");
  if (mote_open(&it, model, model_size, arena, need) != 0) fail_model(&it, o.graph);
  double init_us = now_us() - t0;
  printf("Initialized session in %.3fms.\n", init_us / 1000.0);
  printf("Arena bytes: %zu\n", mote_arena_used(&it));

  load_inputs(&it, &o);

  double first_us = 0;
  {
    double s = now_us();
    if (mote_invoke(&it) != 0) fail_model(&it, "invoke");
    first_us = now_us() - s;
  }
  int warm = o.warmup_runs;
  double *wt = calloc((size_t)warm + 1, sizeof(double));
  for (int i = 0; i < warm; i++) {
    double s = now_us();
    if (mote_invoke(&it) != 0) fail_model(&it, "invoke");
    wt[i] = now_us() - s;
  }
  stats ws = summarize(wt, warm);
  printf("Running benchmark for at least %d iterations and at least %.1f seconds\n", o.num_runs, o.min_secs);
  int cap = o.num_runs;
  double *rt = malloc(sizeof(double) * (size_t)cap);
  int runs = 0;
  double start = now_us();
  while (runs < o.num_runs || (now_us() - start) < o.min_secs * 1e6) {
    if (runs == cap) { cap *= 2; rt = realloc(rt, sizeof(double) * (size_t)cap); }
    double s = now_us();
    if (mote_invoke(&it) != 0) fail_model(&it, "invoke");
    rt[runs++] = now_us() - s;
  }
  stats rs = summarize(rt, runs);
  if (warm) print_stats("Warmup:", &ws, warm);
  print_stats("Inference:", &rs, runs);
  printf("Inference timings in us: Init: %.0f, First inference: %.0f, Warmup (avg): %.1f, Inference (avg): %.1f\n",
         init_us, first_us, warm ? ws.avg : first_us, rs.avg);
  printf("Inference percentiles in us: min=%.1f median=%.1f p90=%.1f max=%.1f\n", rs.min, rs.median, rs.p90, rs.max);
  if (o.op_profiling) profile(&it, &o);
  if (o.output_dir) {
    if (mote_invoke(&it) != 0) fail_model(&it, "invoke");
    write_outputs(&it, o.output_dir);
  }
  if (o.json)
    printf("{\"model\": \"%s\", \"engine\": \"mote\", \"num_runs\": %d, \"init_us\": %.1f, \"first_us\": %.1f, "
           "\"warmup_avg_us\": %.1f, \"avg_us\": %.1f, \"min_us\": %.1f, \"median_us\": %.1f, \"p90_us\": %.1f, "
           "\"max_us\": %.1f, \"std_us\": %.1f, \"arena_bytes\": %zu}\n",
           o.graph, runs, init_us, first_us, warm ? ws.avg : first_us, rs.avg, rs.min, rs.median, rs.p90, rs.max,
           rs.std, mote_arena_used(&it));
  free(rt);
  free(wt);
  free(arena);
  free(model);
  return 0;
}
