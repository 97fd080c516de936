// A small closed-loop HTTP load generator: `connections` clients, each sending its next request when
// the previous answer arrived, for `durationMs`. Loopback only; bounded in time.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { summarize } from './stats.mjs';

function get(agent, url, timeoutMs) {
  return new Promise((resolve) => {
    const req = request(url, { agent, method: 'GET', timeout: timeoutMs }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', (error) => resolve({ status: 0, error }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ status: 0, error }));
    req.end();
  });
}

/** `nextUrl()` gives each request's URL. Returns throughput, latency summary and error counts. */
export async function runLoad({
  nextUrl,
  connections = 200,
  durationMs = 30_000,
  timeoutMs = 10_000,
  rampMs = 1000,
}) {
  for (const url of [nextUrl()]) {
    const host = new URL(url).hostname;
    if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1')
      throw new Error(`load runs on loopback only, not ${host}`);
  }
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  const statuses = {};
  let errors = 0;
  const firstError = [];
  const errorStarts = [];
  const started = performance.now();
  const end = started + durationMs;
  // Clients join over `rampMs`, as real clients would, rather than 200 connects in one instant.
  const client = async (n) => {
    await new Promise((resolve) => setTimeout(resolve, (n * rampMs) / connections));
    while (performance.now() < end) {
      const t0 = performance.now();
      const { status, error } = await get(agent, nextUrl(), timeoutMs);
      latencies.push(performance.now() - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status < 200 || status >= 300) {
        errors++;
        if (firstError.length === 0) firstError.push(error ? error.message : `HTTP ${status}`);
        if (errorStarts.length < 20) errorStarts.push(Math.round(t0 - started));
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, n) => client(n)));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return {
    connections,
    durationMs: Math.round(elapsedMs),
    requests: latencies.length,
    throughput: latencies.length / (elapsedMs / 1000),
    latency: summarize(latencies),
    errors,
    firstError: firstError[0],
    /** When (ms after the start) the first failed requests were sent. */
    errorStarts,
    statuses,
  };
}
