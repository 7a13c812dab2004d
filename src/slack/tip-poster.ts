import type { WebClient } from '@slack/web-api';
import { toSlack } from '../render/blocks';
import type { PostResult, TipPoster } from '../tips/port';

/** Slack errors that mean the channel cannot take our posts any more: the tips domain unsubscribes it. */
const GONE = new Set(['channel_not_found', 'not_in_channel', 'is_archived']);

interface WebApiError {
  code?: string;
  data?: { error?: unknown };
  statusCode?: number;
  message?: string;
}

/**
 * Posts tips with chat.postMessage. The client already waits out a 429 (its Retry-After) and tries again,
 * as many times as its retryConfig allows; what is left is sorted into the outcomes the domain acts on.
 */
export function slackTipPoster(client: WebClient): TipPoster {
  return {
    async post(channel, message): Promise<PostResult> {
      try {
        const posted = await client.chat.postMessage({
          channel,
          ...toSlack(message),
          unfurl_links: false,
          unfurl_media: false,
        });
        return { status: 'posted', ts: posted.ts };
      } catch (error) {
        return classify(error as WebApiError);
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
      // Still rate limited after every retry: the client gives up with a plain Error, and nothing was posted.
      if (/rate limit was exceeded/i.test(error.message ?? ''))
        return { status: 'refused', error: 'ratelimited' };
      return { status: 'unknown', error: error.message ?? String(error) };
  }
}
