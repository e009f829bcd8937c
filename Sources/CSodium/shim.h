#ifndef CSODIUM_SHIM_H
#define CSODIUM_SHIM_H

/* libsodium, for Argon2id password hashing (crypto_pwhash_str and friends). */
#include <sodium.h>

#endif
