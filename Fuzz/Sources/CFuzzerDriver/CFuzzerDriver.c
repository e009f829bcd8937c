#include "CFuzzerDriver.h"

/// libFuzzer's entry for programs with their own main (compiler-rt, FuzzerDriver.cpp).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

int liaison_fuzzer_run(int argc, char **argv, liaison_fuzz_test test) {
    return LLVMFuzzerRunDriver(&argc, &argv, test);
}
