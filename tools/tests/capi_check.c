/* capi-check: the C API's answers to NULL pointers, storage mote_open never ran on, failed opens
 * and out-of-range indices (include/mote.h: none of them may crash or touch memory the caller does
 * not own). toolchains/build.sh builds it for every device target; DeviceBuildTests runs it.
 *
 *   capi-check MODEL.tflite      prints "capi-check: N checks passed", exit 0; else the failures, 1
 */
#include "mote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures, checks;
#define CHECK(cond)                                                      \
  do {                                                                   \
    checks++;                                                            \
    if (!(cond)) { failures++; fprintf(stderr, "capi-check: line %d: %s\n", __LINE__, #cond); } \
  } while (0)

/* Every query on `it` answers "nothing", and the calls that can fail fail. */
static void expect_nothing(mote_interpreter *it) {
  CHECK(mote_arena_used(it) == 0);
  CHECK(mote_input_count(it) == 0 && mote_output_count(it) == 0 && mote_operator_count(it) == 0);
  CHECK(mote_input_data(it, 0) == NULL && mote_output_data(it, 0) == NULL);
  CHECK(mote_input_bytes(it, 0) == 0 && mote_output_bytes(it, 0) == 0);
  CHECK(mote_input_type(it, 0) == -1 && mote_output_type(it, 0) == -1);
  CHECK(mote_input_rank(it, 0) == 0 && mote_output_rank(it, 0) == 0);
  CHECK(mote_input_dim(it, 0, 0) == -1 && mote_output_dim(it, 0, 0) == -1);
  CHECK(mote_input_scale(it, 0) == 0 && mote_input_zero_point(it, 0) == 0);
  CHECK(mote_invoke(it) == -1 && mote_invoke_operator(it, 0) == -1);
  CHECK(mote_operator_code(it, 0) == -1);
  CHECK(mote_error_text(it) != NULL && mote_error_text(it)[0] != 0);
}

static void *read_all(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  void *p = n > 0 ? aligned_alloc(16, ((size_t)n + 15) / 16 * 16) : NULL;
  if (p && fread(p, 1, (size_t)n, f) != (size_t)n) { free(p); p = NULL; }
  fclose(f);
  *size = (size_t)n;
  return p;
}

int main(int argc, char **argv) {
  if (argc != 2) { fprintf(stderr, "usage: capi-check MODEL.tflite\n"); return 2; }
  size_t size, need = 0;
  void *model = read_all(argv[1], &size);
  if (!model) { fprintf(stderr, "capi-check: %s: cannot read\n", argv[1]); return 1; }
  size_t work_size = 16u << 20;
  void *work = aligned_alloc(16, work_size);
  CHECK(mote_interpreter_storage_size() <= sizeof(mote_interpreter));

  /* NULL everywhere. */
  expect_nothing(NULL);
  CHECK(strcmp(mote_error_text(NULL), "the interpreter pointer is NULL") == 0);
  CHECK(mote_error_operator(NULL) == -1 && mote_error_tensor(NULL) == -1);
  CHECK(mote_error_expected(NULL) == -1 && mote_error_found(NULL) == -1);
  CHECK(mote_open(NULL, model, size, work, work_size) == -1);
  CHECK(mote_required_arena(NULL, size, work, work_size, &need) == -1);
  CHECK(mote_required_arena(model, size, NULL, work_size, &need) == -1);
  CHECK(mote_required_arena(model, size, work, work_size, NULL) == -1);
  CHECK(mote_operator_name(-5) != NULL);
  CHECK(mote_error_kind(NULL) == MOTE_ERROR_NULL_ARGUMENT);
  CHECK(mote_op_resolver_init(NULL) == -1 && mote_op_resolver_add_all(NULL) == -1);
  CHECK(mote_op_resolver_add_conv_2d(NULL) == -1);

  /* Storage mote_open never ran on: zeros, and garbage. */
  static mote_interpreter zero, garbage;
  memset(&garbage, 0xA5, sizeof garbage);
  expect_nothing(&zero);
  expect_nothing(&garbage);
  CHECK(strcmp(mote_error_text(&garbage), "the interpreter was not opened (call mote_open)") == 0);
  CHECK(mote_error_kind(&zero) == MOTE_ERROR_INTERPRETER_NOT_OPENED);
  CHECK(mote_error_kind(&garbage) == MOTE_ERROR_INTERPRETER_NOT_OPENED);

  /* The work the measurement needs, then the exact arena: one call each, no guessing. */
  size_t planning = 0;
  CHECK(mote_required_arena(model, size, NULL, 0, &planning) == -1 && planning > 0);
  CHECK(mote_required_arena(model, size, work, planning - 16, &need) == -1 && need == planning);
  CHECK(mote_required_arena(model, size, (char *)work + 8, planning, &need) == -1 && need == planning);
  CHECK(mote_required_arena(model, size, work, planning, &need) == 0 && need >= planning);
  size_t exact = need;
  CHECK(mote_required_arena(model, 15, work, planning, &need) == -1 && need == 0);

  /* A failed open: NULL model or arena, then an arena far too small. */
  mote_interpreter it;
  CHECK(mote_open(&it, NULL, size, work, work_size) == -1);
  CHECK(strcmp(mote_error_text(&it), "a pointer argument is NULL") == 0);
  expect_nothing(&it);
  CHECK(mote_open(&it, model, size, NULL, work_size) == -1);
  CHECK(mote_open(&it, model, size, work, 16) == -1);
  expect_nothing(&it);
  CHECK(mote_error_kind(&it) == MOTE_ERROR_ARENA_TOO_SMALL && mote_error_expected(&it) == (long long)planning);
  /* One byte short: the error names the exact size. */
  CHECK(mote_open(&it, model, size, work, exact - 1) == -1);
  CHECK(mote_error_kind(&it) == MOTE_ERROR_ARENA_TOO_SMALL && mote_error_expected(&it) == (long long)exact);
  expect_nothing(&it);

  /* Resolvers: NULL, never initialized, empty, one operator, every kernel. */
  static mote_op_resolver ops, garbage_ops;
  memset(&garbage_ops, 0xA5, sizeof garbage_ops);
  CHECK(mote_open_with_resolver(&it, NULL, model, size, work, exact) == -1);
  CHECK(mote_error_kind(&it) == MOTE_ERROR_NULL_ARGUMENT);
  CHECK(mote_open_with_resolver(&it, &garbage_ops, model, size, work, exact) == -1);
  CHECK(mote_error_kind(&it) == MOTE_ERROR_RESOLVER_NOT_INITIALIZED);
  CHECK(mote_op_resolver_add_softmax(&garbage_ops) == -1);
  CHECK(mote_required_arena_with_resolver(&garbage_ops, model, size, work, work_size, &need) == -1);
  CHECK(mote_op_resolver_init(&ops) == 0);
  CHECK(mote_open_with_resolver(&it, &ops, model, size, work, exact) == -1);
  CHECK(mote_error_kind(&it) == MOTE_ERROR_UNSUPPORTED_OPERATOR && mote_error_operator(&it) == 0);
  CHECK(mote_required_arena_with_resolver(&ops, model, size, work, work_size, &need) == -1 && need == 0);
  CHECK(mote_op_resolver_add_all(&ops) == 0);
  CHECK(mote_required_arena_with_resolver(&ops, model, size, work, work_size, &need) == 0 && need == exact);
  CHECK(mote_open_with_resolver(&it, &ops, model, size, work, exact) == 0 && mote_arena_used(&it) == exact);
  CHECK(mote_error_kind(&it) == MOTE_ERROR_NONE);

  /* An open interpreter: out-of-range indices answer "nothing". */
  CHECK(mote_required_arena(model, size, work, work_size, &need) == 0 && need > 0);
  CHECK(mote_open(&it, model, size, work, need) == 0);
  CHECK(mote_error_text(&it)[0] == 0);
  CHECK(mote_input_count(&it) >= 1 && mote_output_count(&it) >= 1);
  CHECK(mote_input_data(&it, -1) == NULL && mote_input_data(&it, 1000) == NULL);
  CHECK(mote_output_data(&it, -1) == NULL && mote_output_bytes(&it, 1000) == 0);
  CHECK(mote_input_dim(&it, 0, -1) == -1 && mote_input_dim(&it, 0, 99) == -1);
  CHECK(mote_operator_code(&it, -1) == -1 && mote_operator_code(&it, 1 << 30) == -1);
  CHECK(mote_invoke_operator(&it, -1) == -1);
  memset(mote_input_data(&it, 0), 0, mote_input_bytes(&it, 0));
  CHECK(mote_invoke(&it) == 0);

  free(work);
  free(model);
  if (failures) { fprintf(stderr, "capi-check: %d of %d checks failed\n", failures, checks); return 1; }
  printf("capi-check: %d checks passed\n", checks);
  return 0;
}
