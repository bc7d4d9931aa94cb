/**
 * An error the HTTP layer turns into a status code: `{detail, code}` in the body.
 * Clients get this stable short form; operators get the full story in debug events.
 */
export class ServiceError extends Error {
  constructor(
    readonly status_code: number,
    readonly detail: string,
    readonly code: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'ServiceError';
  }
}
