// Prisma's schema engine as WebAssembly (@prisma/schema-engine-wasm), driven through the
// pg driver adapter. The Prisma CLI's native engine is a download that is not possible
// everywhere we build; the wasm build computes the same migrations.
//
// The package is Prisma-internal and its API changes without notice: keep its version
// pinned exactly in package.json, and keep everything that touches it in this file.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as engineGlue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import type pg from 'pg';

export type { SchemaEngine };

let loaded: Promise<void> | undefined;

// WebAssembly's types live in TypeScript's DOM library, which this Node project leaves out.
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

// The package's entry point imports the .wasm file as an ES module, which Node 20 only
// allows behind --experimental-wasm-modules. Instantiating the module by hand and handing
// it to the generated glue needs no flag, in plain Node and under Jest alike.
async function loadWasm(): Promise<void> {
  // Rust panics report their message through this global; without it a panic surfaces as
  // "Cannot read properties of undefined (reading 'set_message')".
  const registry = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
  registry.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message: string) {
      process.stderr.write(`schema engine panicked: ${message}\n`);
    },
  };
  const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
  const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': engineGlue });
  engineGlue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
}

// adapter-pg 7.10 rejects PostgreSQL's internal "char" type (OID 18), which the schema
// describer reads from pg_catalog (constraint and relation kinds). We let pg report such
// columns as text so the adapter accepts them, then tell the engine they are Character
// columns, which is what the describer asks for. Keyed by the rows array, which the
// adapter passes through unchanged.
const PG_CHAR = 18;
const PG_TEXT = 25;
const charColumns = new WeakMap<object, number[]>();

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

function acceptCatalogChars(adapter: PgAdapter): PgAdapter {
  const pool = adapter.underlyingDriver();
  const query = pool.query.bind(pool) as (config: pg.QueryConfig) => Promise<pg.QueryResult>;
  (pool as unknown as { query: typeof query }).query = async (config) => {
    const result = await query(config);
    const indexes: number[] = [];
    result.fields?.forEach((field, index) => {
      if (field.dataTypeID !== PG_CHAR) return;
      field.dataTypeID = PG_TEXT;
      indexes.push(index);
    });
    if (indexes.length > 0) charColumns.set(result.rows, indexes);
    return result;
  };
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (sqlQuery) => {
    const resultSet = await queryRaw(sqlQuery);
    for (const index of charColumns.get(resultSet.rows) ?? []) resultSet.columnTypes[index] = ColumnTypeEnum.Character;
    return resultSet;
  };
  return adapter;
}

export interface SchemaEngineOptions {
  /** The Prisma schema files, as [path, content]; paths only appear in error messages. */
  schemaFiles: Array<[string, string]>;
  /** Receives the engine's JSON log lines. */
  onLog?: (line: string) => void;
}

/**
 * Runs `work` with a schema engine connected to the database at `url`, then frees the
 * engine and closes every connection it opened through the adapter.
 */
export async function withSchemaEngine<T>(
  url: string,
  options: SchemaEngineOptions,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  loaded ??= loadWasm();
  await loaded;
  const base = new PrismaPg({ connectionString: url });
  const opened: PgAdapter[] = [];
  const track = async (connecting: Promise<PgAdapter>) => {
    const adapter = acceptCatalogChars(await connecting);
    opened.push(adapter);
    return adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => track(base.connect()),
    connectToShadowDb: () => track(base.connectToShadowDb()),
  };
  const onLog = options.onLog ?? (() => undefined);
  let engine: SchemaEngine | undefined;
  try {
    engine = await engineGlue.SchemaEngine.new(
      { datamodels: options.schemaFiles },
      (line: string) => onLog(line),
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    return await work(engine);
  } finally {
    engine?.free();
    await Promise.all(opened.map((adapter) => adapter.dispose().catch(() => undefined)));
  }
}
