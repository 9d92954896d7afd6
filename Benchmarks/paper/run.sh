#!/usr/bin/env bash
# The paper door measured (issue 12): a paper form of the catalog filled with random values in handwriting-like
# fonts (fonts-kiloji, fonts-seto, fonts-yozvox-yozfont) and in IPAex, rasterized by poppler at 200 and 300 dpi,
# damaged as scans are (turned up to ±5°, perspective, blur, specks) and read back in process by each engine:
# accuracy per kind of field (exact per field, blank fields apart), fields accepted without a look and wrong,
# pages aligned, seconds per page — with Tesseract's own command-line tool timed on the same pages.
# Usage: Benchmarks/paper/run.sh [PAGES]   (release build: swift build -c release --product madoguchi --scratch-path .build-release)
set -euo pipefail
cd "$(dirname "$0")/../.."
PAGES="${1:-60}"
BIN="${MADOGUCHI_BIN:-.build-release/release/madoguchi}"
[ -x "$BIN" ] || BIN=.build/release/madoguchi
[ -x "$BIN" ] || BIN=.build/debug/madoguchi
export OMP_THREAD_LIMIT=1
echo "== PP-OCRv5 (ONNX Runtime), $PAGES pages"
"$BIN" paper bench --pages "$PAGES" --engine ppocrv5 --compare-cli
echo
echo "== Tesseract (C API in process), the same $PAGES pages"
"$BIN" paper bench --pages "$PAGES" --engine tesseract
