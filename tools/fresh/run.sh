#!/usr/bin/env bash
# The fresh-machine check: runs the README's two commands on a brand-new Debian 12 system, so a
# missing install step cannot hide behind what this machine already has. Builds a minimal Debian 12
# root with debootstrap, installs into it only what swift.org lists for Swift on Debian 12 (plus
# make), bind-mounts this machine's Swift toolchain (/opt/swift) read-only, clones the committed
# HEAD of this repository into it and runs `make demo`, then `make test`, as a new user would.
#
#   tools/fresh/run.sh [ROOT]        default ROOT: /var/tmp/mote-fresh (made anew every run)
#   FRESH_COMMANDS='make demo' tools/fresh/run.sh     other commands (default: make demo && make test)
#
# Needs root, debootstrap (apt-get install debootstrap) and Debian's package mirror. Not part of
# `make test` (it takes ~25 minutes and a network mirror); run it whenever set-up changes.
# Workplace facts it reproduces, not project requirements: Swift packages resolve from the local
# mirror that /etc/gitconfig points github.com at, and TLS goes through this machine's CA bundle.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
root="${1:-/var/tmp/mote-fresh}"
commands="${FRESH_COMMANDS:-make demo && make test}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
[ "$(id -u)" -eq 0 ] || { echo "fresh: needs root (debootstrap, chroot, mounts)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "fresh: debootstrap not found (apt-get install debootstrap)" >&2; exit 1; }
[ -x /opt/swift/usr/bin/swift ] || { echo "fresh: no Swift toolchain at /opt/swift" >&2; exit 1; }

mounts=()
cleanup() {
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[$i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
bind() {  # source, target inside the root, [ro]
  mkdir -p "$root$2"
  mount --rbind "$1" "$root$2"
  mounts+=("$root$2")
  if [ "${3:-}" = ro ]; then mount -o remount,bind,ro "$root$2"; fi
}

if [ -d "$root" ]; then
  findmnt -rn -o TARGET | grep -q "^$root/" && { echo "fresh: $root still has mounts; umount them first" >&2; exit 1; }
  rm -rf --one-file-system "$root"
fi
start=$SECONDS
echo "fresh: debootstrap bookworm (minbase) into $root"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 ||
  { tail -n 5 "$root.debootstrap.log" >&2; exit 1; }

cp /etc/resolv.conf "$root/etc/resolv.conf"
[ -f /etc/gitconfig ] && cp /etc/gitconfig "$root/etc/gitconfig"
[ -f /etc/gitignore ] && cp /etc/gitignore "$root/etc/gitignore"
cp /etc/ssl/certs/ca-certificates.crt "$root/usr/local/share/workplace-ca.crt"
bind /proc /proc
bind /sys /sys
bind /dev /dev
bind /opt/swift /opt/swift ro
[ -d /opt/swift-packages ] && bind /opt/swift-packages /opt/swift-packages ro
bind "$repo" /src ro

# swift.org's "Installation via Tarball" dependencies for Debian 12, installed the way it says
# (apt install, recommends included), and make: nothing of Mote's own list.
swift_deps="binutils-gold gcc git libcurl4-openssl-dev libedit-dev libicu-dev libncurses-dev libpython3-dev
            libsqlite3-dev libxml2-dev pkg-config tzdata uuid-dev make"
echo "fresh: installing Swift's documented dependencies and make"
chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
  bash -c "apt-get update -qq && apt-get install -y -qq $(echo $swift_deps)" >"$root.deps.log" 2>&1 ||
  { tail -n 5 "$root.deps.log" >&2; exit 1; }
chroot "$root" dpkg-query -W -f='${Package}\n' | sort >"$root.packages-before.txt"

echo "fresh: git clone of $(git -C "$repo" rev-parse --short HEAD), then: $commands (log $root.run.log)"
cat >"$root/root/fresh-run.sh" <<SH
set -e
git config --global --add safe.directory '*'
git clone -q /src /root/mote
cd /root/mote
t0=\$SECONDS
set +e
bash -c '$commands'
status=\$?
echo "fresh: commands finished with status \$status in \$((SECONDS - t0)) s"
exit \$status
SH
set +e
chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
  PATH=/opt/swift/usr/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  PIP_CERT=/usr/local/share/workplace-ca.crt SSL_CERT_FILE=/usr/local/share/workplace-ca.crt \
  bash /root/fresh-run.sh >"$root.run.log" 2>&1
status=$?
set -e
chroot "$root" dpkg-query -W -f='${Package}\n' | sort >"$root.packages-after.txt"
echo "fresh: packages the README commands installed:"
comm -13 "$root.packages-before.txt" "$root.packages-after.txt" | tr '\n' ' '; echo
tail -n 3 "$root.run.log"
echo "fresh: status $status after $((SECONDS - start)) s in all"
exit $status
