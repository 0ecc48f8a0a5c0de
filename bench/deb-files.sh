#!/usr/bin/env bash
# Copies files out of a Debian package into a folder, without installing it: downloads the .deb with apt-get
# (refreshing the package lists once if the first try fails) and extracts only the files named. Nothing is done
# when every file is already there. Usage: bench/deb-files.sh PACKAGE TARGET-DIR PATH-IN-PACKAGE...
#   e.g. bench/deb-files.sh opencv-doc target/test-scenes usr/share/doc/opencv-doc/examples/data/vtest.avi
set -euo pipefail
if [[ $# -lt 3 ]]; then
  echo "usage: $0 PACKAGE TARGET-DIR PATH-IN-PACKAGE..." >&2
  exit 2
fi
package="$1"
dir="$2"
shift 2
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
missing=0
for f in "$@"; do [[ -s "$dir/$(basename "$f")" ]] || missing=1; done
[[ $missing -eq 0 ]] && exit 0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
if ! apt-get download "$package" >/dev/null 2>&1; then
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get download "$package" >/dev/null
fi
dpkg-deb --fsys-tarfile "$package"_*.deb | tar -x "${@/#/./}"
for f in "$@"; do cp "./$f" "$dir/"; done
echo "$package files in $dir"
