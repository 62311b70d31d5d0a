// CPUID and XGETBV (Intel SDM vol. 1 §15.2–15.4: an AVX-512 program must check both the CPUID
// feature bits and that the OS enabled the opmask/ZMM state in XCR0).
#include "cpu_features.h"

#if defined(__x86_64__)
#include <cpuid.h>

static unsigned long long xcr0(void) {
  unsigned int eax, edx;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return ((unsigned long long)edx << 32) | eax;
}

int mote_cpu_has_avx512_vnni(void) {
  unsigned int eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || !(ecx & (1u << 27))) return 0;  // OSXSAVE
  if ((xcr0() & 0xE6) != 0xE6) return 0;  // SSE, AVX, opmask, ZMM_Hi256, Hi16_ZMM state
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
  const unsigned int f = 1u << 16, dq = 1u << 17, bw = 1u << 30, vl = 1u << 31, vnni = 1u << 11;
  return (ebx & f) && (ebx & dq) && (ebx & bw) && (ebx & vl) && (ecx & vnni);
}
#else
int mote_cpu_has_avx512_vnni(void) { return 0; }
#endif
