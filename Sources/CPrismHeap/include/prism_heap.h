#ifndef PRISM_HEAP_H
#define PRISM_HEAP_H

/// Keeps blocks up to `mmap_threshold` bytes on the malloc heap and stops the allocator from
/// returning freed memory below `trim_threshold` to the kernel. No effect outside glibc.
void prism_tune_heap(int mmap_threshold, int trim_threshold);

#endif
