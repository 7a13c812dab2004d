#!/usr/bin/env bash
# A second Docker engine for tests, reached only over TLS: dockerd on 127.0.0.1:PORT with --tlsverify and
# certificates made by scripts/tls-certs.sh, with its own data-root, exec-root, pidfile and log, all in DIR.
#   scripts/tls-engine.sh start DIR [PORT]   starts it (PORT: a free one), waits until it answers, then prints
#                                            the variables that point `npm test` at it (DX_TLS_DOCKER_HOST,
#                                            DX_TLS_CERTS) as `export` lines
#   scripts/tls-engine.sh stop DIR           stops that engine only (by its pidfile) and removes DIR
# No bridge network, as for the main engine: demo containers never get one.
set -euo pipefail
cmd=${1:?usage: scripts/tls-engine.sh start|stop DIR [PORT]}
dir=${2:?usage: scripts/tls-engine.sh start|stop DIR [PORT]}
here=$(cd "$(dirname "$0")" && pwd)

if [ "$cmd" = stop ]; then
  if [ -f "$dir/dockerd.pid" ]; then
    pid=$(cat "$dir/dockerd.pid")
    # Only the engine this script started: its pidfile names a dockerd whose command line names DIR.
    if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--pidfile $dir/dockerd.pid"; then
      kill "$pid"
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    fi
  fi
  umount "$dir/data/overlay2" 2>/dev/null || true
  rm -rf "$dir"
  exit 0
fi

[ "$cmd" = start ] || { echo "usage: scripts/tls-engine.sh start|stop DIR [PORT]" >&2; exit 2; }
port=${3:-$(node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")}
mkdir -p "$dir"
"$here/tls-certs.sh" "$dir/certs" >&2
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
