#!/usr/bin/env bash
# Coverage-guided fuzzing of lens-core's parsers with cargo fuzz (libFuzzer + AddressSanitizer).
# Installs cargo-fuzz if missing; seeds each target's corpus from the test fixtures.
#
#   scripts/fuzz.sh                     every target for 15 s (what scripts/test.sh runs)
#   scripts/fuzz.sh --seconds 60 dates  one target for a minute
#   scripts/fuzz.sh --runs 10000000     every target for 10 million executions (RELIABILITY.md)
#
# The `differential` target needs the e2e venv's botocore (scripts/setup.sh test makes it).
# A crash or timeout fails the script; libFuzzer writes the input to fuzz/artifacts/<target>/.
# Turn it into a regression test (tests/hostile.rs or the parser's own tests) before fixing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"
# cargo fuzz passes -Zsanitizer and friends: nightly flags, accepted by the stable compiler
# with RUSTC_BOOTSTRAP=1 (the app's own builds never set it).
export RUSTC_BOOTSTRAP=1

seconds=15
runs=""
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "[fuzz] installing cargo-fuzz (about 2 minutes)"
  cargo install cargo-fuzz --locked
fi
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo fuzz list)
python3 scripts/fuzz_seeds.py
cargo fuzz build -O
for t in "${targets[@]}"; do
  limit=(-max_total_time="$seconds")
  [ -z "$runs" ] || limit=(-runs="$runs")
  if [ -n "$runs" ]; then echo "[fuzz] $t: $runs executions"; else echo "[fuzz] $t: $seconds s"; fi
  # One log per target and limit, so a short run never writes over a long one's.
  log="target/fuzz-$t-${runs:-${seconds}s}.log"
  mkdir -p target "fuzz/corpus/$t"
  if ! cargo fuzz run -O "$t" "fuzz/corpus/$t" -- "${limit[@]}" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 >"$log" 2>&1; then
    tail -40 "$log" >&2
    echo "[fuzz] FAILED: $t (input saved under fuzz/artifacts/$t/, log in $log)" >&2
    exit 1
  fi
  grep -aE "^Done [0-9]+ runs in|stat::number_of_executed_units|stat::peak_rss_mb" "$log" \
    | sed "s/^/[fuzz] $t: /"
done
echo "[fuzz] all targets ran without a crash or timeout"
