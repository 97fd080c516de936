import { DatastoreError, type SnapshotDatastore } from '@app/datastore';
import type { ComponentSettings } from '../core/config/orchestrator-config.js';
import { DomainError } from '../core/errors/domain-error.js';

/** The component's snapshot repository, or the contract's "not configured" error naming the variables. */
export function requireRepository(component: ComponentSettings): string {
  if (component.repository) return component.repository;
  const upper = component.name.toUpperCase();
  throw new DomainError(
    'repository_not_configured',
    `No backup repository configured for ${component.name}: set BACKUP_REPOSITORY_NAME or ${upper}_BACKUP_REPOSITORY_NAME.`,
  );
}

/** Turns the datastore's "repository missing" into the API's error; other errors pass unchanged. */
export function translateRepositoryMissing(error: unknown, repository: string): unknown {
  if (error instanceof DatastoreError && error.kind === 'repository_missing') {
    return new DomainError(
      'repository_missing',
      `No repository with name [${repository}] could be found in the datastore. Register it with PUT _snapshot/${repository} first.`,
    );
  }
  return error;
}

/** The repository exists in the datastore, or the API's "repository missing" error. */
export async function assertRepositoryPresent(
  datastore: SnapshotDatastore,
  repository: string,
): Promise<void> {
  try {
    await datastore.assertRepositoryExists(repository);
  } catch (error) {
    throw translateRepositoryMissing(error, repository);
  }
}
