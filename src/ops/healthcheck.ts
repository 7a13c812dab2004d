/**
 * The image's HEALTHCHECK (`node dist/ops/healthcheck.js`): GET /healthz on METRICS_PORT, else PORT, on this
 * host; exits 0 when it answers 200 within 4 s, 1 otherwise. No shell or curl needed in the image.
 */
import http from 'node:http';

const port = Number(process.env.METRICS_PORT || process.env.PORT || 3000);
http
  .get({ host: '127.0.0.1', port, path: '/healthz', timeout: 4000 }, (res) => {
    res.resume();
    process.exit(res.statusCode === 200 ? 0 : 1);
  })
  .on('timeout', () => process.exit(1))
  .on('error', () => process.exit(1));
