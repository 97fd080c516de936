import 'reflect-metadata';
import { type INestApplication, type INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createDatastore, datastoreConfigFromEnv } from '@app/datastore';
import { COMPONENTS } from '@app/snapshot-planning';
import { BackupCatalog } from './backup/backup-catalog.service.js';
import { BackupDeletion } from './backup/backup-deletion.service.js';
import { BackupModule } from './backup/backup.module.js';
import { BackupScheduler } from './backup/backup-scheduler.service.js';
import { ComponentApiModule } from './component-api/component-api.module.js';
import { contractFor } from './component-api/contracts-by-component.js';
import { readOrchestratorConfig } from './config/orchestrator-config.js';
import { collapseSlashes } from './http/collapse-slashes.js';
import { OrchestratorApiModule } from './orchestrator-api/orchestrator-api.module.js';
import { redactRedisUrl } from './redis/redis-connection.js';

const logger = new Logger('Daemon');

async function bootstrap(): Promise<void> {
  const { config, problems } = readOrchestratorConfig(process.env);
  const datastoreConfig = datastoreConfigFromEnv(process.env);
  const allProblems = [...problems, ...(datastoreConfig.ok ? [] : datastoreConfig.problems)];
  if (!config || !datastoreConfig.ok || allProblems.length > 0) {
    for (const problem of allProblems) logger.error(`Invalid configuration: ${problem}`);
    process.exit(2);
  }

  const datastore = createDatastore(datastoreConfig.config);
  // One process-wide instance of the backup services (queues, workers), shared by every listener.
  const core = await NestFactory.createApplicationContext(BackupModule.forRoot(config, datastore));
  const services = {
    scheduler: core.get(BackupScheduler),
    catalog: core.get(BackupCatalog),
    deletion: core.get(BackupDeletion),
  };

  const listeners: INestApplication[] = [];
  for (const name of COMPONENTS) {
    const settings = config.components[name];
    if (!settings.enabled) continue;
    const app = await NestFactory.create(
      ComponentApiModule.forComponent(settings, contractFor(name, config), services),
      { bodyParser: false },
    );
    app.use(collapseSlashes);
    await app.listen(settings.port, config.host);
    listeners.push(app);
    logger.log(
      `${name} Backup Management API on http://${config.host}:${settings.port}/actuator/backups (repository: ${settings.repository ?? 'not configured'})`,
    );
  }
  const orchestrator = await NestFactory.create(OrchestratorApiModule.forRoot(config));
  await orchestrator.listen(config.orchestratorPort, config.host);
  listeners.push(orchestrator);
  logger.log(
    `Orchestrator API on http://${config.host}:${config.orchestratorPort}; datastore ${datastoreConfig.config.type} ${datastoreConfig.config.urls.length} node(s); Redis ${redactRedisUrl(config.redisUrl)} prefix ${config.queuePrefix}`,
  );

  installShutdown(listeners, core, () => datastore.close());
}

/** SIGTERM/SIGINT: stop accepting requests, let running backup steps finish (bounded), then exit. */
function installShutdown(
  listeners: INestApplication[],
  core: INestApplicationContext,
  closeDatastore: () => Promise<void>,
): void {
  let shuttingDown = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.log(`${signal} received: shutting down`);
    await Promise.all(listeners.map((app) => app.close()));
    await core.close();
    await closeDatastore();
    logger.log('Stopped');
    process.exit(0);
  };
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));
}

bootstrap().catch((error: Error) => {
  logger.error(`Start-up failed: ${error.message}`, error.stack);
  process.exit(1);
});
