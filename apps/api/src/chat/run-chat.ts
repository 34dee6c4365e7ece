import { answerQuestion, ModelError, type ChatTurn } from '@student-helper/rag-core';
import type { Services } from '@student-helper/runtime';
import type { ChatStreamEvent, ErrorDetail } from '@student-helper/shared-types';

export interface ChatRun {
  sessionId: string;
  question: string;
  documentIds?: readonly string[];
  /** Earlier turns, oldest first. */
  history: readonly ChatTurn[];
  /** documentId → the name citations show. */
  documentNames: ReadonlyMap<string, string>;
  /** Aborted when the client disconnects or the server shuts down. */
  signal: AbortSignal;
}

export interface ChatLogger {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * Answers one question as chat events: stores the question, streams rag-core's answer
 * (`retrieval`, `token`…, `citations`), stores the answer with its citations and outcome, then
 * emits `done` with the stored message's id. A stop (client gone, shutdown) still stores what
 * was said, with outcome `stopped`. Any failure becomes an `error` event. Never rejects.
 */
export async function runChat(services: Services, run: ChatRun, emit: (event: ChatStreamEvent) => void, log: ChatLogger): Promise<void> {
  try {
    await services.messages.appendUser(run.sessionId, run.question);
    const events = answerQuestion(
      {
        retriever: services.retriever,
        chatModel: services.chatModel,
        rewriter: services.rewriter,
        documentName: (documentId) => run.documentNames.get(documentId) ?? 'document',
      },
      {
        sessionId: run.sessionId,
        question: run.question,
        history: run.history,
        ...(run.documentIds?.length ? { documentIds: run.documentIds } : {}),
        signal: run.signal,
      },
    );
    for await (const event of events) {
      if (event.event !== 'done') {
        emit(event);
        continue;
      }
      const { answer } = event;
      const stored = await services.messages.appendAssistant(run.sessionId, { content: answer.content, citations: answer.citations, outcome: answer.outcome });
      log.info({ sessionId: run.sessionId, messageId: stored.messageId, outcome: answer.outcome, citations: answer.citations.length, model: answer.modelId }, 'question answered');
      emit({ event: 'done', data: { messageId: stored.messageId, ...event.data } });
    }
  } catch (error) {
    const detail = errorDetail(error);
    if (detail.code === 'INTERNAL_ERROR') log.error({ err: error, sessionId: run.sessionId }, 'answering failed');
    else log.info({ sessionId: run.sessionId, code: detail.code }, 'the model could not answer');
    emit({ event: 'error', data: detail });
  }
}

function errorDetail(error: unknown): ErrorDetail {
  if (error instanceof ModelError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL_ERROR', message: 'Something went wrong while answering. Please ask again.' };
}
