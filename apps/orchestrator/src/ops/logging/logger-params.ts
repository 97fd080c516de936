import type { Params } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';
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

/** Probes and scrapes are frequent and say nothing: not logged as requests. */
const QUIET_PATHS = /^\/+actuator\/(health|prometheus)/;

/**
 * The one JSON logger of the process (nestjs-pino keeps a single pino-http instance, so every Nest app
 * given these parameters writes through the same logger). Lines naming a snapshot part get the
 * backup fields (component, backupId, partNo, partCount, snapshot) unless they carry them already.
 */
export function loggerParams(level: LogLevel): Params {
  return {
    pinoHttp: {
      level,
      base: { service: 'camunda-backup-orchestrator' },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      autoLogging: { ignore: (request) => QUIET_PATHS.test(request.url ?? '') },
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
  };
}
