# Docker Explainer as an image: `docker build -t docker-explainer .`, then see docs/production.md.
#
# NODE_IMAGE is the runtime base (Node LTS, slim). BUILD_IMAGE has the same Node major plus python3, make and
# g++, for better-sqlite3's native module (the official full image has them). Both are build arguments so a
# machine without a registry can pass bases of its own (scripts/local-node-images.sh, as CI does); the
# Dockerfile itself is the same either way. Works with the classic builder and with BuildKit.
ARG NODE_IMAGE=node:20-bookworm-slim
ARG BUILD_IMAGE=node:20-bookworm

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# Compile; keep production dependencies only, without type declarations, source maps and docs (half their
# size); prove the native module loads, and keep only its binary.
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && find node_modules -type f \( -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -name '*.map' -o -iname '*.md' \) -delete \
 && node -e "new (require('better-sqlite3'))(':memory:').close()" \
 && cd node_modules/better-sqlite3 \
 && mv build/Release/better_sqlite3.node /tmp/ \
 && rm -rf build deps src \
 && mkdir -p build/Release /data \
 && mv /tmp/better_sqlite3.node build/Release/

FROM ${NODE_IMAGE}
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG SOURCE=unknown
LABEL org.opencontainers.image.title="Docker Explainer" \
      org.opencontainers.image.description="A Slack app that explains Docker images and containers, with live demos on a sandbox engine" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="MIT"
# METRICS_PORT serves /healthz and /metrics in every mode, so the health check has one port to ask.
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3000 \
    METRICS_PORT=9090
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY content ./content
COPY --from=build --chown=1000:1000 /data /data
# `node` in the official images; numeric, so the image needs no user lookup. The code stays root's, read-only.
USER 1000:1000
VOLUME ["/data"]
EXPOSE 3000 9090
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["node", "dist/ops/healthcheck.js"]
# The app handles SIGTERM itself (it works as PID 1); `docker run --init` or compose's `init: true` adds tini.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/main.js"]
