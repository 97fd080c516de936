import 'reflect-metadata';
import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createDatastore, datastoreConfigFromEnv } from '@app/datastore';
import { COMPONENTS } from '@app/snapshot-planning';
import { BackupCatalog } from './backup/backup-catalog.service.js';
import { BackupDeletion } from './backup/backup-deletion.service.js';
import { BackupScheduler } from './backup/backup-scheduler.service.js';
import { ComponentApiModule } from './component-api/component-api.module.js';
import { contractFor } from './component-api/contracts-by-component.js';
import { readOrchestratorConfig } from './config/orchestrator-config.js';
import { collapseSlashes } from './http/collapse-slashes.js';
import { OrchestratorAppModule } from './orchestrator-api/orchestrator-app.module.js';
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
  // The main application owns the one process-wide instance of the backup services (queues,
  // workers); each component listener is a thin application that borrows them.
  const orchestrator = await NestFactory.create(OrchestratorAppModule.forRoot(config, datastore));
  const services = {
    scheduler: orchestrator.get(BackupScheduler),
    catalog: orchestrator.get(BackupCatalog),
    deletion: orchestrator.get(BackupDeletion),
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
  await orchestrator.listen(config.orchestratorPort, config.host);
  logger.log(
    `Orchestrator API on http://${config.host}:${config.orchestratorPort}; datastore ${datastoreConfig.config.type} ${datastoreConfig.config.urls.length} node(s); Redis ${redactRedisUrl(config.redisUrl)} prefix ${config.queuePrefix}`,
  );

  installShutdown(listeners, orchestrator, () => datastore.close());
}

/** SIGTERM/SIGINT: stop accepting requests, let running backup steps finish (bounded), then exit. */
function installShutdown(
  listeners: INestApplication[],
  orchestrator: INestApplication,
  closeDatastore: () => Promise<void>,
): void {
  let shuttingDown = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.log(`${signal} received: shutting down`);
    await Promise.all(listeners.map((app) => app.close()));
    // Closing the main application closes the workers (bounded by SHUTDOWN_GRACE_MS).
    await orchestrator.close();
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
