#!/usr/bin/env bash
# A second Docker engine for tests, reached only over TLS: dockerd on 127.0.0.1:PORT with --tlsverify and
# certificates made by scripts/tls-certs.sh, with its own data-root, exec-root, pidfile and log, all in DIR.
#   scripts/tls-engine.sh start DIR [PORT]   starts it (PORT: a free one), waits until it answers, then prints
#                                            the variables that point `npm test` at it (DX_TLS_DOCKER_HOST,
#                                            DX_TLS_CERTS) as `export` lines
#   scripts/tls-engine.sh stop DIR           stops that engine only (by its pidfile) and removes DIR
#   scripts/tls-engine.sh halt DIR           kills that engine's dockerd at once (a crash: connections reset) and
#                                            keeps DIR: `start DIR PORT` brings it back at the same address with
#                                            the same certificates
# No bridge network, as for the main engine: demo containers never get one.
set -euo pipefail
cmd=${1:?usage: scripts/tls-engine.sh start|stop|halt DIR [PORT]}
dir=${2:?usage: scripts/tls-engine.sh start|stop|halt DIR [PORT]}
here=$(cd "$(dirname "$0")" && pwd)

# ours PIDFILE: the pid in PIDFILE when it is a process of this DIR (its command line names DIR), else nothing.
ours() {
  local pid
  pid=$(cat "$1" 2>/dev/null) || return 0
  if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$dir/"; then echo "$pid"; fi
}
gone() { for _ in $(seq 1 "$2"); do kill -0 "$1" 2>/dev/null || return 0; sleep 1; done; }

if [ "$cmd" = halt ]; then
  # As a crash would: dockerd killed at once, its connections reset. Its containerd and containers live on,
  # and a dockerd started again on DIR takes them back.
  pid=$(ours "$dir/dockerd.pid")
  if [ -n "$pid" ]; then kill -9 "$pid"; gone "$pid" 10; fi
  exit 0
fi

if [ "$cmd" = stop ]; then
  # Only the engine this script started: its pidfile names a dockerd whose command line names DIR.
  pid=$(ours "$dir/dockerd.pid")
  if [ -n "$pid" ]; then kill "$pid"; gone "$pid" 30; fi
  # A containerd left by a halt that no dockerd took back.
  pid=$(ours "$dir/exec/containerd/containerd.pid")
  if [ -n "$pid" ]; then kill "$pid"; gone "$pid" 10; fi
  # Whatever dockerd left mounted in DIR (overlay2; after a halt, the data root itself), deepest first.
  awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | while read -r mount; do
    umount -l "$mount" 2>/dev/null || true
  done
  rm -rf "$dir"
  exit 0
fi

[ "$cmd" = start ] || { echo "usage: scripts/tls-engine.sh start|stop|halt DIR [PORT]" >&2; exit 2; }
port=${3:-$(node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")}
mkdir -p "$dir"
# Certificates made once per DIR: an engine started again after `halt` keeps them, so clients still trust it.
[ -f "$dir/certs/client/key.pem" ] || "$here/tls-certs.sh" "$dir/certs" >&2
nohup dockerd --bridge=none --iptables=false --ip-masq=false \
  --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/dockerd.pid" \
  -H "tcp://127.0.0.1:$port" --tlsverify \
  --tlscacert "$dir/certs/server/ca.pem" --tlscert "$dir/certs/server/cert.pem" --tlskey "$dir/certs/server/key.pem" \
  >"$dir/dockerd.log" 2>&1 &
client=(docker -H "tcp://127.0.0.1:$port" --tlsverify --tlscacert "$dir/certs/client/ca.pem"
  --tlscert "$dir/certs/client/cert.pem" --tlskey "$dir/certs/client/key.pem")
for _ in $(seq 1 60); do
  "${client[@]}" version >/dev/null 2>&1 && break
  sleep 1
done
if ! "${client[@]}" version >/dev/null 2>&1; then
  echo "tls-engine: dockerd on 127.0.0.1:$port did not answer within 60 s" >&2
  tail -n 30 "$dir/dockerd.log" >&2 || true
  exit 1
fi
echo "tls-engine: $("${client[@]}" version --format 'Docker Engine {{.Server.Version}}') on tcp://127.0.0.1:$port (TLS, client certificates required)" >&2
echo "export DX_TLS_DOCKER_HOST=tcp://127.0.0.1:$port DX_TLS_CERTS=$dir/certs"
