/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* The fuzz target for campaign files (fuzz-campaign.c), as libFuzzer calls
 * it; fuzz-driver.c calls it the same way where there is no libFuzzer. */

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);
