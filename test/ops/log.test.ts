import { SandboxUnavailable } from '../../src/errors';
import { createLogger, type LogFormat, withLogFields } from '../../src/ops/log';
import { toBoltLogger } from '../../src/slack/logger';

const at = new Date('2025-03-31T07:00:00.000Z');

function capture(format?: LogFormat, level: 'debug' | 'info' = 'debug') {
  const lines: string[] = [];
  const logger = createLogger(
    level,
    { write: (line: string) => lines.push(line) },
    { format, now: () => at },
  );
  return { logger, lines };
}

describe('the structured logger', () => {
  it('writes a readable line with the fields after the message', () => {
    const { logger, lines } = capture();
    logger.child('tips').warn('daily tip refused', { channel: 'C1', error: 'rate limited', attempts: 2 });
    expect(lines).toEqual([
      '2025-03-31T07:00:00.000Z WARN [tips] daily tip refused channel=C1 error="rate limited" attempts=2\n',
    ]);
  });

  it('writes one JSON object per line with LOG_FORMAT=json', () => {
    const { logger, lines } = capture('json');
    logger.child('demos').child({ runId: 'ab12' }).info('demo finished', { demo: 'lifecycle', ms: 812 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      time: at.toISOString(),
      level: 'info',
      component: 'demos',
      msg: 'demo finished',
      runId: 'ab12',
      demo: 'lifecycle',
      ms: 812,
    });
  });

  it('prints the stack of an unexpected error, and only the message of one the app names', () => {
    const { logger, lines } = capture();
    logger.error('step failed', { error: new TypeError('boom') });
    logger.warn('janitor', { error: new SandboxUnavailable('ping: ECONNREFUSED') });
    expect(lines[0]).toMatch(/step failed error="boom"\nTypeError: boom\n\s+at /);
    expect(lines[1]).toBe(
      '2025-03-31T07:00:00.000Z WARN [app] janitor error="the sandbox Docker engine is unavailable: ping: ECONNREFUSED"\n',
    );
    const json = capture('json');
    json.logger.error('step failed', { error: new SandboxUnavailable('x') });
    expect(JSON.parse(json.lines[0] ?? '').error).toEqual(
      expect.objectContaining({ type: 'SandboxUnavailable', code: 'sandbox_unavailable' }),
    );
  });

  it('drops entries below its level, shared by every child', () => {
    const { logger, lines } = capture(undefined, 'info');
    const child = logger.child('slack');
    child.debug('hidden');
    logger.setLevel('debug');
    child.debug('shown');
    expect(lines.map((l) => l.split(' ').slice(3).join(' '))).toEqual(['shown\n']);
  });

  it('never writes a Slack token', () => {
    const { logger, lines } = capture();
    logger.error('call failed', { error: new Error('bad auth xoxb-123-456-abc'), token: 'xapp-1-A0-2-cd' });
    expect(lines.join('')).not.toMatch(/xox|xapp/);
  });

  it('never writes the configured secrets nor a field named as a credential, in either format', () => {
    const secret = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
    for (const format of ['text', 'json'] as const) {
      const lines: string[] = [];
      const logger = createLogger(
        'debug',
        { write: (line: string) => lines.push(line) },
        { format, secrets: [secret] },
      );
      logger.warn(`signature check with ${secret} failed`, {
        error: new Error(`bad secret ${secret}`),
        request: { headers: `x-slack-signature v0=1 ${secret}` },
        authorization: 'Bearer metrics-token-value',
        signingSecret: 'whatever it is',
      });
      const all = lines.join('');
      expect(all).not.toContain(secret);
      expect(all).not.toContain('metrics-token-value');
      expect(all).not.toContain('whatever it is');
      expect(all).toContain('[redacted]');
    }
  });

  it('adds the ids of the request being handled to every entry made meanwhile, even after an await', async () => {
    const { logger, lines } = capture('json');
    await withLogFields({ team: 'T1', channel: 'C1', user: 'U1', eventId: 'Ev1' }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      logger.child('demos').info('demo started', { channel: 'C2' });
    });
    logger.info('outside');
    const [inside, outside] = lines.map((line) => JSON.parse(line));
    expect(inside).toEqual(
      expect.objectContaining({ component: 'demos', team: 'T1', channel: 'C2', user: 'U1', eventId: 'Ev1' }),
    );
    expect(outside).not.toHaveProperty('team');
  });

  it("adapts to Bolt's printf-style logger: the words as the message, an Error as the error field", () => {
    const { logger, lines } = capture('json');
    const bolt = toBoltLogger(logger.child('slack'));
    bolt.warn('An unhandled error occurred:', 42, new Error('socket closed'));
    const entry = JSON.parse(lines[0] ?? '');
    expect(entry).toEqual(
      expect.objectContaining({ component: 'slack', msg: 'An unhandled error occurred: 42', level: 'warn' }),
    );
    expect(entry.error.message).toBe('socket closed');
    bolt.setLevel('error' as never);
    expect(bolt.getLevel()).toBe('error');
  });
});
