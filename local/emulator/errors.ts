/**
 * CloudBase error codes the emulator answers with. Every error goes back as HTTP 200
 * `{code, message, requestId}`: the node SDK turns any reply carrying `code` into a thrown
 * `TcbError` with that code (node-sdk utils/tcbapirequester.ts → processReturn), so callers see
 * exactly what production would give them.
 */
export const ErrorCodes = {
  /** Request parameter error (malformed body, bad field types, unsupported use). */
  INVALID_PARAM: 'INVALID_PARAM',
  /** Unknown `action`. */
  INVALID_ACTION: 'INVALID_ACTION',
  /** Body above the 1 MB request limit. */
  EXCEED_REQUEST_SIZE_LIMIT: 'EXCEED_REQUEST_SIZE_LIMIT',
  /** Internal fault in the emulator itself. */
  SYS_ERR: 'SYS_ERR',
  /** Production: "[ResourceNotFound] Db or Table not exist" (errCode -502005). */
  DATABASE_COLLECTION_NOT_EXIST: 'DATABASE_COLLECTION_NOT_EXIST',
  DATABASE_COLLECTION_ALREADY_EXIST: 'DATABASE_COLLECTION_ALREADY_EXIST',
  /** Unique index or `_id` collision (MongoDB E11000 underneath). */
  DATABASE_DUPLICATE_WRITE: 'DATABASE_DUPLICATE_WRITE',
  /**
   * Write-write conflict. The SDK's `runTransaction` retries on exactly this string
   * (database/src/transaction/index.ts), so it must be this spelling, not
   * `ResourceUnavailable.TransactionConflict` (which callers also treat as a conflict).
   */
  DATABASE_TRANSACTION_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
  /** Unknown, expired or already-finished transaction. */
  DATABASE_TRANSACTION_FAIL: 'DATABASE_TRANSACTION_FAIL',
  /** The query/update itself is invalid (unknown operator, conflicting update paths, …). */
  DATABASE_REQUEST_FAILED: 'DATABASE_REQUEST_FAILED',
  FUNCTIONS_EXECUTE_FAIL: 'FUNCTIONS_EXECUTE_FAIL',
  /**
   * A request without a valid signature of the current key pair: missing, unknown secret id,
   * altered after signing, or expired. CloudBase's own code for all of these — seen as
   * "SIGN_PARAM_INVALID: secret id error" (TencentCloudBase/node-sdk issue #32) and
   * "SIGN_PARAM_INVALID signature is expired" (uniCloud's FAQ for Tencent CloudBase); the client
   * SDKs also retry on it (@cloudbase/js-sdk auth: `SIGN_PARAM_INVALID`).
   */
  SIGN_PARAM_INVALID: 'SIGN_PARAM_INVALID',
  /**
   * The emulator's own (real CloudBase is a public HTTPS API and never sees this): a request
   * whose Host is not this server's loopback address — DNS rebinding from a web page.
   */
  EMULATOR_FOREIGN_HOST: 'EMULATOR_FOREIGN_HOST',
  /**
   * The emulator's own: a request a browser sent (it carries `Origin` / `Sec-Fetch-*`, or is a CORS
   * preflight). Server SDKs never send these; a web page that reaches the port must get nothing.
   */
  EMULATOR_BROWSER_REFUSED: 'EMULATOR_BROWSER_REFUSED',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export class EmulatorError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EmulatorError';
  }
}

export const fail = (code: ErrorCode, message: string): never => {
  throw new EmulatorError(code, message);
};
