import type { AppProcess } from '../helpers/app-process';
import { envelope, mentionEvent, postEvent } from '../helpers/events';
import { browserInstall, fromTeam, OAUTH_ENV, T1, T2 } from '../helpers/oauth';
import { describeWithPostgres } from '../helpers/postgres';
import { useReplicas } from '../helpers/replicas';
import { installedToken, tokenOf } from '../helpers/slack-stub';

/**
 * Many workspaces on two replicas behind one URL: an install started on one replica finishes on the other,
 * either replica answers either workspace with that workspace's own token, and an uninstall taken by one
 * replica stops the other from answering that workspace.
 */
describeWithPostgres('many workspaces on two replicas', () => {
  const set = useReplicas(2, OAUTH_ENV);

  const postsWith = (token: string, since: number) =>
    set.stub.calls.slice(since).filter((c) => c.method === 'chat.postMessage' && tokenOf(c) === token);

  it('installs through either replica, answers each workspace with its own token, and uninstalls once for all', async () => {
    const { stub, schema, replicas } = set;
    const [one, two] = replicas as [AppProcess, AppProcess];
    // The install link comes from one replica and Slack's redirect lands on the other.
    for (const [team, start, finish] of [
      [T1, one, two],
      [T2, two, one],
    ] as const) {
      const done = await browserInstall(start.url, team, finish.url);
      expect(done.status).toBe(200);
      expect(await done.text()).toContain('Docker Explainer is installed');
    }
    expect(
      (
        await schema.query<{ team_id: string }>('SELECT team_id FROM slack_installations ORDER BY team_id')
      ).map((r) => r.team_id),
    ).toEqual([T1, T2]);

    // Each replica answers each workspace with that workspace's token (the installation is read from Postgres).
    for (const [team, replica] of [
      [T1, one],
      [T1, two],
      [T2, one],
      [T2, two],
    ] as const) {
      const before = stub.calls.length;
      expect(await postEvent(replica.url, fromTeam(mentionEvent('what is a docker image?'), team))).toBe(200);
      await stub.waitFor(() => postsWith(installedToken(team), before)[0], 10_000);
    }

    // Listen mode turned on through one replica is T1's only (it says so in the channel, with T1's token).
    const listenAt = stub.calls.length;
    expect(await one.command('listen on', 'U0ALICE', 'listen-t1', T1)).toBe(200);
    await stub.waitFor(
      (calls) =>
        calls.slice(listenAt).find((c) => c.responseId === 'listen-t1') ??
        postsWith(installedToken(T1), listenAt)[0],
      10_000,
    );
    expect(await schema.query<{ team_id: string }>('SELECT team_id FROM listen_channels')).toEqual([
      { team_id: T1 },
    ]);

    // The uninstall reaches one replica; the other no longer answers T1, and still answers T2.
    expect(
      await postEvent(
        one.url,
        fromTeam(envelope({ type: 'app_uninstalled', event_ts: `${Date.now() / 1000}` }), T1),
      ),
    ).toBe(200);
    const deadline = Date.now() + 10_000;
    while (
      (await schema.query("SELECT 1 FROM slack_installations WHERE team_id = 'T0WORKSP01'")).length > 0
    ) {
      if (Date.now() > deadline) throw new Error('the uninstall did not delete the installation');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await schema.query("SELECT * FROM listen_channels WHERE team_id = 'T0WORKSP01'")).toEqual([]);
    const after = stub.calls.length;
    await postEvent(two.url, fromTeam(mentionEvent('what is a container?'), T1));
    await postEvent(two.url, fromTeam(mentionEvent('what is a container?'), T2));
    await stub.waitFor(() => postsWith(installedToken(T2), after)[0], 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(postsWith(installedToken(T1), after)).toEqual([]);
    expect(two.stderr()).toMatch(/not authorized.*not installed in T0WORKSP01/);
  }, 90_000);
});
