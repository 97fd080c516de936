/**
 * What the seeds promise per component (seed 000 for Optimize, seed 004 for Operate and Tasklist,
 * product contract §4), written down independently of the daemon's own contract table.
 */
export type Component = 'optimize' | 'operate' | 'tasklist';

export interface ComponentExpectations {
  parts: number;
  createdStatus: number;
  createdBody(backupId: string, names: string[]): unknown;
  duplicateStatus: number;
  completeState: string;
  deleteUnknownStatus: number;
  repositoryProblemStatus: number;
  fieldOrder: string[];
  includeGlobalState: boolean;
  /** Optimize error bodies carry errorCode/errorMessage/detailedMessage besides message. */
  errorCodes?: Record<number, string>;
}

const operateTasklist: Omit<ComponentExpectations, 'parts'> = {
  createdStatus: 200,
  createdBody: (_id, names) => ({ scheduledSnapshots: names }),
  duplicateStatus: 400,
  completeState: 'COMPLETED',
  deleteUnknownStatus: 404,
  repositoryProblemStatus: 404,
  fieldOrder: ['backupId', 'state', 'failureReason', 'details'],
  includeGlobalState: true,
};

export const EXPECTATIONS: Record<Component, ComponentExpectations> = {
  optimize: {
    parts: 2,
    createdStatus: 202,
    createdBody: (id) => ({
      message: `Backup creation for ID ${id} has been scheduled. Use the GET API to monitor completion of backup process`,
    }),
    duplicateStatus: 409,
    completeState: 'COMPLETE',
    deleteUnknownStatus: 204,
    repositoryProblemStatus: 400,
    fieldOrder: ['backupId', 'failureReason', 'state', 'details'],
    includeGlobalState: false,
    errorCodes: {
      400: 'badRequestError',
      404: 'notFoundError',
      409: 'conflict',
      502: 'elasticsearchConnectionError',
    },
  },
  operate: { parts: 6, ...operateTasklist },
  tasklist: { parts: 6, ...operateTasklist },
};

export function partNames(component: Component, backupId: string, version = '8.8.0'): string[] {
  const parts = EXPECTATIONS[component].parts;
  return Array.from(
    { length: parts },
    (_, i) => `camunda_${component}_${backupId}_${version}_part_${i + 1}_of_${parts}`,
  );
}

/** `2024-11-09T10:11:36.978+0000` */
export const SEED_START_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;
