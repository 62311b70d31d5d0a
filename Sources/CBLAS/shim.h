// OpenBLAS's CBLAS interface, reached through pkg-config `openblas`.
#include <cblas.h>
