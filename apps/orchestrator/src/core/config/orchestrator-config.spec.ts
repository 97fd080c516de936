import { isLoopbackHost, readOrchestratorConfig } from './orchestrator-config.js';

describe('readOrchestratorConfig', () => {
  it('applies the contract defaults', () => {
    // (An unprotected dashboard on the default public HOST is refused; allowed here to see the defaults.)
    const { config, problems } = readOrchestratorConfig({ DASHBOARD_ALLOW_UNAUTHENTICATED: 'true' });
    expect(problems).toEqual([]);
    expect(config!.host).toBe('0.0.0.0');
    expect(config!.orchestratorPort).toBe(9700);
    expect(config!.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config!.queuePrefix).toBe('camunda-backup');
    expect(config!.optimizeCompleteState).toBe('COMPLETE');
    expect(config!.components.optimize).toMatchObject({
      port: 8092,
      partCount: 2,
      version: '8.8.0',
      indexPrefix: 'optimize',
      enabled: true,
    });
    expect(config!.components.operate).toMatchObject({ port: 9600, partCount: 6, indexPrefix: 'operate' });
    expect(config!.components.tasklist).toMatchObject({ port: 9620, partCount: 6, indexPrefix: 'tasklist' });
    expect(config!.components.operate.repository).toBeUndefined();
  });

  it('lets per-component variables override the shared ones', () => {
    const { config } = readOrchestratorConfig({
      HOST: '127.0.0.1',
      BACKUP_REPOSITORY_NAME: 'shared',
      TASKLIST_BACKUP_REPOSITORY_NAME: 'own',
      CAMUNDA_VERSION: '8.7.2',
      OPTIMIZE_VERSION: '8.7.1',
      OPERATE_INDEX_PREFIX: 'prod-operate',
      OPTIMIZE_COMPLETE_STATE: 'COMPLETED',
    });
    expect(config!.components.operate.repository).toBe('shared');
    expect(config!.components.tasklist.repository).toBe('own');
    expect(config!.components.operate.version).toBe('8.7.2');
    expect(config!.components.optimize.version).toBe('8.7.1');
    expect(config!.components.operate.indexPrefix).toBe('prod-operate');
    expect(config!.optimizeCompleteState).toBe('COMPLETED');
  });

  it('reports every problem, each naming its variable, and returns no config', () => {
    const { config, problems } = readOrchestratorConfig({
      HOST: '127.0.0.1',
      OPERATE_PORT: '70000',
      OPTIMIZE_ENABLED: 'yes',
      CAMUNDA_VERSION: '8_8',
      REDIS_URL: 'http://localhost',
      QUEUE_PREFIX: 'a:b',
      BACKUP_REPOSITORY_NAME: 'a*b',
      OPTIMIZE_COMPLETE_STATE: 'DONE',
      BACKUP_SNAPSHOT_TIMEOUT_MS: '-5',
    });
    expect(config).toBeUndefined();
    const variables = problems.map((problem) => problem.split(':')[0]);
    expect(variables).toEqual(
      expect.arrayContaining([
        'OPERATE_PORT',
        'OPTIMIZE_ENABLED',
        'CAMUNDA_VERSION',
        'REDIS_URL',
        'QUEUE_PREFIX',
        'BACKUP_REPOSITORY_NAME',
        'OPTIMIZE_COMPLETE_STATE',
        'BACKUP_SNAPSHOT_TIMEOUT_MS',
      ]),
    );
  });

  it('refuses a public unprotected dashboard unless allowed', () => {
    expect(readOrchestratorConfig({ HOST: '0.0.0.0' }).problems[0]).toMatch(
      /^DASHBOARD_USERNAME, DASHBOARD_PASSWORD: /,
    );
    expect(readOrchestratorConfig({ HOST: '127.0.0.1' }).problems).toEqual([]);
    expect(
      readOrchestratorConfig({ HOST: '0.0.0.0', DASHBOARD_ALLOW_UNAUTHENTICATED: 'true' }).problems,
    ).toEqual([]);
    expect(
      readOrchestratorConfig({ HOST: '0.0.0.0', DASHBOARD_USERNAME: 'a', DASHBOARD_PASSWORD: 'b' }).problems,
    ).toEqual([]);
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', 'example.org'].some(isLoopbackHost)).toBe(false);
  });

  it('refuses two enabled listeners on one port, but not a disabled one', () => {
    expect(readOrchestratorConfig({ HOST: '127.0.0.1', OPERATE_PORT: '9620' }).problems[0]).toMatch(
      /distinct ports/,
    );
    expect(
      readOrchestratorConfig({ HOST: '127.0.0.1', OPERATE_PORT: '9620', TASKLIST_ENABLED: 'false' }).problems,
    ).toEqual([]);
  });
});
