import Type from 'typebox';

/**
 * Error codes a client can act on. Document processing codes (first group) also appear on
 * failed documents and jobs; HTTP codes (second group) appear only in error responses.
 */
export const ErrorCode = Type.Union(
  [
    // document processing
    Type.Literal('NOT_A_PDF'),
    Type.Literal('ENCRYPTED_PDF'),
    Type.Literal('CORRUPT_PDF'),
    Type.Literal('NO_TEXT_LAYER'),
    Type.Literal('TOO_MANY_PAGES'),
    Type.Literal('FILE_TOO_LARGE'),
    Type.Literal('PARSE_TIMEOUT'),
    Type.Literal('PROCESSING_FAILED'),
    // HTTP
    Type.Literal('VALIDATION_ERROR'),
    Type.Literal('UNAUTHORIZED'),
    Type.Literal('NOT_FOUND'),
    Type.Literal('PAYLOAD_TOO_LARGE'),
    Type.Literal('UNSUPPORTED_MEDIA_TYPE'),
    Type.Literal('RANGE_NOT_SATISFIABLE'),
    Type.Literal('RATE_LIMITED'),
    Type.Literal('MODEL_THROTTLED'),
    Type.Literal('MODEL_ERROR'),
    Type.Literal('SERVICE_UNAVAILABLE'),
    Type.Literal('INTERNAL_ERROR'),
  ],
  { title: 'ErrorCode' },
);
export type ErrorCode = Type.Static<typeof ErrorCode>;

/** `{ code, message }`: the machine-readable code and a sentence a student can read. */
export const ErrorDetail = Type.Object(
  { code: ErrorCode, message: Type.String() },
  { title: 'ErrorDetail', additionalProperties: false },
);
export type ErrorDetail = Type.Static<typeof ErrorDetail>;

/** Every non-2xx JSON response body. */
export const ErrorBody = Type.Object({ error: ErrorDetail }, { title: 'ErrorBody', additionalProperties: false });
export type ErrorBody = Type.Static<typeof ErrorBody>;
