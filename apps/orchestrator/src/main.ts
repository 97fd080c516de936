import 'reflect-metadata';
import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createDatastore, datastoreConfigFromEnv } from '@app/datastore';
import { COMPONENTS } from '@app/snapshot-planning';
import { managementAuth } from './auth/management-auth.middleware.js';
import { BackupCatalog } from './backup/backup-catalog.service.js';
import { BackupDeletion } from './backup/backup-deletion.service.js';
import { BackupScheduler } from './backup/backup-scheduler.service.js';
import { ComponentApiModule } from './component-api/component-api.module.js';
import { contractFor } from './component-api/contracts-by-component.js';
import { helpText } from './config/configuration-variables.js';
import { readOrchestratorConfig } from './config/orchestrator-config.js';
import { dashboardExposureProblem } from './dashboard/dashboard-exposure.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { BackupHealthIndicators } from './health/backup-health-indicators.js';
import { HealthModule } from './health/health.module.js';
import { collapseSlashes } from './http/collapse-slashes.js';
import { hideFramework } from './http/hide-framework.js';
import { createAppLogger } from './logging/app-logger.js';
import { LoggingModule } from './logging/logging.module.js';
import { loggerParams } from './logging/logger-params.js';
import { datastoreErrorsCounter } from './metrics/datastore-errors.counter.js';
import { httpMetrics } from './metrics/http-metrics.middleware.js';
import { InstrumentedDatastore } from './metrics/instrumented-datastore.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { type ComponentDocument, setUpApiDocs } from './openapi/api-docs.js';
import { componentApiDocument } from './openapi/component-api-document.js';
import { OrchestratorAppModule } from './orchestrator-api/orchestrator-app.module.js';
import { redactRedisUrl } from './redis/redis-connection.js';

const logger = new Logger('Daemon');

async function bootstrap(): Promise<void> {
  if (process.argv.includes('--help')) {
    process.stdout.write(helpText());
    process.exit(0);
  }
  const { config, problems } = readOrchestratorConfig(process.env);
  const datastoreConfig = datastoreConfigFromEnv(process.env);
  // One JSON logger for the whole process, from here on (configuration errors included).
  const logParams = loggerParams(config?.logLevel ?? 'info');
  const appLogger = createAppLogger(logParams);
  Logger.overrideLogger(appLogger);
  const exposureProblem = config && dashboardExposureProblem(config);
  const allProblems = [
    ...problems,
    ...(datastoreConfig.ok ? [] : datastoreConfig.problems),
    ...(exposureProblem ? [exposureProblem] : []),
  ];
  if (!config || !datastoreConfig.ok || allProblems.length > 0) {
    for (const problem of allProblems) logger.error(`Invalid configuration: ${problem}`);
    process.exit(2);
  }

  const datastore = new InstrumentedDatastore(
    createDatastore(datastoreConfig.config),
    datastoreErrorsCounter(),
  );
  const enabled = COMPONENTS.filter((name) => config.components[name].enabled);
  // The main application owns the one process-wide instance of the backup services (queues,
  // workers); each component listener is a thin application that borrows them.
  const orchestrator = await NestFactory.create(
    OrchestratorAppModule.forRoot(config, datastore, [
      LoggingModule.forRoot(logParams),
      HealthModule.forOrchestrator(config, datastore, enabled),
      MetricsModule,
      DashboardModule.forRoot(config.dashboard),
    ]),
    { logger: appLogger },
  );
  hideFramework(orchestrator);
  orchestrator.use(httpMetrics('orchestrator'), managementAuth(config.managementAuth));
  const healthIndicators = orchestrator.get(BackupHealthIndicators);
  const services = {
    scheduler: orchestrator.get(BackupScheduler),
    catalog: orchestrator.get(BackupCatalog),
    deletion: orchestrator.get(BackupDeletion),
  };

  const listeners: INestApplication[] = [];
  const componentDocuments: ComponentDocument[] = [];
  for (const name of COMPONENTS) {
    const settings = config.components[name];
    if (!settings.enabled) continue;
    const contract = contractFor(name, config);
    const app = await NestFactory.create(
      ComponentApiModule.forComponent(settings, contract, services, [
        LoggingModule.forRoot(logParams),
        HealthModule.forListener(healthIndicators, [name]),
      ]),
      { bodyParser: false, logger: appLogger },
    );
    hideFramework(app);
    app.use(collapseSlashes, httpMetrics(name), managementAuth(config.managementAuth));
    componentDocuments.push({
      component: name,
      document: componentApiDocument(
        name,
        app,
        contract,
        `http://${displayHost(config.host)}:${settings.port}`,
      ),
    });
    await app.listen(settings.port, config.host);
    listeners.push(app);
    logger.log(
      `${name} Backup Management API on http://${config.host}:${settings.port}/actuator/backups (repository: ${settings.repository ?? 'not configured'})`,
    );
  }
  setUpApiDocs(
    orchestrator,
    `http://${displayHost(config.host)}:${config.orchestratorPort}`,
    componentDocuments,
  );
  await orchestrator.listen(config.orchestratorPort, config.host);
  logger.log(
    `Orchestrator API on http://${config.host}:${config.orchestratorPort}; datastore ${datastoreConfig.config.type} ${datastoreConfig.config.urls.length} node(s); Redis ${redactRedisUrl(config.redisUrl)} prefix ${config.queuePrefix}`,
  );

  installShutdown(listeners, orchestrator, () => datastore.close());
}

/** An address for URLs in documents: a wildcard bind is reached through localhost. */
function displayHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? 'localhost' : host;
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
