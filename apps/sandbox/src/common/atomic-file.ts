import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseJson, toJson } from './json.js';

let counter = 0;

/** Writes a file atomically: a temporary file beside it, then a rename over the target. */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeTextAtomic(path, toJson(value));
}

export function writeTextAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${++counter}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}

export function readJsonFile<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined;
  return parseJson(readFileSync(path, 'utf8')) as T;
}

export function removeFile(path: string): void {
  rmSync(path, { force: true });
}
