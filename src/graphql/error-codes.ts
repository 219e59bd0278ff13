/** The `extensions.code` values the API answers with (API.md), plus GraphQL's own request-level codes. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  CONFLICT = 'CONFLICT',
  NOT_FOUND = 'NOT_FOUND',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  /** The graph store cannot be reached right now; the request may be retried. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  /** The request ran past REQUEST_TIMEOUT_MS and was stopped. */
  TIMEOUT = 'TIMEOUT',
  /** The operation's estimated cost is over the limit (extensions.cost, extensions.maxCost); HTTP 400. */
  COST_LIMIT_EXCEEDED = 'COST_LIMIT_EXCEEDED',
  /** Too many requests from this token or address; HTTP 429 with Retry-After. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** The answer would be over MAX_RESPONSE_BYTES (extensions.maxBytes); HTTP 400. */
  RESPONSE_TOO_LARGE = 'RESPONSE_TOO_LARGE',
  /** The request body is over 1 MB; HTTP 413. */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** PERSISTED_OPERATIONS is set and the request's operation is not on that list; HTTP 403. */
  OPERATION_NOT_ALLOWED = 'OPERATION_NOT_ALLOWED',
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE',
  BAD_REQUEST = 'BAD_REQUEST',
}

/** Codes whose messages are about the client's request and safe to show as they are. */
export const CLIENT_FACING_CODES: ReadonlySet<string> = new Set([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.CONFLICT,
  ErrorCode.NOT_FOUND,
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.OPERATION_RESOLUTION_FAILURE,
  ErrorCode.BAD_REQUEST,
  ErrorCode.COST_LIMIT_EXCEEDED,
  ErrorCode.OPERATION_NOT_ALLOWED,
  ErrorCode.RESPONSE_TOO_LARGE,
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);
