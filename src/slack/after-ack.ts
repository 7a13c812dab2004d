/**
 * Work that follows an ack (building and posting the answer) waits its turn here: one job starts per turn
 * of the event loop, so requests that arrive meanwhile are read and acked first. Slack needs the ack within
 * 3 s; the answer can come a few milliseconds later.
 */
const waiting: (() => void)[] = [];
let scheduled = false;

function startNext(): void {
  const next = waiting.shift();
  next?.();
  scheduled = waiting.length > 0;
  if (scheduled) setImmediate(startNext);
}

/** Resolves when it is this caller's turn to start its after-ack work. */
export function afterAcks(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(startNext);
    }
  });
}
