import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule, type Params } from 'nestjs-pino';

/** Request logging (pino-http) on a listener, through the process's one pino logger. */
@Module({})
export class LoggingModule {
  static forRoot(params: Params): DynamicModule {
    return { module: LoggingModule, imports: [LoggerModule.forRoot(params)] };
  }
}
