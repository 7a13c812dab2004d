import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { BOT_SCOPES } from '../src/slack/oauth';

interface Manifest {
  features: {
    slash_commands: { command: string; usage_hint: string }[];
    app_home: { home_tab_enabled: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

/** Parsed with gray-matter's YAML reader (already used for content), given the file as front matter. */
const manifest = matter(`---\n${fs.readFileSync(path.join(__dirname, '..', 'manifest.yml'), 'utf8')}\n---\n`)
  .data as Manifest;

describe('manifest.yml creates the app the code expects', () => {
  it('has the /docker command with a usage hint naming the subcommands', () => {
    const [docker] = manifest.features.slash_commands;
    expect(docker?.command).toBe('/docker');
    for (const word of ['demo', 'tour', 'quiz', 'ask', 'tip', 'tips on', 'listen', 'help'])
      expect(docker?.usage_hint).toContain(word);
  });

  it('subscribes to every event the app listens to', () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(
      [
        'app_home_opened',
        'app_mention',
        'message.channels',
        'message.groups',
        'message.im',
        'app_uninstalled',
        'tokens_revoked',
      ].sort(),
    );
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('asks for exactly the scopes those events and the Web API calls need', () => {
    // An OAuth install asks for BOT_SCOPES: the same list, so both ways of installing get the same bot.
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(
      [
        'app_mentions:read',
        'channels:history',
        'chat:write',
        'chat:write.public',
        'commands',
        'groups:history',
        'im:history',
        'im:write',
      ].sort(),
    );
  });

  it('turns on interactivity (buttons) and Socket Mode', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
