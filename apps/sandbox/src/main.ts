import { mkdirSync } from 'node:fs';
import { createSandbox } from './app.js';
import { ConfigError, loadConfig } from './config.js';

function main(): void {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[sandbox] invalid configuration: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const server = createSandbox(config);
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
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main();
