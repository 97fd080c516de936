import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, SECRET_VARIABLES, daemonVariables, numericDefault } from './daemon-variables.js';

// docker-compose.yml and the Dockerfile, checked by reading them: no Docker engine runs where this suite runs.
const composeText = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(composeText);
const services: Record<string, any> = compose.services;
const DAEMONS = ['daemon', 'daemon-opensearch'];

function containerPort(mapping: string): number {
  const match = /^(?:\d+:)?(\d+)$/.exec(mapping);
  if (!match) throw new Error(`unexpected port mapping ${mapping}`);
  return Number(match[1]);
}

describe('docker-compose.yml', () => {
  const variables = daemonVariables();

  it('defines the services the README starts', () => {
    expect(Object.keys(services).sort()).toEqual([
      'daemon',
      'daemon-opensearch',
      'elasticsearch',
      'opensearch',
      'redis',
    ]);
    expect(services.opensearch.profiles).toEqual(['opensearch']);
    expect(services['daemon-opensearch'].profiles).toEqual(['opensearch']);
  });

  it('needs no variable to start: no ${VAR:?…} (compose checks those across the whole file)', () => {
    expect(composeText).not.toMatch(/\$\{[^}]*:?\?/);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    // The one credential that matters is documented next to the command that needs it.
    const documented = /DASHBOARD_PASSWORD=\S+ docker compose up -d elasticsearch redis daemon/;
    expect(documented.test(readme), `README.md must show ${documented}`).toBe(true);
    expect(composeText).toMatch(/DASHBOARD_PASSWORD=\S+ docker compose up -d elasticsearch redis daemon/);
  });

  it.each(DAEMONS)('%s is given only variables the daemon reads, secrets only from the shell', (name) => {
    const environment: Record<string, unknown> = services[name].environment;
    for (const key of Object.keys(environment)) {
      expect(variables.has(key), `${key} is not a daemon variable`).toBe(true);
    }
    for (const secret of SECRET_VARIABLES.filter((key) => key !== 'REDIS_URL')) {
      if (secret in environment)
        expect(environment[secret], `${secret} must be passed through, not written here`).toBeNull();
    }
    expect(environment.DASHBOARD_USERNAME).toBeTruthy();
    expect(environment).toHaveProperty('DASHBOARD_PASSWORD', null);
  });

  it.each(DAEMONS)('%s reaches its datastore and Redis by service name, after they are healthy', (name) => {
    const daemon = services[name];
    const datastore = new URL(daemon.environment.DATASTORE_URL);
    const redis = new URL(daemon.environment.REDIS_URL);
    expect(daemon.environment.DATASTORE_TYPE).toBe(datastore.hostname);
    expect(Object.keys(services)).toContain(datastore.hostname);
    expect(redis.hostname).toBe('redis');
    expect(services[datastore.hostname].ports.map(containerPort)).toContain(Number(datastore.port));
    expect(daemon.depends_on).toEqual({
      [datastore.hostname]: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
  });

  it('every service has a health check; the daemons check readiness on the orchestrator port', () => {
    for (const [name, service] of Object.entries(services)) {
      expect(service.healthcheck?.test?.[0], `${name} healthcheck`).toBe('CMD');
    }
    const orchestratorPort = numericDefault(variables, 'ORCHESTRATOR_PORT');
    for (const name of DAEMONS) {
      expect(services[name].healthcheck.test.join(' ')).toContain(
        `http://127.0.0.1:${orchestratorPort}/actuator/health/readiness`,
      );
    }
    expect(services.redis.healthcheck.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it("publishes the daemon's default ports, and no host port twice", () => {
    const daemonPorts = ['OPTIMIZE_PORT', 'OPERATE_PORT', 'TASKLIST_PORT', 'ORCHESTRATOR_PORT'].map((name) =>
      numericDefault(variables, name),
    );
    for (const name of DAEMONS) {
      expect(services[name].ports.map(containerPort).sort()).toEqual([...daemonPorts].sort());
    }
    const hostPorts = Object.values(services).flatMap((service) =>
      service.ports.map((p: string) => p.split(':')[0]),
    );
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });

  it('Redis keeps accepted backups (AOF) and never evicts BullMQ keys', () => {
    expect(services.redis.command).toEqual([
      'redis-server',
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
    ]);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

  it('builds the daemon and the CLI, and puts camunda-backup on the PATH', () => {
    expect(dockerfile).toMatch(/nest build orchestrator/);
    expect(dockerfile).toMatch(/nest build cli/);
    const launcher: string = packageJson.bin['camunda-backup'];
    expect(dockerfile).toContain(
      `COPY --from=build /app/${launcher.split('/')[0]} ./${launcher.split('/')[0]}`,
    );
    expect(dockerfile).toContain(`RUN ln -s /app/${launcher} /usr/local/bin/camunda-backup`);
    const mode = execFileSync('git', ['ls-files', '-s', launcher], { cwd: ROOT, encoding: 'utf8' }).split(
      ' ',
    )[0];
    expect(mode, `${launcher} must be executable in git`).toBe('100755');
    expect(readFileSync(join(ROOT, launcher), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it('runs as a non-root user and starts the built daemon', () => {
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain('dist/apps/orchestrator/apps/orchestrator/src/main.js');
  });

  it('sends no local build output, dependencies or installed Node into the build context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['node_modules', 'dist', '.node', '.git']) expect(ignored).toContain(entry);
  });
});
