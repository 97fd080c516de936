// The floor any proxy pays: a do-nothing node:http pass-through to the datastore (keep-alive,
// streamed both ways, no parsing), in a process of its own like the daemon. Measured beside the
// daemon so a ratio target can be read against what one extra HTTP hop costs on the same machine at
// the same moment. Run as `node bench/pass-through.mjs <datastore URL>`: prints its URL, then serves.
import http from 'node:http';
import { fileURLToPath } from 'node:url';

async function serve(targetUrl) {
  const target = new URL(targetUrl);
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((request, response) => {
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: target.host },
        agent,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', (error) => {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`pass-through: ${error.message}`);
    });
    request.pipe(upstream);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`http://127.0.0.1:${server.address().port}\n`);
  process.once('SIGTERM', () => {
    agent.destroy();
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await serve(process.argv[2]);
