type ErrorClass<E> = abstract new (...args: never[]) => E;

/** The error `run` throws, which must be a `type`; anything else, or nothing, fails the test. */
export function thrown<E>(type: ErrorClass<E>, run: () => unknown): E {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}`);
}

/** The error `promise` rejects with, which must be a `type`. */
export async function rejected<E>(type: ErrorClass<E>, promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}`);
}
