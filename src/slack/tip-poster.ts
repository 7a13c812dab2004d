import { webApi } from '@slack/bolt';
import type { Logger } from '../ops/log';
import { toSlack } from '../render/blocks';
import type { PostResult, TipPoster } from '../tips/port';
import { toBoltLogger } from './logger';
import { type BotToken, tokenOf } from './surfaces';

/** Slack errors that mean the channel cannot take our posts any more: the tips domain unsubscribes it. */
const GONE = new Set(['channel_not_found', 'not_in_channel', 'is_archived']);

/** How many 429s in a row one post waits out before the slot counts as refused (and is retried later). */
const RATE_LIMIT_WAITS = 3;
/** Longest Retry-After we honour in place; a longer one gives the slot back to the scheduler's retry. */
const MAX_RETRY_AFTER_S = 120;

interface WebApiError {
  code?: string;
  data?: { error?: unknown };
  statusCode?: number;
  retryAfter?: number;
  message?: string;
}

export interface TipPosterOptions {
  /** The bot token, or how to get the current workspace's. */
  token: BotToken;
  apiUrl?: string;
  logger: Logger;
  /** How the client reaches Slack (counting fetch for metrics); the global fetch by default. */
  fetch?: webApi.FetchFunction;
  /** Waits out a Retry-After (a real timer unless a test passes its own). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Posts tips with chat.postMessage on a Web API client of their own that never retries by itself:
 * a retry after a lost reply could post a tip twice, and the shared client pauses every call while it
 * waits out a 429. Here a 429 (nothing was posted) is waited out for its Retry-After and tried again;
 * a broken connection is `unknown` and never repeated.
 */
export function slackTipPoster(options: TipPosterOptions): TipPoster {
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: options.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    fetch: options.fetch,
    logger: toBoltLogger(options.logger),
  };
  const client = new webApi.WebClient(undefined, clientOptions);
  const token = tokenOf(options.token);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return {
    async post(channel, message): Promise<PostResult> {
      for (let waits = 0; ; waits++) {
        try {
          const posted = await client.chat.postMessage({
            token: await token(),
            channel,
            ...toSlack(message),
            unfurl_links: false,
            unfurl_media: false,
          });
          return { status: 'posted', ts: posted.ts };
        } catch (error) {
          const e = error as WebApiError;
          const retryAfter = e.retryAfter ?? 1;
          if (
            e.code === 'slack_webapi_rate_limited_error' &&
            waits < RATE_LIMIT_WAITS &&
            retryAfter <= MAX_RETRY_AFTER_S
          ) {
            options.logger.warn('tip rate limited; trying again', { channel, retryAfterS: retryAfter });
            await sleep(retryAfter * 1000);
            continue;
          }
          return classify(e);
        }
      }
    },
  };
}

function classify(error: WebApiError): PostResult {
  switch (error.code) {
    case 'slack_webapi_platform_error': {
      const code = typeof error.data?.error === 'string' ? error.data.error : 'unknown_error';
      return { status: GONE.has(code) ? 'gone' : 'refused', error: code };
    }
    case 'slack_webapi_rate_limited_error':
      return { status: 'refused', error: 'ratelimited' };
    case 'slack_webapi_http_error':
      return { status: 'refused', error: `HTTP ${error.statusCode ?? '?'}` };
    default:
      return { status: 'unknown', error: error.message ?? String(error) };
  }
}
