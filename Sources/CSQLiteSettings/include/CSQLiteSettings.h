#ifndef CSQLITESETTINGS_H
#define CSQLITESETTINGS_H

/// Turns off SQLite's memory statistics for this process: with them on, every allocation
/// SQLite makes takes a process-wide mutex to count itself, and Liaison reads no statistics.
/// `sqlite3_config` is variadic, which Swift cannot call, hence this C function.
/// Only takes effect before SQLite initialises (before the process opens its first
/// database); returns SQLITE_OK, or SQLITE_MISUSE when it came too late (nothing changes).
int liaison_sqlite_disable_memory_statistics(void);

#endif
