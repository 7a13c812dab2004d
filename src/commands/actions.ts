import type { ActionHandler } from '../transport';

/**
 * The allow-list of actions: every action id the app's buttons (and selects) carry, with the handler a
 * press goes to. Each domain defines its ids beside its handlers; the composition root gathers them here and
 * the transports register what is here, so an id without a handler (or with two) cannot ship.
 */
export class ActionRegistry {
  private readonly byId = new Map<string, ActionHandler>();

  constructor(handlers: readonly ActionHandler[]) {
    for (const handler of handlers) {
      if (this.byId.has(handler.id)) throw new Error(`two handlers for the action id "${handler.id}"`);
      this.byId.set(handler.id, handler);
    }
  }

  get handlers(): readonly ActionHandler[] {
    return [...this.byId.values()];
  }

  get(id: string): ActionHandler | undefined {
    return this.byId.get(id);
  }
}
