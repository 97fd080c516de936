import type { PartPlan } from './part-plan.js';
import { webappsLayoutFor, type WebappsLayoutId } from './webapps-layout.js';

export interface WebappsPartPlan extends PartPlan {
  /** The part's position in the layout (1..7) before skipped parts were dropped, for diagnostics. */
  layoutPart: number;
}

export interface WebappsPlan {
  layout: WebappsLayoutId;
  layoutLabel: string;
  /**
   * The snapshots to take, in order, numbered 1..N with partCount N. Empty exactly when
   * missingRequired is not: a backup with a missing required index is refused, never planned.
   */
  parts: WebappsPartPlan[];
  /** Required (main) index names, prefix included, that do not exist; in layout order. */
  missingRequired: string[];
}

const MAX_INDEX_PREFIX_LENGTH = 100;

/**
 * The parts of a Camunda 8.8+ web-apps backup (facts 8.8+ §2.2 steps 6–7, §3), from the configured
 * Camunda version, the index prefix shared by Operate and Tasklist (default none) and the concrete
 * index names that exist in the datastore.
 *
 * - Main entries are exact names `[<prefix>-]<name>`, all required: a missing one goes to
 *   missingRequired and no part is planned.
 * - A dated part lists, per template-backed index `m` that has at least one existing archived copy
 *   (an existing name that starts with `m` and is longer), the pair `m*`, `-m`. Templates without
 *   archives are dropped, so a fresh installation (main indices only) plans no dated part at all:
 *   e.g. fresh 8.8.15+ or 8.9 → layout parts 1, 2, 4, 6 → `_of_4`. (Camunda's pre-check compares
 *   the pattern strings with concrete names; whether its dated part then stays empty in a given
 *   patch is an open point in the facts. Dropping them also keeps every list non-empty and every
 *   pattern matching something.)
 * - A part with nothing left is skipped and the remaining parts are renumbered 1..N.
 * - Existing indices that are not in the layout (leftovers of 8.7 such as `operate-user-1.2.0_`,
 *   other applications' indices, an index of a newer schema version) are not added: Camunda backs up
 *   only the indices its descriptors name, and the product mirrors Camunda's backup content.
 */
export function planWebappsParts(input: {
  version: string;
  indexPrefix?: string;
  existingIndices: readonly string[];
}): WebappsPlan {
  const layout = webappsLayoutFor(input.version);
  const indexPrefix = input.indexPrefix ?? '';
  assertWebappsIndexPrefix(indexPrefix);
  assertIndexNames(input.existingIndices);
  const existing = new Set(input.existingIndices);
  const qualified = (name: string): string => (indexPrefix === '' ? name : `${indexPrefix}-${name}`);

  const missingRequired: string[] = [];
  const surviving: { layoutPart: number; indices: string[] }[] = [];
  layout.parts.forEach((part, position) => {
    const indices: string[] = [];
    if (part.kind === 'main') {
      for (const name of part.indices.map(qualified)) {
        if (existing.has(name)) indices.push(name);
        else missingRequired.push(name);
      }
    } else {
      for (const mainIndex of part.templates.map(qualified)) {
        if (hasArchivedCopy(mainIndex, input.existingIndices)) indices.push(`${mainIndex}*`, `-${mainIndex}`);
      }
    }
    if (indices.length > 0) surviving.push({ layoutPart: position + 1, indices });
  });

  const partCount = surviving.length;
  return {
    layout: layout.id,
    layoutLabel: layout.label,
    parts:
      missingRequired.length > 0
        ? []
        : surviving.map((part, position) => ({
            partNo: position + 1,
            partCount,
            layoutPart: part.layoutPart,
            indices: part.indices,
          })),
    missingRequired,
  };
}

/** What `m*` minus `-m` selects: an existing name that extends the main index name. */
function hasArchivedCopy(mainIndex: string, existingIndices: readonly string[]): boolean {
  return existingIndices.some((name) => name.length > mainIndex.length && name.startsWith(mainIndex));
}

// The prefix becomes part of names and patterns sent to the datastore: no wildcards, list separators,
// exclusions or upper case. Empty means "no prefix" (Camunda's default).
function assertWebappsIndexPrefix(indexPrefix: unknown): asserts indexPrefix is string {
  if (
    typeof indexPrefix !== 'string' ||
    indexPrefix.length > MAX_INDEX_PREFIX_LENGTH ||
    (indexPrefix !== '' && !/^[a-z0-9][a-z0-9._-]*$/.test(indexPrefix))
  ) {
    throw new RangeError(
      `indexPrefix must be empty or 1 to ${MAX_INDEX_PREFIX_LENGTH} characters of a-z, 0-9, ".", "_" and "-", ` +
        `starting with a letter or digit; got ${JSON.stringify(String(indexPrefix).slice(0, 40))}`,
    );
  }
}

function assertIndexNames(existingIndices: unknown): void {
  if (!Array.isArray(existingIndices) || !existingIndices.every((name) => typeof name === 'string')) {
    throw new TypeError('existingIndices must be an array of index names (strings)');
  }
}
