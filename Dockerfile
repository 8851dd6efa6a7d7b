# syntax=docker/dockerfile:1
#
# The Fluxion server image: the API, the web app's files and the `fluxion` command (docs/deploy.md).
#
#   docker build -t fluxion .                        (add --platform linux/arm64 for Graviton tasks)
#   docker run --init -p 3000:3000 -v fluxion-data:/data -e FLUXION_BASE_DOMAIN=example.com fluxion
#
# Two stages: `build` installs every dependency and compiles the server (tsc) and the web app
# (vite) into dist/; the final stage has production dependencies only, the compiled output, and
# runs as the unprivileged `node` user (uid 1000, the owner the EFS access point gives /data).
# test/deploy/image.test.ts runs the compiled output exactly as CMD below does, with this stage's
# environment and user; infra/test/image.test.ts checks the ECS task definition agrees with it.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY web ./web
RUN npm run build

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist ./dist
COPY bin ./bin
# Amazon RDS certificate authorities: DATABASE_URL uses sslmode=verify-full, and Node trusts
# only the public roots unless NODE_EXTRA_CA_CERTS adds these (fetched when the image is built).
ADD --chmod=644 https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem /etc/ssl/certs/rds-global-bundle.pem
# `fluxion …` on the PATH (aws ecs execute-command), and the data directory owned by `node`
# (an EFS volume is mounted over it in duckdb mode; a plain directory otherwise).
RUN ln -s /app/bin/fluxion.js /usr/local/bin/fluxion && mkdir -p /data && chown node:node /data
ENV PORT=3000 \
    HOST=0.0.0.0 \
    FLUXION_DATA_DIR=/data \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/rds-global-bundle.pem
USER node
EXPOSE 3000
# No curl in the slim image: Node's own fetch. The same command as the ECS task's health check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form: node gets SIGTERM itself and shuts down cleanly (in-flight requests finish, DuckDB
# is checkpointed). `serve` never loads demo data; the first tenant is `fluxion tenant create`.
CMD ["node", "dist/cli/main.js", "serve"]
