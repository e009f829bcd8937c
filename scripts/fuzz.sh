#!/usr/bin/env bash
# Fuzzes the parsers that take bytes from peers and files (issue 9) with libFuzzer.
#
#   scripts/fuzz.sh SECONDS [TARGET]
#
# Builds the nested package Fuzz/ (release, -sanitize=fuzzer,address) and runs each target
# (FuzzState, FuzzEnvelope, FuzzVersionToken; or only TARGET) for SECONDS, starting from the
# seeds in Fuzz/corpus/TARGET. New inputs go to Fuzz/.build/corpus/TARGET (kept between runs,
# not in git), logs to Fuzz/.build/logs/TARGET.log, and an input that crashes, leaks or breaks
# a law to Fuzz/crashes/TARGET-crash-<sha1>. Exits 1 when any target found something.
set -euo pipefail

usage() { echo "usage: scripts/fuzz.sh SECONDS [FuzzState|FuzzEnvelope|FuzzVersionToken]" >&2; exit 2; }
[[ $# -ge 1 && $# -le 2 && $1 =~ ^[1-9][0-9]*$ ]] || usage
seconds=$1
targets=(FuzzState FuzzEnvelope FuzzVersionToken)
if [[ $# -eq 2 ]]; then
    [[ " ${targets[*]} " == *" $2 "* ]] || usage
    targets=("$2")
fi

cd "$(dirname "$0")/../Fuzz"
# One product at a time: a bare `swift build` would also build every product of the root package.
# ld.gold fails on the sanitized link here (internal error in format_file_lineno); lld works.
for target in "${targets[@]}"; do
    swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld --product "$target"
done
mkdir -p crashes .build/logs
# Swift's own backtracer reads freed memory while a trap unwinds, which AddressSanitizer then
# reports as a use-after-free of its own; without it libFuzzer reports the trap as a deadly signal.
export SWIFT_BACKTRACE=enable=no

found=0
for target in "${targets[@]}"; do
    mkdir -p ".build/corpus/$target"
    log=".build/logs/$target.log"
    echo "== $target: ${seconds}s (log: Fuzz/$log)"
    status=0
    ".build/release/$target" ".build/corpus/$target" "corpus/$target" \
        -dict=json.dict -max_total_time="$seconds" -print_final_stats=1 \
        -artifact_prefix="crashes/$target-" >"$log" 2>&1 || status=$?
    grep -E '^#[0-9]+.*(DONE|INITED)|stat::number_of_executed_units|stat::peak_rss_mb' "$log" || true
    if [[ $status -ne 0 ]]; then
        found=1
        echo "!! $target stopped with status $status:"
        grep -E 'FUZZ CHECK FAILED|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|Fatal error|artifact_prefix|Test unit written' "$log" || tail -20 "$log"
    fi
done
exit $found
