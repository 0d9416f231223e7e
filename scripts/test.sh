#!/usr/bin/env bash
# Sets up what is missing, then runs every check Reservation Lens has, stopping at the first
# failure: formatting, clippy (host and wasm32), native tests, a short fuzzing run, browser tests in headless
# Chromium, the release build, the size budget, and the end-to-end suite against the AWS
# stand-in. CI runs exactly this (.ci/run).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

started=$SECONDS
step() { printf '\n\033[1;34m==> %s\033[0m  (%ss)\n' "$*" "$((SECONDS - started))"; }
trap 'rc=$?; [ $rc -eq 0 ] || printf "\n\033[1;31mFAILED (exit %s) during: %s\033[0m\n" "$rc" "${current:-set-up}" >&2' EXIT

current="set-up"; step "set-up"
"$root/scripts/setup.sh" test
export PATH="$HOME/.cargo/bin:$PATH"
py="$root/e2e/.venv/bin/python"

current="cargo fmt --check"; step "$current"
cargo fmt --all -- --check

current="the core crate has no browser dependency"; step "$current"
bash scripts/check_core_deps.sh

current="clippy (host)"; step "$current"
cargo clippy --locked --workspace --all-targets -- -D warnings

current="clippy (wasm32)"; step "$current"
cargo clippy --locked --workspace --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings
# The release build's split points (src/chunks.rs) exist only under the `split` feature.
cargo clippy --locked -p reservation-lens --target wasm32-unknown-unknown --features split --lib --bins -- -D warnings

current="native tests"; step "$current"
cargo test --locked --workspace

current="fuzzing, 15 s a target (scripts/fuzz.sh; the long runs are in RELIABILITY.md)"; step "$current"
bash scripts/fuzz.sh --seconds 15

current="browser tests (wasm-bindgen-test, headless Chromium)"; step "$current"
web_tests=()
for f in tests/web_*.rs; do web_tests+=(--test "$(basename "$f" .rs)"); done
[ ${#web_tests[@]} -gt 0 ] || { echo "no tests/web_*.rs browser tests found" >&2; exit 1; }
cargo test --locked --target wasm32-unknown-unknown "${web_tests[@]}"

# The end-to-end suite runs against the release build with its Content-Security-Policy; the
# policy lets the page reach the stand-in's origin (and nothing else but AWS and itself).
export LENS_STANDIN_PORT="${LENS_STANDIN_PORT:-47811}"
# scripts/single-file.sh runs `trunk build --release` (dist/) and writes the one-file build too.
current="release build and the one-file build"; step "$current"
LENS_CONNECT_SRC="http://127.0.0.1:$LENS_STANDIN_PORT" scripts/single-file.sh target/reservation-lens.html

current="first-load size budget"; step "$current"
"$py" scripts/size_check.py dist --budget-kb 148 --app-budget-kb 645 --one-file-ratio 1.4

current="end-to-end suite (stand-in + Chromium)"; step "$current"
LENS_DIST="$root/dist" "$py" -m pytest e2e -q

current=""
step "all checks passed"
