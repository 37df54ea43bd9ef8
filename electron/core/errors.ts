import type { ApiError, ErrorCode, FieldIssue } from '../../shared/api';
import type { IssueKey } from '../../shared/issues';

/** An error the core means to show to the user: it crosses the API boundary as a typed ApiError. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toApiError(): ApiError {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}

export const notFound = (what: string, id: number | string) => new AppError('not_found', `${what} ${id} does not exist`);

/**
 * A validation error on one field of the argument. `key` names the message in the catalogs
 * (shared/i18n), so the screen shows it in the user's language; `message` stays the English text.
 */
export const invalid = (path: string, message: string, key?: IssueKey) =>
  new AppError('validation', `${path}: ${message}`, [{ path, message, ...key }]);
