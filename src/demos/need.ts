/** A value an earlier step of the same run was meant to set. */
export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing: an earlier step did not finish`);
  return value;
}
