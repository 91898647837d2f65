import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

export interface DotEnvResult {
  /** The file read, or null when the directory holds no `.env`. */
  file: string | null;
  /** Variables taken from the file (those the environment did not already set). */
  applied: string[];
}

/**
 * Reads `.env` from `dir` (the working directory) when present and copies its variables into `env`,
 * never over a variable the environment already has: real environment variables win, even empty ones.
 * Node's own parser is used (`util.parseEnv`, the format of `node --env-file`).
 */
export function loadDotEnv(dir: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): DotEnvResult {
  const file = join(dir, '.env');
  if (!existsSync(file)) return { file: null, applied: [] };
  const parsed = parseEnv(readFileSync(file, 'utf8'));
  const applied: string[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (value === undefined || env[name] !== undefined) continue;
    env[name] = value;
    applied.push(name);
  }
  return { file, applied };
}
