import { DemoStepFailed } from '../errors';
import type { ExecResult } from '../sandbox/types';

/** Fails the step unless the process succeeded: the demo only makes sense if it did. */
export function succeeded(result: ExecResult, what: string): ExecResult {
  if (result.exitCode !== 0) {
    const said = `${result.stderr}${result.stdout}`.replace(/\s+/g, ' ').trim().slice(0, 120);
    throw new DemoStepFailed(`${what} exited with code ${result.exitCode}${said ? `: ${said}` : ''}`);
  }
  return result;
}
