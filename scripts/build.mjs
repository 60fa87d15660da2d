#!/usr/bin/env node
// Compiles src/ to dist/ file by file (no bundling), so dist mirrors src and every path
// resolved relative to a module (locales/, assets/, prisma/migrations) stays the same.
// Types are checked separately by `npm run typecheck`; esbuild only strips them.
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// `--if-possible` (at install time): an install without dev dependencies keeps the dist/ it has.
const esbuild = await import('esbuild').catch((error) => {
  if (process.argv.includes('--if-possible') && error.code === 'ERR_MODULE_NOT_FOUND') return undefined;
  throw error;
});
if (!esbuild) {
  console.warn('esbuild is not installed (dev dependencies omitted): dist/ is left as it is');
  process.exit(0);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');

const files = readdirSync(src, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
const isSource = (name) => name.endsWith('.ts') && !name.endsWith('.d.ts');
const entryPoints = files.filter((entry) => isSource(entry.name)).map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));

await esbuild.build({
  entryPoints,
  outdir: dist,
  outbase: src,
  bundle: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
// Files read at run time next to their module (e.g. the staff pages' stylesheet).
for (const entry of files.filter((e) => !e.name.endsWith('.ts'))) {
  const from = path.join(entry.parentPath ?? entry.path, entry.name);
  cpSync(from, path.join(dist, path.relative(src, from)));
}

// A file deleted from src must not live on in dist. Only those are removed, not the whole
// folder, so a service running from dist while someone rebuilds never sees it vanish.
if (existsSync(dist)) {
  for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const built = path.join(entry.parentPath ?? entry.path, entry.name);
    const source = path.join(src, path.relative(dist, built)).replace(/\.js(\.map)?$/, '.ts');
    if (!existsSync(source) && !existsSync(path.join(src, path.relative(dist, built)))) rmSync(built);
  }
}
