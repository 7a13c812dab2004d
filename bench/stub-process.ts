/**
 * A minimal Slack stand-in for benchmarks, in its own process: it answers every Web API call and
 * response_url post with `{"ok":true}` without parsing, so its CPU cost is the same for any app measured.
 * (Tests use test/helpers/slack-stub.ts, which records and parses every call.)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body =
      req.url === '/api/auth.test'
        ? '{"ok":true,"user_id":"UBOT","bot_id":"BBOT","team_id":"T1"}'
        : '{"ok":true}';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  process.stdout.write(`${JSON.stringify({ apiUrl: `${base}/api/`, responseBase: `${base}/response/` })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
