import { Logger, type Params, PinoLogger } from 'nestjs-pino';

/**
 * The Nest LoggerService over the process's pino logger: given to every Nest app at creation
 * (NestFactory.create's `logger`), so `new Logger(...)` anywhere in the process writes JSON.
 */
export function createAppLogger(params: Params): Logger {
  return new Logger(new PinoLogger(params), params);
}
