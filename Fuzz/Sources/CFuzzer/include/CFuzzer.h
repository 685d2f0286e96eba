#ifndef ARCHIVE_CFUZZER_H
#define ARCHIVE_CFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver, for a program that has a main of its own: runs `test` on each input as
/// libFuzzer's command-line arguments say.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*test)(const uint8_t *data, size_t size));

#endif
