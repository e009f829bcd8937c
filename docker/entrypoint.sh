#!/bin/sh
# Liaison container entrypoint: initialise the store on first start, install the tokens and
# peers given in the environment, then run `liaison serve` (or any liaison command given).
#
# Environment:
#   LIAISON_OFFICE             the office slug (first start only): new-delhi, mumbai, ...
#   LIAISON_DATA               the data directory (the image sets /data, a volume)
#   LIAISON_PEER_TOKEN         the token other nodes show THIS node (role peer)
#   LIAISON_ADMIN_TOKEN        an admin token for staff and operators (optional)
#   LIAISON_PEERS              name=url pairs, comma separated: mumbai=http://mumbai:8080,...
#   LIAISON_PEER_TOKEN_<NAME>  the token to show peer NAME (upper case, '-' as '_'): LIAISON_PEER_TOKEN_NEW_DELHI
#   LIAISON_HOST, LIAISON_PORT, LIAISON_SYNC_INTERVAL, LIAISON_LOG_LEVEL, ...: read by `liaison serve` itself
set -eu

data="${LIAISON_DATA:-/data}"
export LIAISON_DATA="$data"

if [ ! -f "$data/liaison.sqlite" ]; then
    if [ -z "${LIAISON_OFFICE:-}" ]; then
        echo "entrypoint: the store in $data is not initialised and LIAISON_OFFICE is not set" >&2
        exit 64
    fi
    echo "entrypoint: first start: initialising $data for office $LIAISON_OFFICE" >&2
    liaison init --office "$LIAISON_OFFICE" >&2
fi

# install_token NAME ROLE TOKEN: replaces the token named NAME with TOKEN (a secret from the
# .env), through a 0600 file so it never appears on a command line.
install_token() {
    file=$(mktemp)
    chmod 600 "$file"
    printf '%s\n' "$3" > "$file"
    liaison token import --name "$1" --role "$2" --token-file "$file" >&2
    rm -f "$file"
}
if [ -n "${LIAISON_PEER_TOKEN:-}" ]; then install_token peers peer "$LIAISON_PEER_TOKEN"; fi
if [ -n "${LIAISON_ADMIN_TOKEN:-}" ]; then install_token admin admin "$LIAISON_ADMIN_TOKEN"; fi

# Peers: liaison.conf gets a [peer.NAME] per entry, with the token in a 0600 file.
conf="$data/liaison.conf"
tokens="$data/peer-tokens"
umask 077
mkdir -p "$tokens"
{
    echo "# Written by the container entrypoint at every start from LIAISON_PEERS; edits are lost."
    old_ifs=$IFS
    IFS=','
    for entry in ${LIAISON_PEERS:-}; do
        IFS=$old_ifs
        name=${entry%%=*}
        url=${entry#*=}
        [ -n "$name" ] && [ "$name" != "$entry" ] || { echo "entrypoint: LIAISON_PEERS entry '$entry' is not name=url" >&2; exit 64; }
        var="LIAISON_PEER_TOKEN_$(echo "$name" | tr 'a-z-' 'A-Z_')"
        token=$(printenv "$var" || true)
        [ -n "$token" ] || { echo "entrypoint: peer $name needs its token in $var" >&2; exit 64; }
        printf '%s\n' "$token" > "$tokens/$name.token"
        printf '\n[peer.%s]\nurl = "%s"\ntoken_file = "%s"\n' "$name" "$url" "$tokens/$name.token"
        IFS=','
    done
    IFS=$old_ifs
} > "$conf"

if [ "${1:-serve}" = "serve" ]; then
    [ $# -gt 0 ] && shift
    exec liaison serve "$@"
fi
exec liaison "$@"
