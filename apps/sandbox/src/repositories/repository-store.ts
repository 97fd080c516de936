import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { readJsonFile, removeFile, writeBuffersAtomic, writeJsonAtomic } from '../common/atomic-file.js';
import { toJson } from '../common/json.js';
import { newUuid } from '../common/ids.js';
import { repositoryMissing } from '../http/errors.js';
import type { SnapshotRecord } from '../snapshots/snapshot-record.js';

export interface Repository {
  name: string;
  type: string;
  /** Settings as Elasticsearch keeps them: flat, string-valued. */
  settings: Record<string, string>;
}

/** What lives in the repository folder's `index.json`: its uuid and its completed snapshots. */
export interface RepositoryData {
  uuid: string;
  snapshots: SnapshotRecord[];
}

/** Data of one snapshot: the indices it copied, in `<location>/snapshots/<uuid>.json`. */
export interface SnapshotIndexData {
  name: string;
  settings: Record<string, string>;
  mappings: Record<string, unknown>;
  aliases: Record<string, Record<string, unknown>>;
  docs: Array<[string, unknown]>;
}

/**
 * Repository registrations (in `<data>/repositories.json`) and the repository folders they point
 * at. The folder is the truth for snapshots: re-registering a location shows what is in it.
 */
export class RepositoryStore {
  private repositories = new Map<string, Repository>();
  private readonly parsedData = new Map<string, { version: string; data: RepositoryData }>();
  private readonly serializedRecords = new WeakMap<SnapshotRecord, Uint8Array>();
  private readonly file: string;

  constructor(
    dataDir: string,
    readonly roots: string[],
  ) {
    this.file = join(dataDir, 'repositories.json');
  }

  load(): void {
    const saved = readJsonFile<Repository[]>(this.file) ?? [];
    this.repositories = new Map(saved.map((r) => [r.name, r]));
  }

  reset(): void {
    this.repositories.clear();
    removeFile(this.file);
  }

  all(): Repository[] {
    return [...this.repositories.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): Repository | undefined {
    return this.repositories.get(name);
  }

  require(name: string): Repository {
    const repository = this.repositories.get(name);
    if (!repository) throw repositoryMissing([name]);
    return repository;
  }

  put(repository: Repository): void {
    this.repositories.set(repository.name, repository);
    this.save();
  }

  delete(name: string): void {
    this.repositories.delete(name);
    this.save();
  }

  /**
   * The absolute folder for a location, or undefined when it is not under a path.repo root.
   * Relative locations resolve against the first root, as ES's Environment.resolveRepoFile does.
   */
  resolveLocation(location: string): string | undefined {
    const candidate = isAbsolute(location) ? resolve(location) : resolve(this.roots[0], location);
    return this.roots.some((root) => isInside(root, candidate)) ? candidate : undefined;
  }

  locationOf(repository: Repository): string {
    return this.resolveLocation(repository.settings.location ?? '') ?? resolve(this.roots[0], 'unknown');
  }

  isReadonly(repository: Repository): boolean {
    return repository.settings.readonly === 'true' || repository.settings.read_only === 'true';
  }

  /** Reads the repository folder's data; a fresh folder gets a uuid (unless read-only). */
  readData(repository: Repository): RepositoryData {
    const data = this.readDataAt(this.locationOf(repository));
    if (data) return data;
    const fresh: RepositoryData = { uuid: this.isReadonly(repository) ? '_na_' : newUuid(), snapshots: [] };
    if (!this.isReadonly(repository)) this.writeData(repository, fresh);
    return fresh;
  }

  /** `index.json` parsed once per version of the file (another process may have replaced it). */
  readDataAt(location: string): RepositoryData | undefined {
    const path = join(location, 'index.json');
    if (!existsSync(path)) return undefined;
    const version = fileVersion(path);
    const cached = this.parsedData.get(path);
    if (cached?.version === version) return cached.data;
    const data = readJsonFile<RepositoryData>(path);
    if (data) this.parsedData.set(path, { version, data });
    return data;
  }

  writeData(repository: Repository, data: RepositoryData): void {
    this.writeDataAt(this.locationOf(repository), data);
  }

  /**
   * Replaces `index.json` and keeps what was written as the parsed copy, so the next read does not
   * parse the file back. Completed records never change: each is serialized once, and the file is
   * written from those pieces (joining thousands of records into one string cost more than the write).
   */
  writeDataAt(location: string, data: RepositoryData): void {
    const path = join(location, 'index.json');
    const pieces: Uint8Array[] = [Buffer.from(`{"uuid":${toJson(data.uuid)},"snapshots":[`)];
    data.snapshots.forEach((record, index) => {
      if (index > 0) pieces.push(COMMA);
      pieces.push(this.recordJson(record));
    });
    pieces.push(CLOSING);
    writeBuffersAtomic(path, pieces);
    this.parsedData.set(path, { version: fileVersion(path), data });
  }

  writeSnapshotData(location: string, uuid: string, indices: SnapshotIndexData[]): number {
    const path = join(location, 'snapshots', `${uuid}.json`);
    writeJsonAtomic(path, indices);
    return statSync(path).size;
  }

  readSnapshotData(repository: Repository, uuid: string): SnapshotIndexData[] {
    return (
      readJsonFile<SnapshotIndexData[]>(join(this.locationOf(repository), 'snapshots', `${uuid}.json`)) ?? []
    );
  }

  removeSnapshotData(repository: Repository, uuid: string): void {
    removeFile(join(this.locationOf(repository), 'snapshots', `${uuid}.json`));
  }

  /** Deletes snapshot data files no snapshot refers to; returns what was removed. */
  cleanup(repository: Repository): { deleted_bytes: number; deleted_blobs: number } {
    const dir = join(this.locationOf(repository), 'snapshots');
    if (!existsSync(dir)) return { deleted_bytes: 0, deleted_blobs: 0 };
    const live = new Set(this.readData(repository).snapshots.map((s) => `${s.uuid}.json`));
    let bytes = 0;
    let blobs = 0;
    for (const file of readdirSync(dir)) {
      if (live.has(file)) continue;
      bytes += statSync(join(dir, file)).size;
      blobs++;
      removeFile(join(dir, file));
    }
    return { deleted_bytes: bytes, deleted_blobs: blobs };
  }

  ensureFolder(location: string): void {
    mkdirSync(location, { recursive: true });
  }

  private recordJson(record: SnapshotRecord): Uint8Array {
    let json = this.serializedRecords.get(record);
    if (json === undefined) {
      json = Buffer.from(toJson(record));
      this.serializedRecords.set(record, json);
    }
    return json;
  }

  private save(): void {
    writeJsonAtomic(this.file, this.all());
  }
}

const COMMA = Buffer.from(',');
const CLOSING = Buffer.from(']}');

/** Every write replaces the file by a rename (a new inode): inode, size and mtime name its version. */
function fileVersion(path: string): string {
  const stat = statSync(path, { bigint: true });
  return `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(resolve(root), candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
