/** Every error the app expects has a code; transports turn codes into friendly words in one place each. */
export const ErrorCode = {
  Config: 'config_error',
  Content: 'content_error',
  Store: 'store_error',
  StoreUnavailable: 'store_unavailable',
  SandboxUnavailable: 'sandbox_unavailable',
  SandboxRefused: 'sandbox_refused',
  DemoImageUnavailable: 'demo_image_unavailable',
  DemoTimedOut: 'demo_timed_out',
  DemoCancelled: 'demo_cancelled',
  DemoStepFailed: 'demo_step_failed',
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

/**
 * The shared database (Postgres) stopped answering mid-run: what needed it could not be done or kept.
 * Explanations need no database, so they go on working.
 */
export class StoreUnavailable extends AppError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(ErrorCode.StoreUnavailable, `the database is unavailable: ${reason}`, options);
  }

  override get userMessage(): string {
    return 'My database is not answering right now, so I could not do that. Explanations still work (try `/docker diff`); please try again in a minute.';
  }
}

/** The Docker engine behind the demos cannot be reached, or did not answer in time. */
export class SandboxUnavailable extends AppError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(ErrorCode.SandboxUnavailable, `the sandbox Docker engine is unavailable: ${reason}`, options);
  }

  override get userMessage(): string {
    return 'The demo sandbox is unavailable right now (its Docker engine is not answering), so I cannot run a demo. Explanations still work: try `/docker diff`. Please try the demo again in a minute.';
  }
}

/** The engine answered, but refused an operation (e.g. "No such container"); `reason` is its short message. */
export class SandboxRefused extends AppError {
  constructor(
    readonly reason: string,
    readonly statusCode?: number,
    options?: { cause?: unknown },
  ) {
    super(ErrorCode.SandboxRefused, `the sandbox Docker engine refused: ${reason}`, options);
  }

  override get userMessage(): string {
    return `The sandbox's Docker engine refused an operation: ${this.reason}`;
  }
}

/** Neither DEMO_IMAGE (present or pulled) nor a local image built from BUSYBOX_PATH could be made ready. */
export class DemoImageUnavailable extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.DemoImageUnavailable, message, options);
  }

  override get userMessage(): string {
    return 'The demo image is not available on the sandbox: it could not be pulled and could not be built from a local busybox. An operator has to fix this (see the log); explanations still work.';
  }
}

/** A demo ran past its hard time limit; its containers were killed. */
export class DemoTimedOut extends AppError {
  constructor(readonly limitMs: number) {
    super(ErrorCode.DemoTimedOut, `the demo ran past its ${limitMs / 1000} s time limit`);
  }

  override get userMessage(): string {
    return `Timed out: the demo ran past its ${this.limitMs / 1000} s limit, so its containers were stopped.`;
  }
}

/** A demo was stopped before it finished because the app is shutting down. */
export class DemoCancelled extends AppError {
  constructor() {
    super(ErrorCode.DemoCancelled, 'the demo was cancelled because the app is shutting down');
  }

  override get userMessage(): string {
    return 'Stopped: the bot is restarting. Please run the demo again in a minute.';
  }
}

/** A demo step saw the engine do something other than what the demo shows (e.g. a command exited with 1). */
export class DemoStepFailed extends AppError {
  constructor(readonly reason: string) {
    super(ErrorCode.DemoStepFailed, reason);
  }

  override get userMessage(): string {
    return this.reason;
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
