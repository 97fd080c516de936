import {
  closeSync,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
  writevSync,
} from 'node:fs';
import { unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseJson, toJson } from './json.js';

let counter = 0;

/** Writes a file atomically: a temporary file beside it, then a rename over the target. */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeBuffersAtomic(path, [Buffer.from(toJson(value))]);
}

/**
 * Writes the buffers, in order, into a temporary file beside `path`, then renames it over `path`.
 * Large files made of many pieces (a repository index of thousands of records) are written without
 * first joining them.
 */
export function writeBuffersAtomic(path: string, buffers: readonly Uint8Array[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${++counter}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    for (let start = 0; start < buffers.length; start += MAX_BUFFERS_PER_WRITE) {
      const chunk = buffers.slice(start, start + MAX_BUFFERS_PER_WRITE);
      const written = writevSync(fd, chunk);
      const expected = chunk.reduce((sum, buffer) => sum + buffer.length, 0);
      // A short write (rare on a regular file): the rest of this chunk, piece by piece.
      if (written < expected) writeRemainder(fd, chunk, written);
    }
  } finally {
    closeSync(fd);
  }
  replaceInBackground(temp, path);
}

/**
 * Renames `temp` over `path` without freeing the old file's blocks on the event loop (renaming
 * over a large file frees them inside the rename): a second link keeps the old content alive
 * through the rename and is unlinked asynchronously. `path` always exists, old or new.
 */
function replaceInBackground(temp: string, path: string): void {
  if (!existsSync(path)) {
    renameSync(temp, path);
    return;
  }
  const old = `${path}.${process.pid}.${++counter}.old`;
  linkSync(path, old);
  renameSync(temp, path);
  void unlink(old).catch(() => undefined);
}

/** IOV_MAX on Linux. */
const MAX_BUFFERS_PER_WRITE = 1024;

function writeRemainder(fd: number, chunk: readonly Uint8Array[], alreadyWritten: number): void {
  let skip = alreadyWritten;
  for (const buffer of chunk) {
    if (skip >= buffer.length) {
      skip -= buffer.length;
      continue;
    }
    let offset = skip;
    skip = 0;
    while (offset < buffer.length) offset += writeSync(fd, buffer, offset);
  }
}

export function readJsonFile<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined;
  return parseJson(readFileSync(path, 'utf8')) as T;
}

export function removeFile(path: string): void {
  rmSync(path, { force: true });
}
