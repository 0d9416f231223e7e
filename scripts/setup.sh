#!/usr/bin/env bash
# Installs what building, serving and testing Reservation Lens needs, and only what is missing:
# quick when everything is present, safe to run again. Debian (apt) + rustup + npm + pip.
#
#   scripts/setup.sh serve   the toolchain to build and serve the app
#   scripts/setup.sh test    the same, plus headless Chromium and the e2e Python venv
set -euo pipefail
mode="${1:-test}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[setup] FAILED:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root (or sudo) to run: $*"; fi
}

export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs)"
command -v rustup >/dev/null || die "rustup not found: the wasm32 target is installed through rustup"

# Rust: the wasm32 target and the components the checks use.
installed_targets="$(rustup target list --installed)"
if ! grep -qx wasm32-unknown-unknown <<<"$installed_targets"; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
installed_components="$(rustup component list --installed)"
for c in rustfmt clippy; do
  if ! grep -q "^$c" <<<"$installed_components"; then
    say "adding rustup component $c"
    rustup component add "$c"
  fi
done

# wasm-bindgen-cli must be exactly the wasm-bindgen version in Cargo.lock: the CLI and the crate
# share a private ABI. (--locked is not used: it pins a dependency the index no longer serves.)
wb_version="$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)"
[ -n "$wb_version" ] || die "could not read the wasm-bindgen version from Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ] \
  || ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $wb_version (about 6 minutes on 2 cores)"
  cargo install wasm-bindgen-cli --version "=$wb_version" --force
fi

# Trunk 0.21.x (0.22 needs a newer rustc). About 20 minutes from source: skipped when present.
if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "installing trunk 0.21 (about 20 minutes on 2 cores)"
  cargo install trunk --version '^0.21' --locked --force
fi

# wasm-split (the CLI of wasm_split_cli_support, what cargo-leptos splits with): cuts the
# release build into lazily loaded parts (scripts/post_build.py). About 2 minutes.
split_version=0.2.4
installed_crates="$(cargo install --list)"
if ! grep -q "^wasm_split_cli_support v$split_version:" <<<"$installed_crates"; then
  say "installing wasm-split-cli $split_version"
  cargo install wasm_split_cli_support --version "=$split_version" --locked --features build-binary --force
fi

# wasm-opt 132 from npm (Debian's binaryen is too old); scripts/post_build.py runs it.
if ! wasm-opt --version 2>/dev/null | grep -q 'version 132\b'; then
  command -v npm >/dev/null || as_root apt-get install -y -q nodejs npm
  say "installing wasm-opt (npm binaryen@132)"
  as_root npm install -g binaryen@132
fi

# `npm ci` in folder $1 unless its node_modules already hold the version of package $2 that its
# package.json pins (exactly, as its package-lock.json does).
npm_pinned() {
  local dir="$1" package="$2" want have
  want="$(sed -n "s|.*\"$package\": \"\([0-9.]*\)\".*|\1|p" "$dir/package.json")"
  # Not installed yet: no version (sed fails, and pipefail would end the set-up).
  have="$(sed -n 's/.*"version": "\([0-9.]*\)".*/\1/p' "$dir/node_modules/$package/package.json" 2>/dev/null | head -1 || true)"
  if [ "$have" != "$want" ]; then
    command -v npm >/dev/null || as_root apt-get install -y -q nodejs npm
    say "installing $package $want (npm ci in $dir)"
    npm ci --prefix "$dir" --no-audit --no-fund --silent
  fi
}

# esbuild for scripts/post_build.py (release builds), pinned by scripts/build/package-lock.json.
npm_pinned scripts/build esbuild

# Trunk builds offline: every crate must be in the local cache first.
say "fetching crates"
cargo fetch --locked -q

if [ "$mode" = test ]; then
  # cargo fuzz for scripts/fuzz.sh (the fuzz targets build with RUSTC_BOOTSTRAP=1).
  if ! cargo fuzz --version >/dev/null 2>&1; then
    say "installing cargo-fuzz (about 2 minutes)"
    cargo install cargo-fuzz --locked
  fi
  apt_updated=""
  apt_install() {
    [ -n "$apt_updated" ] || { say "apt-get update"; as_root apt-get update -q; apt_updated=1; }
    say "installing $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
  }
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  # Firefox for the one-file journey (e2e/firefox/one_file.mjs drives Debian's own build).
  [ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
  python3 -c 'import venv, ensurepip' 2>/dev/null || apt_install python3-venv

  # axe-core, which the accessibility journeys inject, and puppeteer-core, which drives Firefox
  # for the one-file journey, pinned by e2e/package-lock.json.
  npm_pinned e2e axe-core
  npm_pinned e2e puppeteer-core
  # What the side-by-side benchmark (e2e/bench/side_by_side.py) compares the app with: the AWS
  # SDK for JavaScript's Cost Explorer client and aws4fetch, pinned by e2e/bench/package-lock.json.
  npm_pinned e2e/bench @aws-sdk/client-cost-explorer

  # The e2e venv: botocore (the truth about the wire), pytest, playwright, brotli. Rebuilt when
  # e2e/requirements.txt changes.
  venv="$root/e2e/.venv"
  want="$(sha256sum e2e/requirements.txt | cut -d' ' -f1)"
  if [ "$(cat "$venv/.requirements.sha256" 2>/dev/null)" != "$want" ]; then
    say "creating the e2e Python venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r e2e/requirements.txt
    echo "$want" > "$venv/.requirements.sha256"
  fi
fi
say "ready ($mode)"
