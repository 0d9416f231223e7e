#!/usr/bin/env bash
# The core crate must know nothing of the browser: fails if leptos, web-sys, js-sys,
# wasm-bindgen or a gloo crate is anywhere in lens-core's dependency tree (normal and build
# dependencies, every target), so the layering is enforced by the build, not by review: code in
# core/ cannot even name such a crate.
#
# One exception, checked to stay the only one: plotters (the fixed chart library) links
# wasm-bindgen and web-sys on wasm32 for its canvas backend, which we do not enable. The tree
# is read with plotters pruned, and a second check makes sure plotters is what brings them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
tree="$(cargo tree --locked --offline -p lens-core -e normal,build --target all --prune plotters --prefix none --format '{p}')"
[ -n "$tree" ] || { echo "cargo tree printed nothing for lens-core" >&2; exit 1; }
bad="$(grep -E '^(leptos|leptos_[a-z_]+|web-sys|js-sys|wasm-bindgen|wasm-bindgen-[a-z-]+|gloo|gloo-[a-z-]+|tachys|reactive_graph) ' <<<"$tree" | sort -u || true)"
if [ -n "$bad" ]; then
  echo "lens-core depends on browser crates (it must stay pure):" >&2
  echo "$bad" >&2
  exit 1
fi
# Who brings web-sys on wasm32: plotters alone.
parents="$(cargo tree --locked --offline -p lens-core -e normal --target wasm32-unknown-unknown -i web-sys --depth 1 --prefix none --format '{p}' 2>/dev/null | tail -n +2 | sort -u)"
if [ -n "$parents" ] && ! grep -qvE '^plotters ' <<<"$parents"; then :; elif [ -n "$parents" ]; then
  echo "web-sys reaches lens-core through something other than plotters:" >&2
  echo "$parents" >&2
  exit 1
fi
echo "lens-core: $(sort -u <<<"$tree" | wc -l) crates (plotters pruned), none of them a browser crate"
