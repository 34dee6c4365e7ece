import type { DocumentRepository, PostgresJobQueue } from '@student-helper/persistence';

export interface RedriveResult {
  /** Messages moved back to the queue. */
  messages: number;
  /** Their documents reset to `queued` (documents deleted since, or already ready, are not counted). */
  documentsReset: number;
}

/**
 * Gives dead-lettered jobs another round: their documents go back to `queued` first, then
 * exactly those messages return to the queue. In that order, because a worker receiving a
 * message whose document is still `failed` would skip it as finished.
 */
export async function redriveDeadLetters(deps: {
  queue: Pick<PostgresJobQueue, 'deadLetters' | 'redrive'>;
  documents: Pick<DocumentRepository, 'resetToQueued'>;
}): Promise<RedriveResult> {
  const deadLetters = await deps.queue.deadLetters();
  if (deadLetters.length === 0) return { messages: 0, documentsReset: 0 };
  const documentsReset = await deps.documents.resetToQueued(deadLetters.map((letter) => letter.body.documentId));
  const moved = await deps.queue.redrive({ messageIds: deadLetters.map((letter) => letter.messageId) });
  return { messages: moved.length, documentsReset };
}
