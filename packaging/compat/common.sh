# Shared by build.sh and test-root.sh (sourced, not run): making a Debian 11 root and running commands inside it.
# The archives come from this machine's own apt sources; nothing here names a server.
SUITE=bullseye

archives() {  # the archives of the apt sources, one a line (deb822 "URIs:" and one-line "deb" entries)
  cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | sed -n \
    -e 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' \
    -e 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]*\).*/\2/p'
}
MIRROR=$(archives | grep -v security | head -1 || true)
SECURITY=$(archives | grep security | head -1 || true)
[ -n "$MIRROR" ] || { echo "no Debian archive found in the apt sources" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "$0 needs root (debootstrap and chroot)" >&2; exit 2; }

# make_root ROOT ARCH: a minimal Debian 11 in ROOT (kept and reused once complete), with its security updates.
make_root() {
  local root=$1 arch=$2
  local pkgs=(debootstrap)
  [ "$arch" = amd64 ] || pkgs+=(qemu-user-static binfmt-support)
  bash tools/system-deps.sh "${pkgs[@]}"
  if [ "$arch" = arm64 ]; then  # arm64 binaries run through qemu: binfmt_misc must be mounted and enabled
    [ -e /proc/sys/fs/binfmt_misc/status ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
    update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
  fi
  if [ ! -f "$root/.ready" ]; then
    echo "== debootstrap $SUITE ($arch) into $root"
    rm -rf "$root"
    mkdir -p "$(dirname "$root")"
    debootstrap --variant=minbase --arch "$arch" "$SUITE" "$root" "$MIRROR" >"$root.debootstrap.log" 2>&1 \
      || { tail -20 "$root.debootstrap.log"; exit 1; }
    touch "$root/.ready"
  fi
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  {
    echo "deb $MIRROR $SUITE main"
    echo "deb $MIRROR $SUITE-updates main"
    [ -z "$SECURITY" ] || echo "deb $SECURITY $SUITE-security main"
  } >"$root/etc/apt/sources.list"
}

# in_root ROOT [VAR=value ...] COMMAND...: run COMMAND in ROOT with /proc, /dev and /sys, in a mount namespace of
# its own (the mounts end with it) and a bare environment; IN_ROOT_BINDS names folders to share (the X11 socket).
in_root() {
  local root=$1
  shift
  unshare --mount --propagation private -- bash -c '
    set -e
    root=$1; shift
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    mount -t sysfs sysfs "$root/sys"
    for dir in ${IN_ROOT_BINDS:-}; do mkdir -p "$root$dir" && mount --bind "$dir" "$root$dir"; done
    exec env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
      chroot "$root" /usr/bin/env "$@"
  ' _ "$root" "$@"
}

# root_install ROOT PACKAGE...: install Debian packages in ROOT.  The security archive may list packages it no longer
# serves for an architecture (seen for arm64): then they come without it.
root_install() {
  local root=$1
  shift
  in_root "$root" DEBIAN_FRONTEND=noninteractive bash -c '
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null && exit 0
    echo "(packages from the security archive could not be fetched: installing without it)"
    sed -i "/-security/d" /etc/apt/sources.list
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  ' _ "$@"
}
