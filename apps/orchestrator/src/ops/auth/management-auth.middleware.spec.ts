import express from 'express';
import request from 'supertest';
import { managementAuth } from './management-auth.middleware.js';

function appWith(settings: Parameters<typeof managementAuth>[0]): express.Express {
  const app = express();
  app.use(managementAuth(settings));
  app.get('/{*path}', (_req, res) => {
    res.json({ ok: true });
  });
  return app;
}

async function status(app: express.Express, path: string, authorization?: string): Promise<number> {
  const call = request(app).get(path);
  return (await (authorization ? call.set('authorization', authorization) : call)).status;
}

const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('managementAuth', () => {
  it('lets everything through when no credentials are configured', async () => {
    expect(await status(appWith({}), '/actuator/backups')).toBe(200);
  });

  it('requires the bearer token or the basic credentials, except for probes and the dashboard pages', async () => {
    const app = appWith({ token: 's3cret', username: 'ops', password: 'pw' });
    const refused = await request(app).get('/actuator/backups');
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer realm="management", Basic realm="management"');
    expect(await status(app, '/', 'Bearer wrong')).toBe(401);
    expect(await status(app, '/', 'Bearer s3cret')).toBe(200);
    expect(await status(app, '/', basic('ops', 'pw'))).toBe(200);
    expect(await status(app, '/', basic('ops', 'no'))).toBe(401);
    expect(await status(app, '/', 'Basic bm9jb2xvbg==')).toBe(401);
    expect(await status(app, '/actuator/health')).toBe(401);
    expect(await status(app, '/actuator/health/liveness')).toBe(200);
    expect(await status(app, '/actuator/health/readiness')).toBe(200);
    expect(await status(app, '/queues/static/x.js')).toBe(200);
    expect(await status(app, '/queuesX')).toBe(401);
    expect(await status(app, '/backups')).toBe(200);
    expect(await status(app, '/backups/')).toBe(200);
    expect(await status(app, '/backups/7')).toBe(401);
    expect(await status(app, '/backupsX')).toBe(401);
  });

  it('accepts only the configured scheme', async () => {
    expect(await status(appWith({ token: 't' }), '/', basic('ops', 'pw'))).toBe(401);
  });
});
