import Type from 'typebox';
import { Id, Timestamp } from './common.js';
import { ErrorDetail } from './error.js';

export const ChatRequest = Type.Object(
  {
    question: Type.String({ minLength: 1, maxLength: 4000 }),
    /** Limit retrieval to these documents of the session. */
    documentIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
  },
  { title: 'ChatRequest', additionalProperties: false },
);
export type ChatRequest = Type.Static<typeof ChatRequest>;

/**
 * Extension, present only when the passage's text was recognised by OCR (the page's text layer
 * was empty or garbage): tesseract's mean word confidence, 0–100, lowest over the passage's pages.
 */
export const OcrConfidence = Type.Integer({ minimum: 0, maximum: 100, title: 'OcrConfidence' });

/** One numbered source handed to the answerer; `marker` is the `n` of `[n]`. */
export const RetrievedSource = Type.Object(
  {
    marker: Type.Integer({ minimum: 1 }),
    documentId: Id,
    documentName: Type.String(),
    chunkIndex: Type.Integer({ minimum: 0 }),
    pageStart: Type.Integer({ minimum: 1 }),
    pageEnd: Type.Integer({ minimum: 1 }),
    score: Type.Number(),
    ocrConfidence: Type.Optional(OcrConfidence),
  },
  { title: 'RetrievedSource', additionalProperties: false },
);
export type RetrievedSource = Type.Static<typeof RetrievedSource>;

export const Citation = Type.Object(
  {
    marker: Type.Integer({ minimum: 1 }),
    documentId: Id,
    documentName: Type.String(),
    page: Type.Integer({ minimum: 1 }),
    /** The cited passage, verbatim from the page text. */
    quote: Type.String(),
    score: Type.Number(),
    /** Extension: where the quote sits in the page text, for highlighting. */
    chunkIndex: Type.Optional(Type.Integer({ minimum: 0 })),
    charStart: Type.Optional(Type.Integer({ minimum: 0 })),
    charEnd: Type.Optional(Type.Integer({ minimum: 0 })),
    ocrConfidence: Type.Optional(OcrConfidence),
  },
  { title: 'Citation', additionalProperties: false },
);
export type Citation = Type.Static<typeof Citation>;

export const TokenUsage = Type.Object(
  { inputTokens: Type.Integer({ minimum: 0 }), outputTokens: Type.Integer({ minimum: 0 }) },
  { title: 'TokenUsage', additionalProperties: false },
);
export type TokenUsage = Type.Static<typeof TokenUsage>;

/**
 * How an answer ended: `answered` (grounded in the sources), `not_found` (nothing in the
 * documents cleared the relevance floor, said so instead of guessing), `stopped` (client
 * disconnected or pressed stop).
 */
export const AnswerOutcome = Type.Union(
  [Type.Literal('answered'), Type.Literal('not_found'), Type.Literal('stopped')],
  { title: 'AnswerOutcome' },
);
export type AnswerOutcome = Type.Static<typeof AnswerOutcome>;

/** SSE event payloads, in stream order. */
export const RetrievalEventData = Type.Object(
  {
    /** The stand-alone query actually searched (follow-ups are rewritten with the history). */
    query: Type.String(),
    sources: Type.Array(RetrievedSource),
  },
  { title: 'RetrievalEvent', additionalProperties: false },
);
export type RetrievalEventData = Type.Static<typeof RetrievalEventData>;

export const TokenEventData = Type.Object({ text: Type.String() }, { title: 'TokenEvent', additionalProperties: false });
export type TokenEventData = Type.Static<typeof TokenEventData>;

export const CitationsEventData = Type.Array(Citation, { title: 'CitationsEvent' });
export type CitationsEventData = Type.Static<typeof CitationsEventData>;

export const DoneEventData = Type.Object(
  {
    messageId: Id,
    outcome: AnswerOutcome,
    usage: Type.Optional(TokenUsage),
    stopReason: Type.Optional(Type.String()),
  },
  { title: 'DoneEvent', additionalProperties: false },
);
export type DoneEventData = Type.Static<typeof DoneEventData>;

export const ErrorEventData = ErrorDetail;
export type ErrorEventData = Type.Static<typeof ErrorEventData>;

export const chatEventNames = ['retrieval', 'token', 'citations', 'done', 'error'] as const;
export type ChatEventName = (typeof chatEventNames)[number];

/** A decoded chat SSE event. */
export type ChatStreamEvent =
  | { event: 'retrieval'; data: RetrievalEventData }
  | { event: 'token'; data: TokenEventData }
  | { event: 'citations'; data: CitationsEventData }
  | { event: 'done'; data: DoneEventData }
  | { event: 'error'; data: ErrorEventData };

export const ChatMessage = Type.Object(
  {
    messageId: Id,
    role: Type.Union([Type.Literal('user'), Type.Literal('assistant')]),
    content: Type.String(),
    citations: Type.Array(Citation),
    outcome: Type.Union([AnswerOutcome, Type.Null()]),
    createdAt: Timestamp,
  },
  { title: 'ChatMessage', additionalProperties: false },
);
export type ChatMessage = Type.Static<typeof ChatMessage>;

export const MessageList = Type.Object({ messages: Type.Array(ChatMessage) }, { title: 'MessageList', additionalProperties: false });
export type MessageList = Type.Static<typeof MessageList>;
