import Type from 'typebox';

export const HealthCheck = Type.Object(
  {
    ok: Type.Boolean(),
    latencyMs: Type.Number({ minimum: 0 }),
    /** Present when `ok` is false: what failed, without secrets. */
    error: Type.Optional(Type.String()),
  },
  { title: 'HealthCheck', additionalProperties: false },
);
export type HealthCheck = Type.Static<typeof HealthCheck>;

export const HealthResponse = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
    checks: Type.Object(
      { db: HealthCheck, queue: HealthCheck, vectors: HealthCheck, blobs: HealthCheck },
      { additionalProperties: false },
    ),
  },
  { title: 'HealthResponse', additionalProperties: false },
);
export type HealthResponse = Type.Static<typeof HealthResponse>;
