import 'reflect-metadata';
import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SNAPSHOT_COMPONENTS } from '@app/snapshot-planning';
import { BackupAcceptance } from './backup/backup-acceptance.service.js';
import { BackupCatalog } from './backup/backup-catalog.service.js';
import { BackupDeletion } from './backup/backup-deletion.service.js';
import { ComponentApiModule } from './component-api/component-api.module.js';
import { contractFor } from './component-api/contracts-by-component.js';
import { helpText } from './core/config/configuration-variables.js';
import { readOrchestratorConfig } from './core/config/orchestrator-config.js';
import { collapseSlashes } from './core/http/collapse-slashes.js';
import { applyExpressSettings } from './core/http/express-settings.js';
import { describeRedis } from './core/redis/redis-connections.js';
import { OrchestratorAppModule } from './orchestrator-app.module.js';
import { managementAuth } from './ops/auth/management-auth.middleware.js';
import { BackupHealthIndicators } from './ops/health/backup-health-indicators.js';
import { HealthModule } from './ops/health/health.module.js';
import { createAppLogger } from './ops/logging/app-logger.js';
import { LoggingModule } from './ops/logging/logging.module.js';
import { loggerParams } from './ops/logging/logger-params.js';
import { httpMetrics } from './ops/metrics/http-metrics.middleware.js';
import { type ComponentDocument, setUpApiDocs } from './ops/openapi/api-docs.js';
import { componentApiDocument } from './ops/openapi/component-api-document.js';

const logger = new Logger('Daemon');

/**
 * One process, several listeners: the main application (ORCHESTRATOR_PORT) owns every service; each
 * component gets a Nest application of its own on its own port, because Camunda's API is per port
 * (the same paths, `/actuator/backups`, answer for a different component on each) and each port has
 * its own contract (statuses, error bodies). Those listener applications are thin: they borrow the
 * main application's backup services (`BackupServices`), so queues and workers exist once.
 */
async function bootstrap(): Promise<void> {
  if (process.argv.includes('--help')) {
    process.stdout.write(helpText());
    process.exit(0);
  }
  const { config, problems } = readOrchestratorConfig(process.env);
  // One JSON logger for the whole process, from here on (configuration errors included).
  const logParams = loggerParams(config?.logLevel ?? 'info');
  const appLogger = createAppLogger(logParams);
  Logger.overrideLogger(appLogger);
  if (!config) {
    for (const problem of problems) logger.error(`Invalid configuration: ${problem}`);
    process.exit(2);
  }

  logger.log(
    `Camunda topology ${config.topology} (CAMUNDA_TOPOLOGY), version ${config.components.webapps.version}`,
  );
  if (config.ignoredVariables.length > 0) {
    logger.log(
      `Ignored under CAMUNDA_TOPOLOGY=${config.topology} (they belong to the other topology): ${config.ignoredVariables.join(', ')}`,
    );
  }
  const orchestrator = await NestFactory.create(OrchestratorAppModule.forRoot(config, logParams), {
    logger: appLogger,
    bodyParser: false,
  });
  applyExpressSettings(orchestrator);
  orchestrator.use(httpMetrics('orchestrator'), managementAuth(config.managementAuth));
  const healthIndicators = orchestrator.get(BackupHealthIndicators);
  const services = {
    acceptance: orchestrator.get(BackupAcceptance),
    catalog: orchestrator.get(BackupCatalog),
    deletion: orchestrator.get(BackupDeletion),
  };

  const listeners: INestApplication[] = [];
  const componentDocuments: ComponentDocument[] = [];
  for (const name of SNAPSHOT_COMPONENTS) {
    const settings = config.components[name];
    if (!settings.enabled) continue;
    const contract = contractFor(name, config);
    const app = await NestFactory.create(
      ComponentApiModule.forComponent(
        settings,
        contract,
        services,
        [LoggingModule.forRoot(logParams), HealthModule.forListener(healthIndicators, [name])],
        name === 'webapps'
          ? {
              url: config.coordination.zeebeManagementUrl,
              timeoutMs: config.coordination.zeebeRequestTimeoutMs,
            }
          : undefined,
      ),
      { bodyParser: false, logger: appLogger },
    );
    applyExpressSettings(app);
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
      `${name} Backup Management API on http://${config.host}:${settings.port}/${contract.path} (repository: ${settings.repository ?? 'not configured'})`,
    );
  }
  setUpApiDocs(
    orchestrator,
    `http://${displayHost(config.host)}:${config.orchestratorPort}`,
    componentDocuments,
  );
  await orchestrator.listen(config.orchestratorPort, config.host);
  logger.log(
    `Orchestrator API on http://${config.host}:${config.orchestratorPort}; datastore ${config.datastore.type} ${config.datastore.urls.length} node(s); Redis ${describeRedis(config)} prefix ${config.queuePrefix}`,
  );

  installShutdown(listeners, orchestrator, config.shutdownGraceMs);
}

/** An address for URLs in documents: a wildcard bind is reached through localhost. */
function displayHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? 'localhost' : host;
}

/**
 * SIGTERM/SIGINT: stop accepting requests, let running job steps finish (bounded by
 * SHUTDOWN_GRACE_MS), then exit — within the grace plus a margin whatever Redis or the datastore do.
 */
function installShutdown(
  listeners: INestApplication[],
  orchestrator: INestApplication,
  graceMs: number,
): void {
  let shuttingDown = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.log(`${signal} received: shutting down`);
    // The workers get most of the grace; whatever still hangs then (Redis or the datastore gone) is
    // cut off: a job cut off is resumed by a daemon once its lock expires.
    setTimeout(() => {
      logger.warn(`Shutdown not done ${graceMs} ms after ${signal} (SHUTDOWN_GRACE_MS): exiting anyway`);
      process.exit(0);
    }, graceMs).unref();
    await Promise.all(listeners.map((app) => app.close()));
    // Closing the main application closes the workers (bounded by SHUTDOWN_GRACE_MS) and the datastore.
    await orchestrator.close();
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
