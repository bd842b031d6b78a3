#ifndef PRISM_FILES_H
#define PRISM_FILES_H

/// Atomically swaps the directory entries `from` and `to` (Linux `renameat2` with
/// `RENAME_EXCHANGE`): both must exist; afterwards each name refers to the other's file.
/// Returns 0 on success, -1 with `errno` set otherwise (ENOSYS or EINVAL where the system or
/// file system has no exchange, so callers can fall back to a plain rename).
int prism_exchange_paths(const char *from, const char *to);

#endif
