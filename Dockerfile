# Vestnik: one image for every role (`vestnik start --role all|web|bot|worker`).
FROM node:20-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production \
    VESTNIK_DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=3000

COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
# Dev dependencies stay: the service runs its TypeScript sources through tsx.
RUN npm ci --no-audit --no-fund && npm cache clean --force

COPY . .
RUN mkdir -p /data && chown -R node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/vestnik.js"]
CMD ["start"]
