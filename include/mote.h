/* Mote MicroRuntime — C API.
 *
 * The runtime never allocates: the caller owns the model bytes, one arena and the interpreter
 * storage below, and keeps all three alive and unmoved while the interpreter is used.
 *
 *   mote_interpreter it;
 *   size_t need;
 *   if (mote_required_arena(model, model_size, work, work_size, &need) != 0) { ... }
 *   if (mote_open(&it, model, model_size, arena, need) != 0) { puts(mote_error_text(&it)); ... }
 *   memcpy(mote_input_data(&it, 0), x, mote_input_bytes(&it, 0));
 *   mote_invoke(&it);
 *   const float *y = mote_output_data(&it, 0);
 *
 * Every function that can fail returns 0 on success and -1 on failure; the reason is then in
 * mote_error_text / mote_error_operator / mote_error_tensor. Model bytes and arena must be 16-byte
 * aligned.
 *
 * No precondition can crash: every function accepts a NULL interpreter, storage that mote_open never
 * ran on, a failed open and out-of-range indices. Then calls that can fail return -1, queries
 * answer "nothing" (0 counts and sizes, -1 types, dimensions and codes, NULL data) and
 * mote_error_text says why. NULL model, arena or `out` pointers are refused the same way.
 */
#ifndef MOTE_H
#define MOTE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Storage for one interpreter; opaque. */
typedef struct {
  _Alignas(16) unsigned char opaque[640];
} mote_interpreter;

/** Tensor element types (TFLite's TensorType codes). */
enum {
  MOTE_FLOAT32 = 0, MOTE_FLOAT16 = 1, MOTE_INT32 = 2, MOTE_UINT8 = 3, MOTE_INT64 = 4,
  MOTE_BOOL = 6, MOTE_INT16 = 7, MOTE_INT8 = 9
};

/** Size in bytes of mote_interpreter's storage that the runtime needs (<= sizeof). */
size_t mote_interpreter_storage_size(void);

/** Opens the model with `work` (any buffer large enough, e.g. 64 MB) and stores in *out the exact
 *  arena size the model needs. On failure the error is lost; call mote_open to see it. */
int mote_required_arena(const void *model, size_t model_size, void *work, size_t work_size, size_t *out);

/** Verifies the model, prepares every operator and plans the arena. */
int mote_open(mote_interpreter *it, const void *model, size_t model_size, void *arena, size_t arena_size);

/** The arena bytes the open model uses (exactly what mote_required_arena reported). */
size_t mote_arena_used(const mote_interpreter *it);

int mote_input_count(const mote_interpreter *it);
int mote_output_count(const mote_interpreter *it);

/** Data pointer, byte size, type (MOTE_*), rank and dimensions of input/output `i`. */
void *mote_input_data(mote_interpreter *it, int i);
size_t mote_input_bytes(const mote_interpreter *it, int i);
int mote_input_type(const mote_interpreter *it, int i);
int mote_input_rank(const mote_interpreter *it, int i);
int mote_input_dim(const mote_interpreter *it, int i, int d);
const void *mote_output_data(const mote_interpreter *it, int i);
size_t mote_output_bytes(const mote_interpreter *it, int i);
int mote_output_type(const mote_interpreter *it, int i);
int mote_output_rank(const mote_interpreter *it, int i);
int mote_output_dim(const mote_interpreter *it, int i, int d);
/** Quantization of input/output `i` (scale 0 when not quantized). */
float mote_input_scale(const mote_interpreter *it, int i);
int mote_input_zero_point(const mote_interpreter *it, int i);

/** Runs the model once. */
int mote_invoke(mote_interpreter *it);
/** Runs operator `op` alone (for profiling); the operators before it must have run. */
int mote_invoke_operator(mote_interpreter *it, int op);
/** Number of operators and the builtin code of operator `op` (TFLite's BuiltinOperator). */
int mote_operator_count(const mote_interpreter *it);
int mote_operator_code(const mote_interpreter *it, int op);
/** The name of a builtin operator code, e.g. "CONV_2D". */
const char *mote_operator_name(int code);

/** The last error as one line of static text, or "" when none. */
const char *mote_error_text(const mote_interpreter *it);
/** Operator / tensor index of the last error, or -1. */
int mote_error_operator(const mote_interpreter *it);
int mote_error_tensor(const mote_interpreter *it);
/** Expected / found values of the last error (sizes, counts, type codes), or -1. */
long long mote_error_expected(const mote_interpreter *it);
long long mote_error_found(const mote_interpreter *it);

#ifdef __cplusplus
}
#endif
#endif
