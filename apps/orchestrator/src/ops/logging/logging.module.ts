import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule, type Params } from 'nestjs-pino';
import { BackupModule } from '../../backup/backup.module.js';
import { OutcomeLogObserver } from './outcome-log.observer.js';

/** Request logging (pino-http) on a listener, through the process's one pino logger. */
@Module({})
export class LoggingModule {
  static forRoot(params: Params): DynamicModule {
    return { module: LoggingModule, imports: [LoggerModule.forRoot(params)] };
  }

  /** The main application's: request logging plus one final line per backup and restore. */
  static forOrchestrator(params: Params): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot(params), BackupModule],
      providers: [OutcomeLogObserver],
    };
  }
}
