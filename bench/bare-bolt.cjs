// Baseline for the ack benchmark: a bare Bolt app in HTTP mode whose /docker listener acks a fixed string.
const { App } = require('@slack/bolt');

const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  customRoutes: [{ path: '/healthz', method: ['GET'], handler: (_req, res) => res.end('{"status":"ok"}') }],
  logLevel: 'error',
});
app.command('/docker', async ({ ack }) => {
  await ack('ok');
});
app.start(Number(process.env.PORT)).catch((error) => {
  console.error(error);
  process.exit(1);
});
