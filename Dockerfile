# syntax=docker/dockerfile:1

# ---- build: every dependency, then shared, server and console --------------------------------
FROM node:20-bookworm-slim AS build

# better-sqlite3 compiles from source when no prebuilt binary matches the platform
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
RUN npm i -g pnpm@12.21.0

# CI=true: frozen lockfile and no interactive prompts; node-gyp uses the image's own Node headers
ENV CI=true \
  npm_config_nodedir=/usr/local
WORKDIR /app

# Manifests first: the dependency layer stays cached until one of them changes.
# (COPY with a glob would flatten packages/*/package.json into one directory.)
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY packages/shared/package.json packages/shared/
COPY packages/server/package.json packages/server/
COPY packages/console/package.json packages/console/
COPY packages/testkit/package.json packages/testkit/
RUN pnpm install --frozen-lockfile

COPY . .
RUN pnpm build

# Production dependencies of the server (and of shared, which it uses) only. A fresh install from
# the store, which already holds and has built every package: `--prod` on top of the full install
# would leave the dev packages in node_modules/.pnpm (444 MB instead of 137 MB). `--filter-prod`
# does not follow devDependencies to workspace packages: `--filter` would select the testkit and
# install its test doubles (oidc-provider, smtp-server, …) into the image.
RUN rm -rf node_modules packages/*/node_modules \
  && pnpm install --frozen-lockfile --prod --offline --filter-prod '@twofold/server...'

# ---- runtime: compiled output and production node_modules, as a non-root user ----------------
FROM node:20-bookworm-slim AS runtime

ENV NODE_ENV=production \
  TWOFOLD_DATA_DIR=/data
WORKDIR /app

# pnpm's node_modules are relative symlinks into /app/node_modules/.pnpm; COPY --from keeps
# symlinks, so each tree lands at the same path it had in the build stage.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/packages/shared/package.json packages/shared/
COPY --from=build /app/packages/shared/dist packages/shared/dist
COPY --from=build /app/packages/shared/node_modules packages/shared/node_modules
COPY --from=build /app/packages/server/package.json packages/server/
COPY --from=build /app/packages/server/dist packages/server/dist
COPY --from=build /app/packages/server/node_modules packages/server/node_modules
COPY --from=build /app/packages/console/dist packages/console/dist

# The embedded database, generated key and outbox live in /data (owned by the runtime user)
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]

EXPOSE 4000
# The slim image has no curl: Node's own fetch asks the server whether it is up.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "packages/server/dist/main.js"]
