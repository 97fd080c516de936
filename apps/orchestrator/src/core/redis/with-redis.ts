import { DomainError } from '../errors/domain-error.js';

/** How long a Redis operation may take before the caller is told Redis is unavailable. */
export const REDIS_OPERATION_TIMEOUT_MS = 3000;

/**
 * Runs a Redis operation (BullMQ or a command client) for a caller that must not hang: no answer
 * within REDIS_OPERATION_TIMEOUT_MS, or a connection error, becomes a `queue_unavailable`
 * DomainError naming the operation (503 on every API; retried in place inside jobs).
 */
export async function withRedis<T>(operation: string, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${REDIS_OPERATION_TIMEOUT_MS} ms`)),
      REDIS_OPERATION_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([work(), timeout]);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError(
      'queue_unavailable',
      `Redis is unavailable while ${operation}: ${(error as Error).message}. Retry when Redis is back.`,
    );
  } finally {
    clearTimeout(timer);
  }
}
