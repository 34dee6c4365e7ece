import Type from 'typebox';
import { Id, Timestamp } from './common.js';
import { DocumentInfo } from './document.js';

export const SessionTitle = Type.String({ minLength: 1, maxLength: 200 });

export const CreateSessionRequest = Type.Object(
  { title: Type.Optional(SessionTitle) },
  { title: 'CreateSessionRequest', additionalProperties: false },
);
export type CreateSessionRequest = Type.Static<typeof CreateSessionRequest>;

/** 201 body. The token is shown once; the server keeps only its hash. */
export const CreateSessionResponse = Type.Object(
  { sessionId: Id, token: Type.String({ minLength: 43 }) },
  { title: 'CreateSessionResponse', additionalProperties: false },
);
export type CreateSessionResponse = Type.Static<typeof CreateSessionResponse>;

/** `PATCH /api/sessions/:sid` (extension: rename). */
export const UpdateSessionRequest = Type.Object(
  { title: SessionTitle },
  { title: 'UpdateSessionRequest', additionalProperties: false },
);
export type UpdateSessionRequest = Type.Static<typeof UpdateSessionRequest>;

export const SessionInfo = Type.Object(
  {
    sessionId: Id,
    title: Type.String(),
    createdAt: Timestamp,
    documents: Type.Array(DocumentInfo),
  },
  { title: 'Session', additionalProperties: false },
);
export type SessionInfo = Type.Static<typeof SessionInfo>;
