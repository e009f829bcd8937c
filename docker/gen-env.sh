#!/bin/sh
# Writes the .env that compose.yaml reads: one peer token and one admin token per office,
# random (32 bytes, base64url). Usage: docker/gen-env.sh [FILE]   (default: ./.env)
# Refuses to overwrite an existing file: tokens already installed in the nodes' volumes
# would stop matching. Delete the file (and rotate deliberately) to make new ones.
set -eu
out="${1:-.env}"
if [ -e "$out" ]; then
    echo "gen-env: $out exists; remove it first to make new tokens" >&2
    exit 1
fi

random_token() {
    if command -v openssl >/dev/null 2>&1; then
        openssl rand -base64 32
    else
        head -c 32 /dev/urandom | base64
    fi | tr -d '\n=' | tr '+/' '-_'
}

umask 077
{
    echo "# Liaison tokens for compose.yaml, made by docker/gen-env.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ)."
    echo "# TOKEN_<CITY>: what the other nodes show that city's node. ADMIN_TOKEN_<CITY>: for operators."
    for city in NEW_DELHI MUMBAI CHENNAI KOLKATA HYDERABAD BENGALURU AHMEDABAD; do
        echo "TOKEN_$city=$(random_token)"
        echo "ADMIN_TOKEN_$city=$(random_token)"
    done
} > "$out"
echo "wrote $out (mode 0600): 7 peer tokens and 7 admin tokens" >&2
