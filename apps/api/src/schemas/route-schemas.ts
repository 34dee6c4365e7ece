import { ErrorBody } from '@student-helper/shared-types';

/** The OpenAPI security requirement of session-scoped routes (scheme declared in plugins/openapi.ts). */
export const sessionTokenSecurity = [{ sessionToken: [] }];

/** `{ 401: ErrorBody, 404: ErrorBody, … }` for a route's error statuses. */
export function errorResponses<const S extends number>(...statuses: S[]): Record<S, typeof ErrorBody> {
  return Object.fromEntries(statuses.map((status) => [status, ErrorBody])) as Record<S, typeof ErrorBody>;
}
