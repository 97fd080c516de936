import type { SandboxContext } from '../context.js';
import { exists, ok } from '../http/reply.js';
import type { Router } from '../http/router.js';
import { primariesInactive, replicaCount, shardCount } from '../indices/index-store.js';
import {
  EXPAND_ALL,
  parseExpandWildcards,
  resolveTargets,
  splitExpressions,
} from '../indices/multi-target.js';
import { CLUSTER_NAME, NODE_NAME, versionOf } from './version.js';

const HEALTH_PARAMS = [
  'level',
  'local',
  'master_timeout',
  'cluster_manager_timeout',
  'timeout',
  'wait_for_active_shards',
  'wait_for_events',
  'wait_for_nodes',
  'wait_for_no_initializing_shards',
  'wait_for_no_relocating_shards',
  'wait_for_status',
  'expand_wildcards',
];

/** `GET /`, `HEAD /`, `GET /_cluster/health[/{index}]`. */
export function registerClusterRoutes(router: Router, ctx: SandboxContext, clusterUuid: () => string): void {
  router.add('GET', '/', [], () => ok(rootInfo(ctx, clusterUuid())));
  router.add('HEAD', '/', [], () => exists(true));
  router.add('GET', '/_cluster/health', HEALTH_PARAMS, (req) =>
    ok(health(ctx, undefined, req.param('expand_wildcards'))),
  );
  router.add('GET', '/_cluster/health/{index}', HEALTH_PARAMS, (req) =>
    ok(health(ctx, req.params.index, req.param('expand_wildcards'))),
  );
}

function rootInfo(ctx: SandboxContext, clusterUuid: string): Record<string, unknown> {
  const version = versionOf(ctx.config.flavor);
  if (ctx.config.flavor === 'opensearch') {
    return {
      name: NODE_NAME,
      cluster_name: CLUSTER_NAME,
      cluster_uuid: clusterUuid,
      version: {
        distribution: 'opensearch',
        number: version.number,
        build_type: 'tar',
        build_hash: 'sandbox',
        build_date: '2025-02-27T01:16:47.726162386Z',
        build_snapshot: false,
        lucene_version: version.lucene,
        minimum_wire_compatibility_version: '7.10.0',
        minimum_index_compatibility_version: '7.0.0',
      },
      tagline: 'The OpenSearch Project: https://opensearch.org/',
    };
  }
  return {
    name: NODE_NAME,
    cluster_name: CLUSTER_NAME,
    cluster_uuid: clusterUuid,
    version: {
      number: version.number,
      build_flavor: 'default',
      build_type: 'tar',
      build_hash: 'sandbox',
      build_date: '2025-08-20T10:00:00.000Z',
      build_snapshot: false,
      lucene_version: version.lucene,
      minimum_wire_compatibility_version: '7.17.0',
      minimum_index_compatibility_version: '7.0.0',
    },
    tagline: 'You Know, for Search',
  };
}

function health(ctx: SandboxContext, pattern: string | undefined, expandWildcards: string | undefined) {
  const names = resolveTargets(splitExpressions(pattern), ctx.indices.targets(), {
    ignoreUnavailable: false,
    allowNoIndices: true,
    expand: parseExpandWildcards(expandWildcards, EXPAND_ALL),
  });
  const indices = names.map((n) => ctx.indices.require(n));
  // A restoring index has its primaries initializing (recovering from the snapshot); one whose
  // restore was lost to a restart has them unassigned. Either makes the health red.
  let activePrimaries = 0;
  let initializing = 0;
  let unassigned = 0;
  let unassignedPrimaries = 0;
  for (const index of indices) {
    const primaries = shardCount(index);
    unassigned += primaries * replicaCount(index);
    if (index.restore?.state === 'running') initializing += primaries;
    else if (index.restore?.state === 'failed') {
      unassigned += primaries;
      unassignedPrimaries += primaries;
    } else activePrimaries += primaries;
  }
  const total = activePrimaries + initializing + unassigned;
  const status = indices.some(primariesInactive) ? 'red' : unassigned > 0 ? 'yellow' : 'green';
  const body: Record<string, unknown> = {
    cluster_name: CLUSTER_NAME,
    status,
    timed_out: false,
    number_of_nodes: 1,
    number_of_data_nodes: 1,
  };
  if (ctx.config.flavor === 'opensearch') {
    body.discovered_master = true;
    body.discovered_cluster_manager = true;
  }
  Object.assign(body, {
    active_primary_shards: activePrimaries,
    active_shards: activePrimaries,
    relocating_shards: 0,
    initializing_shards: initializing,
    unassigned_shards: unassigned,
  });
  if (ctx.config.flavor === 'elasticsearch') body.unassigned_primary_shards = unassignedPrimaries;
  Object.assign(body, {
    delayed_unassigned_shards: 0,
    number_of_pending_tasks: 0,
    number_of_in_flight_fetch: 0,
    task_max_waiting_in_queue_millis: 0,
    active_shards_percent_as_number: total === 0 ? 100 : (100 * activePrimaries) / total,
  });
  return body;
}
