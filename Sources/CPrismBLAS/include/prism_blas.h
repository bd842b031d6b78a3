#ifndef PRISM_BLAS_H
#define PRISM_BLAS_H

/// OpenBLAS loaded at run time (dlopen), so that Prism can choose its CPU kernel before the
/// library initialises: OpenBLAS reads OPENBLAS_CORETYPE only when it is loaded.

/// Loads libopenblas. With `coretype` non-NULL, OPENBLAS_CORETYPE is set to it for the load
/// and restored afterwards. Returns 0, or -1 with prism_blas_error() saying why.
int prism_blas_open(const char *coretype);

/// Unloads the library (so that it can be loaded again with another kernel). Returns 0 or -1.
int prism_blas_close(void);

/// Why the last open or close failed.
const char *prism_blas_error(void);

/// The kernel OpenBLAS runs (openblas_get_corename), or "" when not loaded.
const char *prism_blas_corename(void);

/// openblas_set_num_threads / openblas_get_num_threads.
void prism_blas_set_num_threads(int count);
int prism_blas_get_num_threads(void);

/// Row-major cblas_sgemm: C = alpha · op(A) · op(B) + beta · C.
void prism_sgemm(int transpose_a, int transpose_b, int m, int n, int k, float alpha, const float *a, int lda,
                 const float *b, int ldb, float beta, float *c, int ldc);

/// CPU features the OS has enabled (CPUID and XGETBV), as bits of PRISM_CPU_*.
unsigned prism_cpu_features(void);

enum {
    PRISM_CPU_AVX2 = 1u << 0,
    PRISM_CPU_FMA = 1u << 1,
    PRISM_CPU_AVX512F = 1u << 2,
    PRISM_CPU_AVX512CD = 1u << 3,
    PRISM_CPU_AVX512BW = 1u << 4,
    PRISM_CPU_AVX512DQ = 1u << 5,
    PRISM_CPU_AVX512VL = 1u << 6,
};

#endif
