#ifndef LIAISON_CFUZZERDRIVER_H
#define LIAISON_CFUZZERDRIVER_H

#include <stddef.h>
#include <stdint.h>

/// One fuzz input: returns 0 (libFuzzer's contract for LLVMFuzzerTestOneInput).
typedef int (*liaison_fuzz_test)(const uint8_t *data, size_t size);

/// Runs libFuzzer's driver (its command-line flags, corpus directories, crash files) over `test`.
/// SwiftPM gives every executable its own entry point, so the harness calls the driver from
/// there rather than linking libFuzzer's `main`.
int liaison_fuzzer_run(int argc, char **argv, liaison_fuzz_test test);

#endif
