/** A server some tests need (a Docker engine, Postgres), and what to say when it is not there. */
export interface Needed {
  /** `a Docker engine`, `Postgres`: what the tests need, for the failing test's name. */
  what: string;
  /** Whether it answers; checked synchronously, so test files can decide what to run. */
  available(): boolean;
  /** The variable that makes its absence a failure instead of a skip (CI sets it). */
  requireVariable: string;
  /** Why, in one line, when it is required and missing. */
  failure(): string;
  /** What is printed when its tests are skipped. */
  banner(): string;
}

/**
 * `describe` for tests that need a server. Without it they are skipped with a loud banner, unless its
 * REQUIRE_… variable is 1, where the missing server fails the suite instead.
 */
export function describeNeeding(needed: Needed, name: string, body: () => void): void {
  if (needed.available()) {
    describe(name, body);
    return;
  }
  if (process.env[needed.requireVariable] === '1') {
    describe(name, () => {
      it(`needs ${needed.what} (${needed.requireVariable}=1)`, () => {
        throw new Error(needed.failure());
      });
    });
    return;
  }
  process.stderr.write(needed.banner());
  describe.skip(name, body);
}
