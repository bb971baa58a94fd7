#!/usr/bin/env bash
# Build the application folder for older Linux desktops (UOS 20, Kylin V10): inside a Debian 11 root (glibc 2.31),
# so the folder needs no newer C library than the oldest system it is for.  Needs root (debootstrap, chroot).
#
#   packaging/compat/build.sh [amd64|arm64] [output folder]
#
# The root is kept in build/compat/<suite>-<arch> and reused; Python 3.11 is built there once (about 5 minutes).
# arm64 runs under qemu-user-static (binfmt), which makes it several times slower.
set -euo pipefail
main() {
ARCH=${1:-amd64}
OUT=${2:-dist/govreport}
case "$ARCH" in
  amd64) PYSIDE_VERSION=${PYSIDE_VERSION:-6.9.3} ;;  # the last PySide6 with x86-64 wheels for glibc 2.28
  arm64) PYSIDE_VERSION=${PYSIDE_VERSION:-6.7.3} ;;  # the last PySide6 with arm64 wheels for glibc 2.31
  *) echo "unknown architecture: $ARCH (amd64 or arm64)" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/../.."
REPO=$PWD
source packaging/compat/common.sh
ROOT=$REPO/build/compat/$SUITE-$ARCH
make_root "$ROOT" "$ARCH"

echo "== source into the build root"
rm -rf "$ROOT/src"
mkdir -p "$ROOT/src/build/compat-in"
tar -C "$REPO" --exclude=./.venv --exclude=./build --exclude=./dist --exclude=./.git --exclude='*.pyc' \
  --exclude=__pycache__ -cf - . | tar -C "$ROOT/src" -xf -
IN=$ROOT/src/build/compat-in
cp /etc/ssl/certs/ca-certificates.crt "$IN/"
# Versions as tested here; Qt's own come from PYSIDE_VERSION.
if [ -x .venv/bin/pip ]; then
  .venv/bin/pip freeze --exclude-editable 2>/dev/null | grep -viE '^(pyside6|shiboken6)' >"$IN/constraints.txt" || true
  .venv/bin/pip download -q --no-deps -d "$IN" pip
else
  : >"$IN/constraints.txt"
  python3 -m pip download -q --no-deps -d "$IN" pip
fi

echo "== system packages of the build root"
# compilers and headers for Python; the fonts and the libraries Qt loads, which PyInstaller copies into the folder
local pkgs=(
  build-essential curl ca-certificates binutils file
  zlib1g-dev libbz2-dev liblzma-dev libffi-dev libssl-dev libexpat1-dev uuid-dev
  fonts-arphic-uming fonts-wqy-microhei fonts-hanazono fonts-symbola fontconfig
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0 libdbus-1-3 libxcb-cursor0
  libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-xinerama0
  libxcb-xkb1 libxcb-util1 libsm6 libice6 libcups2 libwayland-client0 libwayland-cursor0 libwayland-egl1
)
root_install "$ROOT" "${pkgs[@]}"

echo "== build inside $SUITE ($ARCH, PySide6 $PYSIDE_VERSION)"
in_root "$ROOT" PYSIDE_VERSION="$PYSIDE_VERSION" MIRROR="$MIRROR" GOVREPORT_BUNDLE_FONTS="${GOVREPORT_BUNDLE_FONTS:-}" \
  bash /src/packaging/compat/inside.sh

# every library the folder links to is inside it, or one every desktop has (PySide6 6.7's xcb needs libSM, which a
# build root without it would silently leave out)
python3 packaging/compat/glibc_needed.py --unresolved "$ROOT/src/dist/govreport" \
  || { echo "the folder links to libraries it does not carry (above): install them in the build root" >&2; exit 1; }
rm -rf "$OUT"
mkdir -p "$(dirname "$OUT")"
cp -a "$ROOT/src/dist/govreport" "$OUT"
echo "== built $OUT ($ARCH): $(du -sh "$OUT" | cut -f1); needs glibc $(python3 packaging/compat/glibc_needed.py "$OUT")"
}
main "$@"
