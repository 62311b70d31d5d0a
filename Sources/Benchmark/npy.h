/* Minimal .npy (format 1.0-3.0, little-endian, C order) reading and writing for mote-benchmark. */
#ifndef MOTE_NPY_H
#define MOTE_NPY_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
  int type;        /* MOTE_* element type */
  int rank;
  long dims[8];
  size_t bytes;    /* data bytes */
  unsigned char *data;
} npy_array;

/* Reads `path`; on failure returns -1 and writes one line into `error`. */
int npy_read(const char *path, npy_array *out, char *error, size_t error_size);
/* Writes `data` as a .npy file; returns 0 on success. */
int npy_write(const char *path, int type, int rank, const int *dims, const void *data, size_t bytes);
/* Opens a regular file for reading ("rb"); anything else (a FIFO or a device would block or never
 * end, a directory) is refused with one line in `error`. The driver reads models through it too. */
FILE *open_regular_file(const char *path, char *error, size_t error_size);
/* Bytes per element of a MOTE_* type, 0 if unknown. */
size_t npy_element_size(int type);
/* NumPy's name of a MOTE_* type ("float32", ...). */
const char *npy_type_name(int type);
#endif
