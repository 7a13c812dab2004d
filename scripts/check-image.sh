#!/usr/bin/env bash
# Builds the image from the Dockerfile against base images assembled from this machine (no registry needed:
# scripts/local-node-images.sh) and proves it runs: non-root, no .env inside, an answer in console mode, and
# in HTTP mode (read-only, no capabilities) /healthz and /metrics on PORT and METRICS_PORT, Docker's
# HEALTHCHECK turning healthy, and `docker stop` (SIGTERM to node as PID 1) exiting 0 at once. Removes the
# container it ran; the images stay as build cache.
#   scripts/check-image.sh [TAG]      (TAG: docker-explainer:check)
set -euo pipefail
cd "$(dirname "$0")/.."
tag=${1:-docker-explainer:check}
say() { echo "check-image: $*"; }
fail() { echo "check-image: FAILED: $*" >&2; exit 1; }

scripts/local-node-images.sh
major=$(node -p 'process.versions.node.split(".")[0]')
started=$(date +%s)
DOCKER_BUILDKIT=0 docker build -q --network host \
  --build-arg NODE_IMAGE="local/node:$major" --build-arg BUILD_IMAGE="local/node-build:$major" \
  --build-arg VERSION="$(node -p 'require("./package.json").version')" \
  --build-arg REVISION="$(git rev-parse HEAD 2>/dev/null || echo unknown)" \
  -t "$tag" . >/dev/null
size=$(docker image inspect -f '{{.Size}}' "$tag")
base=$(docker image inspect -f '{{.Size}}' "local/node:$major")
say "built $tag in $(($(date +%s) - started)) s: $((size / 1000000)) MB ($(((size - base) / 1000000)) MB on top of the $((base / 1000000)) MB base)"

uid=$(docker run --rm --network none --entrypoint node "$tag" -p 'process.getuid()')
[ "$uid" != 0 ] || fail "the image runs as root"
docker run --rm --network none --entrypoint node "$tag" -e \
  "process.exit(['/app/.env', '/app/src', '/app/test', '/app/.git'].some((p) => require('fs').existsSync(p)) ? 1 : 0)" ||
  fail "the image holds files it should not (.env, sources, tests or git history)"
say "runs as uid $uid; no .env, sources, tests or git history inside"

answer=$(echo "/docker diff" | docker run --rm -i --network none "$tag")
grep -q "Images vs containers" <<<"$answer" || fail "no answer in console mode: $answer"
say "console mode answers /docker diff"

free_port() { node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"; }
port=$(free_port)
metrics=$(free_port)
name="dx-check-$$"
# Locked down as compose.yaml runs it: read-only root, /tmp in memory, no capabilities.
cid=$(docker run -d --name "$name" --network host --health-interval 1s --health-start-period 5s \
  --read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges \
  -e SLACK_BOT_TOKEN=xoxb-0000-0000-check -e SLACK_SIGNING_SECRET=0123456789abcdef0123456789abcdef \
  -e SLACK_API_URL=http://127.0.0.1:9/api/ -e PORT="$port" -e METRICS_PORT="$metrics" \
  -e DOCKER_HOST=unix:///nonexistent.sock -e LOG_FORMAT=json "$tag")
cleanup() { docker rm -f -v "$cid" >/dev/null 2>&1 || true; }
trap cleanup EXIT
for _ in $(seq 1 30); do
  [ "$(docker inspect -f '{{.State.Health.Status}}' "$cid")" = healthy ] && break
  sleep 1
done
[ "$(docker inspect -f '{{.State.Health.Status}}' "$cid")" = healthy ] ||
  { docker logs "$cid" | tail -20 >&2; fail "the HEALTHCHECK did not turn healthy"; }
for url in "http://127.0.0.1:$port/healthz" "http://127.0.0.1:$port/metrics" \
  "http://127.0.0.1:$metrics/healthz" "http://127.0.0.1:$metrics/metrics"; do
  node -e "fetch('$url').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))" ||
    fail "GET $url did not answer 200"
done
node -e "fetch('http://127.0.0.1:$port/healthz').then((r) => r.json()).then((h) => process.exit(h.transport === 'http' ? 0 : 1))" ||
  fail "/healthz does not say HTTP mode"
say "HTTP mode: healthy; /healthz and /metrics answer on PORT and METRICS_PORT"

stopped=$(date +%s%N)
docker stop -t 30 "$cid" >/dev/null
took=$((($(date +%s%N) - stopped) / 1000000))
code=$(docker inspect -f '{{.State.ExitCode}}' "$cid")
[ "$code" = 0 ] || { docker logs "$cid" | tail -20 >&2; fail "docker stop: exit code $code"; }
docker logs "$cid" 2>&1 | node -e "
  const lines = require('fs').readFileSync(0, 'utf8').trim().split('\n');
  for (const line of lines) JSON.parse(line);
  if (!lines.some((l) => JSON.parse(l).msg === 'stopped')) process.exit(1);" ||
  fail "the logs are not one JSON object per line ending with 'stopped'"
say "docker stop (SIGTERM to node as PID 1): exit 0 in $took ms; logs are JSON lines"
