import type { webApi } from '@slack/bolt';
import type { AppMetrics } from '../ops/metrics';

/** `chat.postMessage`, `apps.connections.open`…: Slack's method names, the last part of the call's URL. */
const METHOD = /\/([a-z]+(?:\.[a-zA-Z]+)+)$/;

/**
 * A fetch for the Web API clients that counts every HTTP attempt by method and outcome: `ok`, `error` (Slack
 * answered `ok: false`), `rate_limited` (429: each one, retried or not), `http_error`, `network_error`.
 */
export function countingFetch(
  metrics: Pick<AppMetrics, 'slackCalls'>,
  base: webApi.FetchFunction = fetch as unknown as webApi.FetchFunction,
): webApi.FetchFunction {
  return async (url, init) => {
    const method = METHOD.exec(new URL(url).pathname)?.[1] ?? 'other';
    let response: Awaited<ReturnType<webApi.FetchFunction>>;
    try {
      response = await base(url, init);
    } catch (error) {
      metrics.slackCalls.inc({ method, outcome: 'network_error' });
      throw error;
    }
    metrics.slackCalls.inc({ method, outcome: await outcomeOf(response) });
    return response;
  };
}

async function outcomeOf(response: Awaited<ReturnType<webApi.FetchFunction>>): Promise<string> {
  if (response.status === 429) return 'rate_limited';
  if (response.status !== 200) return 'http_error';
  const clone = (response as unknown as Response).clone?.();
  if (!clone) return 'ok';
  const body = (await clone.json().catch(() => undefined)) as { ok?: unknown } | undefined;
  return body?.ok === false ? 'error' : 'ok';
}
