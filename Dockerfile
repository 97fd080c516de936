# The daemon and the camunda-backup CLI. Built and run by docker-compose.yml; the Kubernetes manifests in
# deploy/kubernetes/ run this image. Node: the version in .node-version (test/deployment checks they agree).
FROM node:24.22.3-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nest build orchestrator && npx nest build cli && npm prune --omit=dev

FROM node:24.22.3-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY package.json ./
# `camunda-backup` on the PATH (talks to CAMUNDA_BACKUP_URL, default http://127.0.0.1:9700: this container's daemon).
RUN ln -s /app/bin/camunda-backup.mjs /usr/local/bin/camunda-backup
# The image's `node` user (uid 1000); the Kubernetes manifests run it with a read-only root filesystem.
USER node
EXPOSE 8092 9600 9620 9700
HEALTHCHECK --interval=15s --timeout=5s CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.ORCHESTRATOR_PORT || 9700) + '/actuator/health/readiness').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/apps/orchestrator/apps/orchestrator/src/main.js"]
