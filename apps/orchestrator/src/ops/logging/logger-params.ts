import type { Params } from 'nestjs-pino';
import { destination, stdTimeFunctions } from 'pino';
import type { LogLevel } from '../../core/config/orchestrator-config.js';
import { backupLogFieldsOf } from './backup-log-fields.js';

/** Never written: credentials of callers (management API, dashboard) and of the datastore. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'apiKey',
  '*.apiKey',
];

/**
 * A request line's level: a refused request (4xx) is the caller's business and an everyday event,
 * info; only a failure of the daemon or what it depends on (5xx, or an error) is an error.
 */
export function requestLogLevel(statusCode: number, error?: Error): 'info' | 'error' {
  return error || statusCode >= 500 ? 'error' : 'info';
}

/** What a request line says of the request and response: no headers (they carry credentials and noise). */
export const REQUEST_SERIALIZERS = {
  req: (request: { id?: unknown; method?: string; url?: string; remoteAddress?: string }) => ({
    id: request.id,
    method: request.method,
    url: request.url,
    remoteAddress: request.remoteAddress,
  }),
  res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
};

/** Probes and scrapes are frequent and say nothing: not logged as requests. */
const QUIET_PATHS = /^\/+actuator\/(health|prometheus)/;

/**
 * Where the lines go: stdout, written asynchronously. pino's default writes synchronously, and when
 * stdout is a full pipe (a log collector falling behind) it sleeps 100 ms per attempt, blocking every
 * request and job of the process. Lines still buffered are written on exit (pino flushes its
 * asynchronous destinations then); beyond 64 MiB waiting, further lines are dropped rather than kept.
 */
const STDOUT_BUFFER_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * The one JSON logger of the process (nestjs-pino keeps a single pino-http instance, so every Nest app
 * given these parameters writes through the same logger). Lines naming a snapshot part get the
 * backup fields (component, backupId, partNo, partCount, snapshot) unless they carry them already.
 */
export function loggerParams(level: LogLevel): Params {
  const stdout = destination({ dest: 1, sync: false, maxLength: STDOUT_BUFFER_LIMIT_BYTES });
  return {
    pinoHttp: [
      {
        level,
        base: { service: 'camunda-backup-orchestrator' },
        timestamp: stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
        autoLogging: { ignore: (request) => QUIET_PATHS.test(request.url ?? '') },
        customLogLevel: (_request, response, error) => requestLogLevel(response.statusCode, error),
        serializers: REQUEST_SERIALIZERS,
        hooks: {
          logMethod(args, method) {
            const [first, second] = args as unknown[];
            const fields =
              typeof first === 'string'
                ? backupLogFieldsOf(first)
                : typeof second === 'string' &&
                    typeof first === 'object' &&
                    first !== null &&
                    !('backupId' in first)
                  ? backupLogFieldsOf(second)
                  : undefined;
            if (!fields) return method.apply(this, args);
            if (typeof first === 'string') {
              return method.apply(this, [fields, ...args] as unknown as Parameters<typeof method>);
            }
            return method.apply(this, [
              { ...fields, ...(first as object) },
              ...args.slice(1),
            ] as unknown as Parameters<typeof method>);
          },
        },
      },
      stdout,
    ],
  };
}
