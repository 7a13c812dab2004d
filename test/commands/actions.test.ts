import { ActionRegistry } from '../../src/commands/actions';
import type { ActionHandler } from '../../src/transport';

const handler = (id: string): ActionHandler => ({ id, name: id, handle: async () => undefined });

describe('ActionRegistry', () => {
  it('finds each handler by its action id', () => {
    const registry = new ActionRegistry([handler('a'), handler('b')]);
    expect(registry.handlers.map((h) => h.id)).toEqual(['a', 'b']);
    expect(registry.get('b')?.id).toBe('b');
    expect(registry.get('c')).toBeUndefined();
  });

  it('refuses two handlers for one action id', () => {
    expect(() => new ActionRegistry([handler('a'), handler('a')])).toThrow(
      'two handlers for the action id "a"',
    );
  });
});
