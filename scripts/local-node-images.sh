#!/usr/bin/env bash
# Base images for the Dockerfile, assembled from this machine when no registry can be reached (CI here):
#   local/node:20        runtime base, FROM scratch: this machine's Node at /usr/local/bin/node (debug symbols
#                        stripped), the shared libraries it loads, CA certificates, /etc/passwd with `node`
#                        (1000:1000) and /tmp. No shell, no npm: the Dockerfile's runtime stage needs neither.
#   local/node-build:20  build base: this machine's Node, npm and Node headers, and the Debian packages that
#                        make, g++ and python3 need (the closure of their installed dependencies), so
#                        better-sqlite3 compiles for the same Node ABI as the runtime.
# Use:  scripts/local-node-images.sh && docker build --network host \
#         --build-arg NODE_IMAGE=local/node:20 --build-arg BUILD_IMAGE=local/node-build:20 -t docker-explainer .
# The default bases stay the official node:20-bookworm-slim and node:20-bookworm.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node_bin=$(readlink -f "$(command -v node)")
major=$(node -p 'process.versions.node.split(".")[0]')

# --- runtime: scratch + node + its libraries -------------------------------------------------------------
rt=$work/runtime
mkdir -p "$rt/usr/local/bin" "$rt/etc/ssl/certs" "$rt/tmp" "$rt/home/node"
cp "$node_bin" "$rt/usr/local/bin/node"
strip --strip-debug "$rt/usr/local/bin/node"
ldd "$node_bin" | grep -o '/[^ ]*' | sort -u | while read -r lib; do
  mkdir -p "$rt$(dirname "$lib")"
  cp -L "$lib" "$rt$lib"
done
cp -L /etc/ssl/certs/ca-certificates.crt "$rt/etc/ssl/certs/"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnode:x:1000:1000:node:/home/node:/sbin/nologin\n' >"$rt/etc/passwd"
printf 'root:x:0:\nnode:x:1000:\n' >"$rt/etc/group"
printf 'hosts: files dns\n' >"$rt/etc/nsswitch.conf"
chmod 1777 "$rt/tmp"
chown 1000:1000 "$rt/home/node"
tar -C "$rt" --numeric-owner -c . | docker import \
  --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' --change 'ENV NODE_VERSION='"$(node -p process.versions.node)" \
  --change 'CMD ["node"]' - "local/node:$major" >/dev/null
echo "local-node-images: local/node:$major ($(docker image inspect -f '{{.Size}}' "local/node:$major" | awk '{printf "%.0f MB", $1/1e6}'))"

# --- build: the installed packages a toolchain needs, with their dependencies ------------------------------
closure() {
  local -A seen=()
  local queue=("$@") pkg deps alt name
  while [ ${#queue[@]} -gt 0 ]; do
    pkg=${queue[0]}
    queue=("${queue[@]:1}")
    [ -n "${seen[$pkg]:-}" ] && continue
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || continue
    seen[$pkg]=1
    echo "$pkg"
    deps=$(dpkg-query -W -f='${Pre-Depends}, ${Depends}' "$pkg")
    IFS=',' read -ra alts <<<"$deps"
    for alt in "${alts[@]}"; do
      # The first alternative that is installed ("a | b"), without version or architecture.
      for name in $(echo "$alt" | tr '|' '\n' | sed -E 's/\(.*\)//; s/:[a-z0-9]+//; s/ //g'); do
        if dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q 'install ok installed'; then
          queue+=("$name")
          break
        fi
      done
    done
  done
}
bt=$work/build
mkdir -p "$bt"
closure dash coreutils bash sed grep findutils make g++ python3 ca-certificates >"$work/packages"
# Files by their canonical path (merged /usr: /bin, /lib and /lib64 are links into /usr), plus the links.
for pkg in $(cat "$work/packages"); do dpkg -L "$pkg"; done | sort -u | while read -r f; do
  [ -e "$f" ] || [ -L "$f" ] || continue
  [ -d "$f" ] && [ ! -L "$f" ] && continue
  echo "$(readlink -f "$(dirname "$f")")/$(basename "$f")"
done | sort -u | sed 's|^/||' >"$work/files"
for link in bin lib lib64 sbin; do [ -L "/$link" ] && echo "$link"; done >>"$work/files"
# Commands chosen by update-alternatives (cc, c++, awk…): the link in /usr/bin and its /etc/alternatives entry.
for alt in /etc/alternatives/*; do
  for dir in usr/bin usr/sbin; do
    [ "$(readlink "/$dir/$(basename "$alt")")" = "$alt" ] && printf '%s\n' "${alt#/}" "$dir/$(basename "$alt")"
  done
done >>"$work/files"
mkdir -p "$bt/usr/local/bin" "$bt/usr/local/include" "$bt/usr/local/lib/node_modules" "$bt/usr/local/etc" \
  "$bt/etc/ssl/certs" "$bt/tmp" "$bt/root"
cp "$node_bin" "$bt/usr/local/bin/node"
strip --strip-debug "$bt/usr/local/bin/node"
cp -a "$(npm root -g)/npm" "$bt/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$bt/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$bt/usr/local/bin/npx"
cp -a "$(dirname "$(dirname "$node_bin")")/include/node" "$bt/usr/local/include/node"
cp -L /etc/ssl/certs/ca-certificates.crt "$bt/etc/ssl/certs/"
# As in the official image (prefix /usr/local). node-gyp builds against these headers instead of downloading
# them; npm trusts this machine's CAs.
printf 'nodedir=/usr/local\ncafile=/etc/ssl/certs/ca-certificates.crt\nupdate-notifier=false\nfund=false\naudit=false\n' \
  >"$bt/usr/local/etc/npmrc"
chmod 1777 "$bt/tmp"
tar -C / --numeric-owner --no-recursion -c -T "$work/files" -f - 2> >(grep -v "Removing leading" >&2) | tar -C "$bt" -x
tar -C "$bt" --numeric-owner -c . | docker import \
  --change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin' \
  --change 'CMD ["node"]' - "local/node-build:$major" >/dev/null
echo "local-node-images: local/node-build:$major ($(wc -l <"$work/packages") Debian packages," \
  "$(docker image inspect -f '{{.Size}}' "local/node-build:$major" | awk '{printf "%.0f MB", $1/1e6}'))"
