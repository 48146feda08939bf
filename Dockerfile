# ftscan as a container image for scheduled scans (docs/deploy.md). Multi-stage: the build stage has npm and
# the TypeScript compiler; the final stage has Node, the compiled CLI and its production dependencies only,
# runs as the unprivileged `node` user, and writes nothing outside the report volume (read-only root
# filesystem friendly). Node 22 LTS; node:24-slim works the same.
FROM node:22-slim AS build
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npx tsc -p tsconfig.json && npm prune --omit=dev --ignore-scripts

FROM node:22-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /build/package.json ./package.json
COPY --from=build /build/node_modules ./node_modules
COPY --from=build /build/dist ./dist
COPY bin ./bin
# read at run time: the report schemas (reading stored reports back) and package.json (the version)
COPY docs/scan-result.schema.json docs/scan-result.v1.schema.json ./docs/
USER node
WORKDIR /reports
ENTRYPOINT ["node", "/app/bin/ftscan.js"]
CMD ["--help"]
