import { SeenEvents } from '../../src/slack/seen-events';

describe('SeenEvents', () => {
  it('says yes once per event id', () => {
    const seen = new SeenEvents();
    expect(seen.first('Ev1')).toBe(true);
    expect(seen.first('Ev1')).toBe(false);
    expect(seen.first('Ev2')).toBe(true);
  });

  it('lets an event without an id through every time', () => {
    const seen = new SeenEvents();
    expect(seen.first(undefined)).toBe(true);
    expect(seen.first(undefined)).toBe(true);
  });

  it('forgets ids after the time to live, and the oldest ones beyond its size', () => {
    let now = 0;
    const seen = new SeenEvents(1000, 3, () => now);
    seen.first('a');
    now = 2000;
    expect(seen.first('a')).toBe(true);
    for (const id of ['b', 'c', 'd']) seen.first(id);
    expect(seen.first('a')).toBe(true);
    expect(seen.first('d')).toBe(false);
  });
});
