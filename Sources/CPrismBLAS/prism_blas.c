#include "prism_blas.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*sgemm_fn)(int, int, int, int, int, int, float, const float *, int, const float *, int, float, float *,
                         int);
typedef char *(*corename_fn)(void);
typedef void (*set_threads_fn)(int);
typedef int (*get_threads_fn)(void);

static void *library;
static sgemm_fn sgemm;
static corename_fn corename;
static set_threads_fn set_threads;
static get_threads_fn get_threads;
static char error_text[512];

enum { ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112 };

static void *open_first(void) {
    static const char *names[] = {"libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        void *handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        if (handle) return handle;
    }
    return NULL;
}

int prism_blas_open(const char *coretype) {
    if (library) return 0;
    char *saved = NULL;
    int had = 0;
    if (coretype) {
        const char *current = getenv("OPENBLAS_CORETYPE");
        if (current) { had = 1; saved = strdup(current); }
        setenv("OPENBLAS_CORETYPE", coretype, 1);
    }
    library = open_first();
    if (coretype) {
        if (had) setenv("OPENBLAS_CORETYPE", saved, 1); else unsetenv("OPENBLAS_CORETYPE");
        free(saved);
    }
    if (!library) {
        snprintf(error_text, sizeof error_text, "cannot load OpenBLAS (libopenblas.so.0): %s "
                 "(install it with `apt-get install libopenblas0` or `make deps`)", dlerror());
        return -1;
    }
    sgemm = (sgemm_fn)dlsym(library, "cblas_sgemm");
    corename = (corename_fn)dlsym(library, "openblas_get_corename");
    set_threads = (set_threads_fn)dlsym(library, "openblas_set_num_threads");
    get_threads = (get_threads_fn)dlsym(library, "openblas_get_num_threads");
    if (!sgemm || !corename || !set_threads || !get_threads) {
        snprintf(error_text, sizeof error_text, "the loaded libopenblas lacks cblas_sgemm or the openblas_* functions");
        dlclose(library);
        library = NULL;
        return -1;
    }
    return 0;
}

int prism_blas_close(void) {
    if (!library) return 0;
    if (dlclose(library) != 0) {
        snprintf(error_text, sizeof error_text, "cannot unload OpenBLAS: %s", dlerror());
        return -1;
    }
    library = NULL;
    sgemm = NULL;
    corename = NULL;
    set_threads = NULL;
    get_threads = NULL;
    return 0;
}

const char *prism_blas_error(void) { return error_text; }

const char *prism_blas_corename(void) { return corename ? corename() : ""; }

void prism_blas_set_num_threads(int count) { if (set_threads) set_threads(count); }

int prism_blas_get_num_threads(void) { return get_threads ? get_threads() : 0; }

void prism_sgemm(int transpose_a, int transpose_b, int m, int n, int k, float alpha, const float *a, int lda,
                 const float *b, int ldb, float beta, float *c, int ldc) {
    sgemm(ROW_MAJOR, transpose_a ? TRANS : NO_TRANS, transpose_b ? TRANS : NO_TRANS, m, n, k, alpha, a, lda, b, ldb,
          beta, c, ldc);
}

#if defined(__x86_64__)
#include <cpuid.h>

static unsigned long long xgetbv0(void) {
    unsigned eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((unsigned long long)edx << 32) | eax;
}

unsigned prism_cpu_features(void) {
    unsigned eax, ebx, ecx, edx, features = 0;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    int osxsave = (ecx >> 27) & 1, avx = (ecx >> 28) & 1, fma = (ecx >> 12) & 1;
    if (!osxsave || !avx) return 0;
    unsigned long long xcr0 = xgetbv0();
    int ymm = (xcr0 & 0x6) == 0x6, zmm = ymm && (xcr0 & 0xE0) == 0xE0;
    if (!ymm) return 0;
    if (fma) features |= PRISM_CPU_FMA;
    if (__get_cpuid_max(0, NULL) < 7) return features;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    if ((ebx >> 5) & 1) features |= PRISM_CPU_AVX2;
    if (zmm) {
        if ((ebx >> 16) & 1) features |= PRISM_CPU_AVX512F;
        if ((ebx >> 17) & 1) features |= PRISM_CPU_AVX512DQ;
        if ((ebx >> 28) & 1) features |= PRISM_CPU_AVX512CD;
        if ((ebx >> 30) & 1) features |= PRISM_CPU_AVX512BW;
        if ((ebx >> 31) & 1) features |= PRISM_CPU_AVX512VL;
    }
    return features;
}
#else
unsigned prism_cpu_features(void) { return 0; }
#endif
