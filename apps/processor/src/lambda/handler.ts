/**
 * The processor Lambda's entry (`handler.handler`): SQS events from the job queue's event source
 * mapping (batch size 1, `ReportBatchItemFailures`). The configuration is read and the services
 * start wiring when the container initialises — outside the handler, once per container.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { startLambdaProcessor } from './lambda-processor.js';

const processor = startLambdaProcessor(process.env);

export async function handler(event: SQSEvent, context: Pick<Context, 'getRemainingTimeInMillis'>): Promise<SQSBatchResponse> {
  return processor.handle(event, context.getRemainingTimeInMillis());
}
