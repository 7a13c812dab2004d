#!/usr/bin/env bash
# The engine tests once more, against the TLS engine that DX_TLS_DOCKER_HOST and DX_TLS_CERTS name (.ci/run
# starts one with scripts/tls-engine.sh), through the standard DOCKER_HOST, DOCKER_TLS_VERIFY and
# DOCKER_CERT_PATH. Part of `npm test`; without those variables it says so and runs nothing.
set -euo pipefail
if [ -z "${DX_TLS_DOCKER_HOST:-}" ]; then
  echo "TLS engine tests skipped: DX_TLS_DOCKER_HOST is not set (.ci/run starts one: scripts/tls-engine.sh)"
  exit 0
fi
: "${DX_TLS_CERTS:?DX_TLS_CERTS must name the certificates of the TLS engine (as scripts/tls-certs.sh lays them out)}"
echo "TLS engine tests: the engine tests again, against $DX_TLS_DOCKER_HOST over TLS"
export DOCKER_HOST=$DX_TLS_DOCKER_HOST DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$DX_TLS_CERTS/client REQUIRE_DOCKER=1
exec npx jest --ci test/demos test/lab test/sandbox test/ops/graceful-restart.test.ts
