# syntax=docker/dockerfile:1
# One image for every process: docker-compose.yml runs it as migrate (`pnpm db:migrate`),
# api (`pnpm start:api`) and worker (`pnpm start:worker`); `pnpm cli …` works in it too.
FROM node:20-slim

# pnpm comes through corepack, pinned as in package.json's packageManager. The corepack bundled with
# an older node:20 image may lack the keys that newer pnpm releases are signed with, so pin it too.
# COREPACK_HOME outside /root, so the unprivileged user below finds pnpm without a download.
ENV COREPACK_HOME=/usr/local/share/corepack \
    CI=true
RUN npm install --global corepack@0.36.0 \
 && corepack enable \
 && corepack prepare pnpm@12.4.2 --activate \
 && chmod -R a+rX "$COREPACK_HOME"

WORKDIR /app

# Manifests first, so the dependency layer is rebuilt only when they change.
# Every workspace package must be listed here (test/compose checks it), or the frozen install fails.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY packages/bank-protocol/package.json packages/bank-protocol/
COPY packages/config/package.json packages/config/
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/
COPY packages/queues/package.json packages/queues/
COPY services/api/package.json services/api/
COPY services/bank-sim/package.json services/bank-sim/
COPY services/cli/package.json services/cli/
COPY services/demo/package.json services/demo/
COPY services/platform/package.json services/platform/
COPY services/worker/package.json services/worker/
# Development dependencies stay: the processes run TypeScript through tsx.
RUN pnpm install --frozen-lockfile

COPY . .

ENV NODE_ENV=production
USER node
EXPOSE 3000
# Single-process mode (API and workers together); compose overrides this per service.
CMD ["pnpm", "start"]
