/** Every error the app expects has a code; transports turn codes into friendly words in one place each. */
export const ErrorCode = {
  Config: 'config_error',
  Content: 'content_error',
  Store: 'store_error',
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCodeValue | string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }

  /** A sentence safe to show to the person who asked, when this error has one. */
  get userMessage(): string | undefined {
    return undefined;
  }
}

/** A bad environment variable; the message is one line that starts with the variable's name. */
export class ConfigError extends AppError {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(ErrorCode.Config, `${variable} ${problem}`);
  }
}

/** A malformed content file; the message names the file and the field. */
export class ContentError extends AppError {
  constructor(
    readonly file: string,
    readonly field: string,
    problem: string,
  ) {
    super(ErrorCode.Content, `${file}: ${field}: ${problem}`);
  }
}

/** The database cannot be opened or migrated; the message says which file and what to do. */
export class StoreError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.Store, message, options);
  }
}

/** Errors that stop start-up with a single line instead of a stack trace. */
export function isStartupError(error: unknown): error is ConfigError | ContentError | StoreError {
  return error instanceof ConfigError || error instanceof ContentError || error instanceof StoreError;
}

/** What a person is told when something fails; the details go to the log. */
export function describeForUser(error: unknown): string {
  if (error instanceof AppError && error.userMessage) return error.userMessage;
  return 'Sorry, something went wrong on my side. It has been logged; please try again in a moment.';
}
