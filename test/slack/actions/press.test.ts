import type { BlockAction, BlockElementAction } from '@slack/bolt';
import { pressedValue, pressRequest } from '../../../src/slack/actions/press';

describe('a press as the action handlers see it', () => {
  it('reads a button’s value, or the option picked in a select or radio buttons', () => {
    const base = { action_id: 'x', block_id: 'b', action_ts: '1' };
    const option = { text: { type: 'plain_text' as const, text: 'B' }, value: 'b' };
    const actions = [
      { ...base, type: 'button', text: { type: 'plain_text', text: 'Go' }, value: 'go' },
      { ...base, type: 'static_select', selected_option: option },
      { ...base, type: 'radio_buttons', selected_option: option },
      { ...base, type: 'radio_buttons', selected_option: null },
    ] as BlockElementAction[];
    expect(actions.map(pressedValue)).toEqual(['go', 'b', 'b', '']);
  });

  it('says who pressed, where, and whether the button was in a private message', () => {
    const body = {
      user: { id: 'U0ALICE', username: 'alice' },
      channel: { id: 'C1', name: 'general' },
      team: { id: 'T1', domain: 'test' },
      container: { type: 'message', is_ephemeral: true },
    } as unknown as BlockAction;
    expect(pressRequest(body)).toEqual({
      userId: 'U0ALICE',
      channelId: 'C1',
      teamId: 'T1',
      inPrivateMessage: true,
    });
    expect(pressRequest({ ...body, channel: undefined, team: null, container: {} }).inPrivateMessage).toBe(
      false,
    );
  });
});
