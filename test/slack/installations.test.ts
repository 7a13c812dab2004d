import { randomBytes } from 'node:crypto';
import type { Installation } from '@slack/bolt';
import { silentLogger } from '../../src/ops/log';
import { NotInstalled, sealedInstallations } from '../../src/slack/installations';
import { SealBroken, seal, unseal } from '../../src/slack/seal';
import { MemoryInstallations } from '../../src/store/memory/installations';

const KEY = randomBytes(32);
const TOKEN = 'xoxb-T0ONE-a-real-looking-bot-token';

const installation = (team: string, token = TOKEN): Installation =>
  ({
    team: { id: team, name: `Workspace ${team}` },
    enterprise: undefined,
    user: { id: 'U0INSTALLER', token: undefined, scopes: undefined },
    bot: { id: 'B1', userId: 'UBOT', token, scopes: ['chat:write'] },
    isEnterpriseInstall: false,
    authVersion: 'v2',
  }) as Installation;

describe('seal', () => {
  it('opens what it sealed, with a fresh IV each time', () => {
    const a = seal(TOKEN, KEY, 'team:T1');
    const b = seal(TOKEN, KEY, 'team:T1');
    expect(a).not.toBe(b);
    expect(a).not.toContain(TOKEN);
    expect(unseal(a, KEY, 'team:T1')).toBe(TOKEN);
  });

  it('refuses the wrong key, a changed byte and another workspace with a clear error, never garbage', () => {
    const sealed = seal(TOKEN, KEY, 'team:T1');
    expect(() => unseal(sealed, randomBytes(32), 'team:T1')).toThrow(SealBroken);
    expect(() => unseal(sealed, randomBytes(32), 'team:T1')).toThrow(/SLACK_TOKEN_ENCRYPTION_KEY/);
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(() => unseal(`v1:${bytes.toString('base64')}`, KEY, 'team:T1')).toThrow(SealBroken);
    expect(() => unseal(sealed, KEY, 'team:T2')).toThrow(SealBroken);
    expect(() => unseal('plain text', KEY, 'team:T1')).toThrow(SealBroken);
  });
});

describe('sealedInstallations', () => {
  it('stores installations sealed, gives each workspace its own token, and forgets them', async () => {
    const table = new MemoryInstallations();
    const store = sealedInstallations(table, KEY, silentLogger);
    await store.storeInstallation(installation('T1'));
    await store.storeInstallation(installation('T2', 'xoxb-T0TWO-other-token'));
    for (const sealed of table.rows.values()) expect(sealed).not.toMatch(/xoxb-/);
    expect(await store.botToken('T1')).toBe(TOKEN);
    expect(await store.botToken('T2')).toBe('xoxb-T0TWO-other-token');
    const fetched = await store.fetchInstallation({
      teamId: 'T1',
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(fetched.team?.name).toBe('Workspace T1');
    await store.deleteInstallation?.({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false });
    await expect(store.botToken('T1')).rejects.toThrow(NotInstalled);
    expect(await store.botToken('T2')).toBe('xoxb-T0TWO-other-token');
  });

  it('says plainly when the key is not the one the installations were stored with', async () => {
    const table = new MemoryInstallations();
    await sealedInstallations(table, KEY, silentLogger).storeInstallation(installation('T1'));
    await expect(sealedInstallations(table, randomBytes(32), silentLogger).botToken('T1')).rejects.toThrow(
      /SLACK_TOKEN_ENCRYPTION_KEY is not the key/,
    );
  });
});
