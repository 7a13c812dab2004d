import { ConfigError } from '../../src/errors';

/** Start-up refused a setting as promised: one line, starting with the variable's name, saying why. */
export function expectOneLineNaming(error: ConfigError, variable: string, problem: RegExp): void {
  expect(error).toBeInstanceOf(ConfigError);
  expect(error.variable).toBe(variable);
  expect(error.message.startsWith(`${variable} `)).toBe(true);
  expect(error.message).toMatch(problem);
  expect(error.message).not.toContain('\n');
}
