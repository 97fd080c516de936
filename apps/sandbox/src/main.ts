import { mkdirSync } from 'node:fs';
import { createSandbox } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { RequestLog } from './faults/request-log.js';
import { loadZeebeConfig } from './zeebe/zeebe-config.js';
import { createZeebeStandIn } from './zeebe/zeebe-server.js';

function main(): void {
  let config;
  let zeebeConfig;
  try {
    config = loadConfig();
    zeebeConfig = loadZeebeConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[sandbox] invalid configuration: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const requestLog = new RequestLog();
  const server = createSandbox(config, requestLog);
  const zeebe = zeebeConfig ? createZeebeStandIn(zeebeConfig, requestLog) : undefined;
  if (zeebe && zeebeConfig) {
    zeebe.on('error', (error) => {
      console.error(`[sandbox] Zeebe stand-in cannot listen on port ${zeebeConfig.port}: ${error.message}`);
      process.exit(1);
    });
    zeebe.listen(zeebeConfig.port, zeebeConfig.host, () => {
      console.log(
        `[sandbox] Zeebe stand-in on http://${zeebeConfig.host}:${zeebeConfig.port} partitions=${zeebeConfig.partitions} version=${zeebeConfig.version}${zeebeConfig.continuousBackups ? ' continuous-backups' : ''}`,
      );
    });
  }
  server.on('error', (error) => {
    console.error(`[sandbox] cannot listen on ${config.host}:${config.port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(config.port, config.host, () => {
    console.log(
      `[sandbox] listening on http://${config.host}:${config.port} flavor=${config.flavor} data=${config.dataDir} path.repo=${config.repoRoots.join(',')}`,
    );
  });
  const shutdown = (signal: string) => {
    console.log(`[sandbox] ${signal} received, closing`);
    zeebe?.close();
    zeebe?.closeAllConnections();
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main();
