import * as fc from 'fast-check';
import { globMatch, simpleMatch } from './common/glob.js';
import { applyFilterPath } from './http/filter-path.js';
import { LosslessNumber, parseJson, toJson } from './common/json.js';
import { validateIndexName } from './indices/index-names.js';
import { EXPAND_ALL, EXPAND_OPEN, resolveTargets, type Target } from './indices/multi-target.js';
import { similarity } from './http/params.js';
import { renderSnapshotInfo, DEFAULT_RENDER } from './snapshots/snapshot-info.js';
import { validateSnapshotName } from './snapshots/snapshot-names.js';
import type { SnapshotRecord } from './snapshots/snapshot-record.js';
import { resolveDateMath } from './snapshots/date-math.js';
import { EsError } from './http/errors.js';

function reasonOf(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    return (error as EsError).reason;
  }
  return 'no error';
}

const textOf = (chars: string[]) =>
  fc.array(fc.constantFrom(...chars), { maxLength: 8 }).map((a) => a.join(''));

describe('glob matching', () => {
  it('matches * anywhere and ? only in fault globs', () => {
    expect(simpleMatch('a*c', 'abbbc')).toBe(true);
    expect(simpleMatch('a?c', 'abc')).toBe(false);
    expect(simpleMatch('a.c', 'abc')).toBe(false);
    expect(globMatch('/_snapshot/*', '/_snapshot/r/s')).toBe(true);
    expect(globMatch('/a?c', '/abc')).toBe(true);
  });

  it('simpleMatch agrees with the regular-expression glob on every *-only pattern', () => {
    fc.assert(
      fc.property(textOf(['a', 'b', '*', '.']), textOf(['a', 'b', '.']), (pattern, value) => {
        expect(simpleMatch(pattern, value)).toBe(globMatch(pattern, value));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('filter_path', () => {
  const body = {
    snapshots: [
      { snapshot: 's1', uuid: 'u1', state: 'SUCCESS', failures: [], shards: { total: 2, failed: 0 } },
      { snapshot: 's2', uuid: 'u2', state: 'PARTIAL', failures: [{ reason: 'r', index: 'i' }] },
    ],
    total: 2,
  };

  it('keeps the named paths through arrays, in the response order, and drops what is left empty', () => {
    expect(applyFilterPath(body, 'snapshots.state,snapshots.snapshot,snapshots.failures.reason')).toEqual({
      snapshots: [
        { snapshot: 's1', state: 'SUCCESS' },
        { snapshot: 's2', state: 'PARTIAL', failures: [{ reason: 'r' }] },
      ],
    });
    expect(
      Object.keys((applyFilterPath(body, 'snapshots.state,snapshots.snapshot') as typeof body).snapshots[0]!),
    ).toEqual(['snapshot', 'state']);
    expect(applyFilterPath(body, 'nothing.here')).toEqual({});
    expect(applyFilterPath({ snapshots: [] }, 'snapshots.snapshot')).toEqual({});
  });

  it('matches wildcard segments and merges overlapping paths', () => {
    expect(applyFilterPath(body, 'snapshots.sh*.total,snapshots.shards.failed,to*')).toEqual({
      snapshots: [{ shards: { total: 2, failed: 0 } }],
      total: 2,
    });
    expect(applyFilterPath(body, 'snapshots.*,snapshots.failures.index')).toEqual(
      body.snapshots && { snapshots: body.snapshots },
    );
    expect(applyFilterPath(body, '-total')).toBe(body);
  });
});

describe('index name validation', () => {
  it('follows ES order and wording', () => {
    expect(reasonOf(() => validateIndexName('.'))).toBe("Invalid index name [.], must not be '.' or '..'");
    expect(reasonOf(() => validateIndexName('..'))).toBe("Invalid index name [..], must not be '.' or '..'");
    expect(reasonOf(() => validateIndexName('A*'))).toContain('must not contain the following characters');
    expect(reasonOf(() => validateIndexName('a:b'))).toBe("Invalid index name [a:b], must not contain ':'");
    expect(reasonOf(() => validateIndexName('+a'))).toBe(
      "Invalid index name [+a], must not start with '_', '-', or '+'",
    );
    expect(reasonOf(() => validateIndexName('ok-name'))).toBe('no error');
  });
});

describe('snapshot name validation', () => {
  const list = 'LIST';
  it('checks whitespace before comma before # before _ before lowercase before characters', () => {
    expect(reasonOf(() => validateSnapshotName('r', '_A b,#', list))).toContain(
      'must not contain whitespace',
    );
    expect(reasonOf(() => validateSnapshotName('r', '_A,#', list))).toContain("must not contain ','");
    expect(reasonOf(() => validateSnapshotName('r', '_A#', list))).toContain("must not contain '#'");
    expect(reasonOf(() => validateSnapshotName('r', '_A', list))).toContain("must not start with '_'");
    expect(reasonOf(() => validateSnapshotName('r', 'A*', list))).toContain('must be lowercase');
    expect(reasonOf(() => validateSnapshotName('r', 'a*', list))).toBe(
      '[r:a*] Invalid snapshot name [a*], must not contain the following characters LIST',
    );
    expect(reasonOf(() => validateSnapshotName('r', '', list))).toContain('cannot be empty');
  });
});

describe('multi-target resolution', () => {
  const targets: Target[] = [
    { name: 'a-1', hidden: false, open: true, aliases: ['al'] },
    { name: 'a-2', hidden: false, open: false, aliases: [] },
    { name: 'a-h', hidden: true, open: true, aliases: [] },
    { name: '.dot', hidden: true, open: true, aliases: [] },
  ];
  const opts = { ignoreUnavailable: false, allowNoIndices: true, expand: EXPAND_OPEN };
  it('expands wildcards per state and hiddenness, with exclusions after a wildcard', () => {
    expect(resolveTargets(['a-*'], targets, opts)).toEqual(['a-1']);
    expect(resolveTargets(['a-*'], targets, { ...opts, expand: EXPAND_ALL })).toEqual(['a-1', 'a-2', 'a-h']);
    expect(resolveTargets(['*', '-a-1'], targets, { ...opts, expand: EXPAND_ALL })).toEqual([
      '.dot',
      'a-2',
      'a-h',
    ]);
    expect(resolveTargets(['.*'], targets, opts)).toEqual(['.dot']);
    expect(resolveTargets(['al'], targets, opts)).toEqual(['a-1']);
    expect(resolveTargets(['-*'], targets, opts)).toEqual([]);
    expect(resolveTargets([], targets, opts)).toEqual(['a-1']);
  });
  it('throws index_not_found for missing concrete names unless ignore_unavailable', () => {
    expect(reasonOf(() => resolveTargets(['nope'], targets, opts))).toBe('no such index [nope]');
    expect(resolveTargets(['nope', 'a-1'], targets, { ...opts, ignoreUnavailable: true })).toEqual(['a-1']);
    expect(reasonOf(() => resolveTargets(['zz*'], targets, { ...opts, allowNoIndices: false }))).toBe(
      'no such index [zz*]',
    );
  });
});

describe('unrecognized parameter suggestions', () => {
  it('uses Lucene Levenshtein similarity', () => {
    expect(similarity('levels', 'level')).toBeCloseTo(5 / 6);
    expect(similarity('size', 'verbose')).toBeLessThan(0.5);
  });
});

describe('date math in snapshot names', () => {
  it('resolves {now/d} with the default format', () => {
    expect(resolveDateMath('<snap-{now/d}>', new Date('2024-11-09T10:11:36Z'))).toBe('snap-2024.11.09');
    expect(resolveDateMath('<s-{now/M{yyyy.MM}}>', new Date('2024-11-09T10:11:36Z'))).toBe('s-2024.11');
    expect(resolveDateMath('plain')).toBe('plain');
  });
});

describe('SnapshotInfo rendering', () => {
  const record: SnapshotRecord = {
    name: 's',
    uuid: 'u'.repeat(22),
    indices: ['b', 'a'],
    dataStreams: [],
    includeGlobalState: true,
    metadata: parseJson('{"id":9223372036854775807}') as Record<string, unknown>,
    featureStates: [],
    state: 'IN_PROGRESS',
    reason: null,
    startTime: 1000,
    endTime: 0,
    totalShards: 2,
    successfulShards: 1,
    failures: [],
    versionId: 8190399,
    version: '8.19.3',
    indexDetails: {},
  };
  it('renders an in-progress snapshot with end time 0 and running shards as failed', () => {
    const info = renderSnapshotInfo(record, { ...DEFAULT_RENDER, flavor: 'elasticsearch', repository: 'r' });
    expect(info).toMatchObject({
      end_time: '1970-01-01T00:00:00.000Z',
      end_time_in_millis: 0,
      duration_in_millis: 0,
      shards: { total: 2, failed: 1, successful: 1 },
    });
  });
  it('keeps only the verbose=false fields, indices sorted', () => {
    const info = renderSnapshotInfo(record, {
      ...DEFAULT_RENDER,
      verbose: false,
      flavor: 'elasticsearch',
      repository: 'r',
    });
    expect(info).toEqual({
      snapshot: 's',
      uuid: record.uuid,
      repository: 'r',
      indices: ['a', 'b'],
      data_streams: [],
      state: 'IN_PROGRESS',
    });
  });
  it('renders OpenSearch without repository and feature_states', () => {
    const info = renderSnapshotInfo(
      { ...record, state: 'FAILED', reason: 'x', endTime: 1500 },
      {
        ...DEFAULT_RENDER,
        flavor: 'opensearch',
        repository: 'r',
      },
    );
    expect(info.repository).toBeUndefined();
    expect(info.feature_states).toBeUndefined();
    expect(info.remote_store_index_shallow_copy).toBe(false);
    expect(info.reason).toBe('x');
    expect(info.duration_in_millis).toBe(500);
  });
});

describe('toJson', () => {
  it('writes exact numbers of either kind digit for digit, and plain values natively', () => {
    expect(toJson({ a: new LosslessNumber('9223372036854775807'), b: 2n ** 63n - 1n, c: [1.5, 'x'] })).toBe(
      '{"a":9223372036854775807,"b":9223372036854775807,"c":[1.5,"x"]}',
    );
    expect(toJson({ a: 1, b: null }, true)).toBe('{\n  "a": 1,\n  "b": null\n}');
  });
});
