// Loaded with `node --import`: appends the URL of every module the process imports to
// RECORD_IMPORTS_FILE, so a test can tell which libraries a command line loaded.
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (process.env.RECORD_IMPORTS_FILE) appendFileSync(process.env.RECORD_IMPORTS_FILE, result.url + '\\n');
  return result;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
