// What the processor running this program can execute, for the kernels that are chosen at run time.
#ifndef MOTE_CPU_FEATURES_H
#define MOTE_CPU_FEATURES_H

/// 1 when the processor has AVX-512 F, BW, DQ, VL and VNNI and the operating system saves the
/// 512-bit and mask registers (XCR0 bits 1, 2, 5, 6, 7); 0 otherwise and on other architectures.
int mote_cpu_has_avx512_vnni(void);

#endif
