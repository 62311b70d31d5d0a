/* classify: the smallest useful program on the Mote C API. Loads a .tflite model and a .npy of one
 * input or of N inputs stacked along the first axis, runs MicroRuntime on each, and prints the
 * arg-max of the first output (the class, for a classifier): one "class K" line per sample. Float
 * data for an int8 input is quantized with the input's scale and zero point.
 *
 *   classify MODEL.tflite INPUT.npy
 *
 * It opens the model with an operator resolver: every kernel, or, compiled with
 * -DCLASSIFY_DIGITS_ONLY, only the seven the digits models of `mote train` use, so that a static
 * link with --gc-sections carries no other kernel (toolchains/code-size.sh measures that build).
 */
#include "mote.h"
#include "npy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The kernels this program links. */
static int add_kernels(mote_op_resolver *ops) {
  if (mote_op_resolver_init(ops) != 0) return -1;
#ifdef CLASSIFY_DIGITS_ONLY
  return mote_op_resolver_add_conv_2d(ops) | mote_op_resolver_add_max_pool_2d(ops) | mote_op_resolver_add_reshape(ops) |
         mote_op_resolver_add_fully_connected(ops) | mote_op_resolver_add_softmax(ops) |
         mote_op_resolver_add_quantize(ops) | mote_op_resolver_add_dequantize(ops);
#else
  return mote_op_resolver_add_all(ops);
#endif
}

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: classify MODEL.tflite INPUT.npy\n"); return 2; }
  size_t size;
  void *model = read_all(argv[1], &size);
  if (!model) { fprintf(stderr, "classify: %s: cannot read\n", argv[1]); return 1; }

  static mote_op_resolver ops;
  if (add_kernels(&ops) != 0) { fprintf(stderr, "classify: cannot fill the operator resolver\n"); return 1; }
  /* The exact arena, measured on a work buffer of the size the first call names; a model that
   * cannot be opened is opened on that buffer to say why. */
  static mote_interpreter it;
  size_t work_size = 0, need = 0;
  mote_required_arena_with_resolver(&ops, model, size, NULL, 0, &work_size);
  void *work = aligned_alloc(16, (work_size + 15) / 16 * 16 + 16);
  if (!work) { fprintf(stderr, "classify: out of memory\n"); return 1; }
  if (mote_required_arena_with_resolver(&ops, model, size, work, work_size, &need) != 0) {
    mote_open_with_resolver(&it, &ops, model, size, work, work_size);
    fprintf(stderr, "classify: %s: %s\n", argv[1], mote_error_text(&it));
    return 1;
  }
  free(work);
  void *arena = aligned_alloc(16, (need + 15) / 16 * 16);
  if (!arena || mote_open_with_resolver(&it, &ops, model, size, arena, need) != 0) {
    fprintf(stderr, "classify: %s\n", arena ? mote_error_text(&it) : "out of memory");
    return 1;
  }

  npy_array x;
  char error[512];
  if (npy_read(argv[2], &x, error, sizeof error) != 0) { fprintf(stderr, "classify: %s\n", error); return 1; }
  int in_type = mote_input_type(&it, 0);
  size_t in_count = mote_input_bytes(&it, 0) / npy_element_size(in_type);
  int quantize = x.type == MOTE_FLOAT32 && in_type == MOTE_INT8;
  size_t sample_bytes = in_count * npy_element_size(x.type);
  if ((x.type != in_type && !quantize) || x.bytes == 0 || x.bytes % sample_bytes != 0) {
    fprintf(stderr, "classify: %s does not match the model's input (%s, %zu elements per sample)\n", argv[2],
            npy_type_name(in_type), in_count);
    return 1;
  }
  size_t samples = x.bytes / sample_bytes;
  printf("arena %zu bytes, %zu sample(s)\n", mote_arena_used(&it), samples);
  for (size_t s = 0; s < samples; s++) {
    const unsigned char *src = x.data + s * sample_bytes;
    if (quantize) {
      float scale = mote_input_scale(&it, 0);
      int zero = mote_input_zero_point(&it, 0);
      signed char *dst = mote_input_data(&it, 0);
      for (size_t i = 0; i < in_count; i++) {
        float v = ((const float *)src)[i] / scale;
        long q = (long)(v < 0 ? v - 0.5f : v + 0.5f) + zero;
        dst[i] = (signed char)(q < -128 ? -128 : q > 127 ? 127 : q);
      }
    } else {
      memcpy(mote_input_data(&it, 0), src, sample_bytes);
    }
    if (mote_invoke(&it) != 0) { fprintf(stderr, "classify: %s\n", mote_error_text(&it)); return 1; }
    int type = mote_output_type(&it, 0);
    size_t n = mote_output_bytes(&it, 0) / npy_element_size(type);
    const void *y = mote_output_data(&it, 0);
    size_t best = 0;
    double best_value = -1e300;
    for (size_t i = 0; i < n; i++) {
      double v = type == MOTE_FLOAT32 ? ((const float *)y)[i] : type == MOTE_INT8 ? ((const signed char *)y)[i] : 0;
      if (v > best_value) { best_value = v; best = i; }
    }
    printf("class %zu\n", best);
  }
  free(x.data);
  free(arena);
  free(model);
  return 0;
}
