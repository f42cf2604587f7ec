# Takt's container: `docker build -t takt .`, then
#   docker run -p 3000:3000 -v takt-jobs:/data -e TAKT_TOKENS=planner:A-LONG-RANDOM-TOKEN takt
# It serves every interface (HOST=0.0.0.0), so it needs tokens (TAKT_TOKENS or --token-file) or an explicit
# `serve --insecure`; the job store lives on the /data volume. README: Deploying.

# Build: the full install (npm ci runs `prepare`, which bundles dist/), then the dev dependencies dropped.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native module when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY . .
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund

# Run: the build, the production dependencies and the demo plants, as the unprivileged `node` user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 TAKT_JOBS_DB=/data/jobs.sqlite
WORKDIR /app
COPY --from=build /app/package.json /app/LICENSE /app/README.md ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin/takt.mjs ./bin/takt.mjs
COPY --from=build /app/data ./data
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# /health stays open when tokens are set; the Host header is 127.0.0.1, which every bind answers to.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/takt.mjs"]
CMD ["serve"]
