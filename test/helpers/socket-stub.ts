import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A local stand-in for Slack's Socket Mode endpoint on 127.0.0.1: greets each connection with `hello`,
 * sends envelopes as Slack does, and records the acknowledgements the app sends back.
 */
export class SocketStub {
  readonly acks: { envelope_id: string; payload?: unknown }[] = [];
  private server?: WebSocketServer;
  private socket?: WebSocket;

  async start(): Promise<this> {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => this.server?.once('listening', () => resolve()));
    this.server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => this.acks.push(JSON.parse(String(data))));
      socket.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'stub', approximate_connection_time: 3600 },
          connection_info: { app_id: 'A0DOCKER' },
        }),
      );
    });
    return this;
  }

  get url(): string {
    if (!this.server) throw new Error('the Socket Mode stand-in is not started');
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/link/?ticket=test`;
  }

  /** Sends one envelope (e.g. a slash command) to the connected app. */
  send(envelopeId: string, type: string, payload: Record<string, unknown>): void {
    if (!this.socket) throw new Error('the app has not connected to the Socket Mode stand-in');
    this.socket.send(
      JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: true }),
    );
  }

  /** Waits (bounded) for the app to close its connection, then shuts the server. */
  async stop(): Promise<void> {
    const deadline = Date.now() + 3000;
    while (
      [...(this.server?.clients ?? [])].some((c) => c.readyState !== c.CLOSED) &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    for (const client of this.server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
