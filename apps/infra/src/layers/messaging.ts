import { JobQueue } from '@student-helper/messaging';
import type { LayerContext } from './context.js';

/** The document job queue, sized from the processor's timeout (decision 0012). */
export function messagingLayer({ config, namer, tags }: LayerContext) {
  const jobs = new JobQueue(namer.name('jobs'), {
    consumerTimeoutSeconds: config.lambdaTimeoutSeconds,
    visibilityTimeoutSeconds: config.queueVisibilityTimeoutSeconds,
    maxReceiveCount: config.queueMaxReceiveCount,
    tags,
  });
  return { jobs };
}

export type MessagingLayer = ReturnType<typeof messagingLayer>;
