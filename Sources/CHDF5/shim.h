#ifndef PRISM_CHDF5_SHIM_H
#define PRISM_CHDF5_SHIM_H
// HDF5's type and property-list identifiers are macros that expand to globals initialised by
// H5open(); Swift cannot import them, so each is exposed as a static inline function.
#include <hdf5.h>
#include <sys/file.h>
#include <stdio.h>

static inline hid_t prism_h5t_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t prism_h5t_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t prism_h5t_native_int8(void) { return H5T_NATIVE_INT8; }
static inline hid_t prism_h5t_native_uint8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t prism_h5t_native_int32(void) { return H5T_NATIVE_INT32; }
static inline hid_t prism_h5t_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t prism_h5t_native_uint64(void) { return H5T_NATIVE_UINT64; }
static inline hid_t prism_h5t_c_s1(void) { return H5T_C_S1; }
static inline hid_t prism_h5p_default(void) { return H5P_DEFAULT; }
static inline hid_t prism_h5p_dataset_create(void) { return H5P_DATASET_CREATE; }
static inline hid_t prism_h5p_file_access(void) { return H5P_FILE_ACCESS; }
static inline hid_t prism_h5s_all(void) { return H5S_ALL; }
static inline hsize_t prism_h5s_unlimited(void) { return H5S_UNLIMITED; }
static inline unsigned prism_h5f_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline unsigned prism_h5f_acc_excl(void) { return H5F_ACC_EXCL; }
static inline unsigned prism_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned prism_h5f_acc_rdwr(void) { return H5F_ACC_RDWR; }
static inline size_t prism_h5t_variable(void) { return H5T_VARIABLE; }

// Storage helpers (PrismStorage): silencing the error stack, creation lists, vlen UTF-8 strings
// and numpy's bool (an int8 enum FALSE=0/TRUE=1, as h5py stores it).
static inline herr_t prism_h5e_silence(void) { return H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }
static inline herr_t prism_h5e_collect_entry(unsigned n, const H5E_error2_t *entry, void *data) {
    char *buffer = (char *)data;
    if (n == 0 && entry->desc != NULL) snprintf(buffer, 512, "%s: %s", entry->func_name, entry->desc);
    return 0;
}

/// Copies the most specific message of the current thread's HDF5 error stack (the failing
/// function and its description, e.g. "H5FD_sec2_lock: unable to lock file, errno = 11") into
/// `buffer` (512 bytes); empty when the stack is empty.
static inline void prism_h5e_innermost_message(char *buffer) {
    buffer[0] = 0;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, prism_h5e_collect_entry, buffer);
}

static inline hid_t prism_h5p_file_create(void) { return H5P_FILE_CREATE; }
static inline hid_t prism_h5t_vlen_utf8_string(void) {
    hid_t type = H5Tcopy(H5T_C_S1);
    if (type < 0) return type;
    if (H5Tset_size(type, H5T_VARIABLE) < 0 || H5Tset_cset(type, H5T_CSET_UTF8) < 0) { H5Tclose(type); return -1; }
    return type;
}
static inline hid_t prism_h5t_numpy_bool(void) {
    hid_t type = H5Tenum_create(H5T_NATIVE_INT8);
    if (type < 0) return type;
    signed char no = 0, yes = 1;
    if (H5Tenum_insert(type, "FALSE", &no) < 0 || H5Tenum_insert(type, "TRUE", &yes) < 0) { H5Tclose(type); return -1; }
    return type;
}

/// Reads `fapl`'s metadata-cache configuration with adaptive resizing turned off, for the two
/// setters below to adjust and write back.
static inline herr_t prism_h5p_fixed_cache_config(hid_t fapl, H5AC_cache_config_t *config) {
    config->version = H5AC__CURR_CACHE_CONFIG_VERSION;
    if (H5Pget_mdc_config(fapl, config) < 0) return -1;
    config->incr_mode = H5C_incr__off;
    config->flash_incr_mode = H5C_flash_incr__off;
    config->decr_mode = H5C_decr__off;
    return 0;
}

// Crash safety (PrismStorage): no metadata-cache evictions, so dirty metadata reaches the file
// only at H5Fflush/H5Fclose and a killed writer leaves the last flushed state intact.
static inline herr_t prism_h5p_set_flush_only_metadata_cache(hid_t fapl) {
    H5AC_cache_config_t config;
    if (prism_h5p_fixed_cache_config(fapl, &config) < 0) return -1;
    config.evictions_enabled = 0;
    return H5Pset_mdc_config(fapl, &config);
}

/// Fixes HDF5's (evicting) metadata cache at `bytes`, not resized adaptively. For a long write
/// session of many small episode groups, a small cache is faster than the default 2 MB adaptive
/// one: HDF5 scans its whole cache on each insertion that needs room.
static inline herr_t prism_h5p_set_metadata_cache_size(hid_t fapl, size_t bytes) {
    H5AC_cache_config_t config;
    if (prism_h5p_fixed_cache_config(fapl, &config) < 0) return -1;
    config.set_initial_size = 1;
    config.initial_size = bytes;
    config.max_size = bytes;
    config.min_size = bytes;
    return H5Pset_mdc_config(fapl, &config);
}

/// Releases HDF5's `flock` on an open file, then closes it. HDF5 1.10 locks a file when it opens
/// it and leaves the lock to the final `close` of the descriptor; a child process started in
/// between shares the descriptor (until its own `exec` or exit), so the lock could outlive
/// `H5Fclose` and make the next open of the file fail with "unable to lock file, errno = 11".
static inline herr_t prism_h5f_unlock_and_close(hid_t file) {
    void *handle = NULL;
    if (H5Fget_vfd_handle(file, H5P_DEFAULT, &handle) >= 0 && handle != NULL) flock(*(int *)handle, LOCK_UN);
    return H5Fclose(file);
}

static inline hid_t prism_h5p_group_create(void) { return H5P_GROUP_CREATE; }

#endif
