# syntax=docker/dockerfile:1
# Vestnik: one image for every role (`vestnik start --role all|web|bot|worker`).
# Node 24 is the active LTS line, and one Prisma 7 accepts (^20.19, ^22.12 or >=24).

# Build stage: all dependencies, the generated Prisma client and the compiled dist/.
FROM node:24-bookworm-slim AS build
WORKDIR /app
# The whole tree (less what .dockerignore keeps out) before `npm ci`: its postinstall
# generates the Prisma client from prisma/ and compiles src/ into dist/.
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# Runtime stage: production dependencies and the files the service reads at run time.
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    VESTNIK_DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# Owned by root and read-only for the service: only /data is writable by it.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
COPY --from=build /app/locales ./locales
COPY --from=build /app/assets ./assets
COPY --from=build /app/prisma ./prisma
# The node image's unprivileged `node` user (uid 1000). Without DATABASE_URL the embedded
# PostgreSQL runs as that user too, with its data in the volume.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/vestnik.js"]
CMD ["start"]
