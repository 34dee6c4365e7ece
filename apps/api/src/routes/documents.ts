import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { create as contentDisposition } from 'content-disposition';
import { newId } from '@student-helper/persistence';
import { DocumentError, inspectPdf, sniffPdf } from '@student-helper/rag-core';
import { DocumentInfo, IdParams, UploadAccepted } from '@student-helper/shared-types';
import Type from 'typebox';
import { apiDefaults } from '../app.defaults.js';
import { authorizeSession } from '../auth/authorize.js';
import { ApiError, documentNotFound } from '../errors/api-error.js';
import { rangeRequest } from '../http/byte-range.js';
import { abortWhenClientGone, ClientGoneError } from '../http/client-gone.js';
import { sendStream } from '../http/send-stream.js';
import { errorResponses, sessionTokenSecurity } from '../schemas/route-schemas.js';
import { documentBlobKey } from '../upload/document-blob-key.js';
import { readPdfUpload } from '../upload/read-pdf-upload.js';

/** Documented for OpenAPI only: the handler reads and checks the multipart stream itself. */
const UploadBody = Type.Object(
  { file: Type.String({ format: 'binary', description: 'The PDF (magic bytes, size and page count are checked).' }) },
  { required: ['file'], title: 'DocumentUpload' },
);

/** Upload, read, download (with Range) and delete a session's documents. */
export const documentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { services, appConfig: config } = app;

  app.post(
    '/api/sessions/:sid/documents',
    {
      schema: {
        summary: 'Upload a PDF; it is processed in the background',
        description:
          'multipart/form-data with one file in the field `file`. Refused at once when too large (413), not a PDF (415 `NOT_A_PDF`), ' +
          'or unreadable (422 `ENCRYPTED_PDF`, `CORRUPT_PDF`, `TOO_MANY_PAGES`, `PARSE_TIMEOUT`); otherwise stored and queued (202).',
        tags: ['documents'],
        security: sessionTokenSecurity,
        consumes: ['multipart/form-data'],
        multipartBody: UploadBody,
        params: IdParams.session,
        response: { 202: UploadAccepted, ...errorResponses(400, 401, 404, 413, 415, 422, 429, 503) },
      },
      config: { rateLimit: { max: config.rateLimit.uploadMax, timeWindow: config.rateLimit.windowMs } },
    },
    async (request, reply) => {
      const session = await authorizeSession(services, request, request.params.sid);
      const upload = await readPdfUpload(request, { maxBytes: config.uploads.maxBytes, overheadBytes: apiDefaults.multipartOverheadBytes });
      if (!sniffPdf(upload.bytes)) throw new DocumentError('NOT_A_PDF');
      const clientGone = abortWhenClientGone(reply, () => new ClientGoneError());
      const { pageCount } = await inspectPdf(upload.bytes, { maxPages: config.uploads.maxPages, signal: clientGone.signal });

      const documentId = newId();
      const key = documentBlobKey(session.sessionId, documentId);
      await services.blobs.put(key, upload.bytes, { contentType: 'application/pdf' });
      let document: DocumentInfo;
      try {
        document = await services.documents.create({ sessionId: session.sessionId, filename: upload.filename, sizeBytes: upload.bytes.length, blobKey: key, documentId });
      } catch (error) {
        await services.blobs.delete(key).catch((cleanup: unknown) => request.log.error({ err: cleanup, key }, 'could not remove the blob of a failed upload'));
        throw error;
      }
      try {
        await services.queue.send({ jobId: document.jobId, documentId, sessionId: session.sessionId, key, size: upload.bytes.length });
      } catch (error) {
        request.log.error({ err: error, documentId }, 'could not enqueue the document; upload undone');
        await services.documents.delete(session.sessionId, documentId);
        await services.blobs.delete(key);
        throw new ApiError(503, 'SERVICE_UNAVAILABLE', 'The processing queue is not available. Please upload the file again in a moment.', { cause: error });
      }
      request.log.info({ sessionId: session.sessionId, documentId, jobId: document.jobId, sizeBytes: upload.bytes.length, pageCount }, 'document uploaded');
      return reply
        .code(202)
        .header('location', `/api/sessions/${session.sessionId}/documents/${documentId}`)
        .send({ documentId, jobId: document.jobId, status: document.status });
    },
  );

  app.get(
    '/api/sessions/:sid/documents/:did',
    {
      schema: {
        summary: 'Document metadata: status, stage, progress, page and chunk counts, error',
        tags: ['documents'],
        security: sessionTokenSecurity,
        params: IdParams.document,
        response: { 200: DocumentInfo, ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request) => {
      const session = await authorizeSession(services, request, request.params.sid);
      const document = await services.documents.get(session.sessionId, request.params.did);
      if (!document) throw documentNotFound();
      return document;
    },
  );

  app.get(
    '/api/sessions/:sid/documents/:did/file',
    {
      schema: {
        summary: 'The original PDF (supports Range requests)',
        tags: ['documents'],
        security: sessionTokenSecurity,
        params: IdParams.document,
        produces: ['application/pdf'],
        response: {
          200: Type.String({ format: 'binary', description: 'The whole PDF.' }),
          206: Type.String({ format: 'binary', description: 'The requested byte range (`Content-Range`).' }),
          ...errorResponses(400, 401, 404, 416, 429),
        },
      },
    },
    async (request, reply) => {
      const session = await authorizeSession(services, request, request.params.sid);
      const document = await services.documents.get(session.sessionId, request.params.did);
      if (!document) throw documentNotFound();
      const size = document.sizeBytes;
      const wanted = rangeRequest(request.headers.range, size);
      reply.header('accept-ranges', 'bytes');
      if (wanted.kind === 'unsatisfiable') {
        reply.header('content-range', `bytes */${size}`);
        throw new ApiError(416, 'RANGE_NOT_SATISFIABLE', `The requested range is outside the file (${size} bytes).`);
      }
      const key = (await services.documents.findForProcessing(document.documentId))?.blobKey;
      if (key === undefined) throw documentNotFound();
      const blob = await services.blobs.read(key, wanted.kind === 'partial' ? wanted.range : undefined);
      reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition(document.filename, { type: 'inline' }))
        .header('cache-control', 'private, no-cache')
        .header('x-content-type-options', 'nosniff');
      if (wanted.kind === 'partial' && blob.range) {
        const { start, end } = blob.range;
        reply.code(206).header('content-range', `bytes ${start}-${end}/${blob.size}`).header('content-length', end - start + 1);
      } else {
        reply.code(200).header('content-length', blob.size);
      }
      return sendStream(reply, blob.stream);
    },
  );

  app.delete(
    '/api/sessions/:sid/documents/:did',
    {
      schema: {
        summary: 'Delete the document: its file, rows, chunks and vectors',
        tags: ['documents'],
        security: sessionTokenSecurity,
        params: IdParams.document,
        response: { 204: Type.Null({ description: 'Deleted.' }), ...errorResponses(400, 401, 404, 429, 500) },
      },
    },
    async (request, reply) => {
      const session = await authorizeSession(services, request, request.params.sid);
      const deleted = await services.documents.delete(session.sessionId, request.params.did);
      if (!deleted) throw documentNotFound();
      // The row is gone first: a processor still working on the document notices and removes
      // what it writes after this point; everything written before goes here.
      const results = await Promise.allSettled([
        services.blobs.delete(deleted.blobKey),
        services.chunks.deleteDocument(deleted.documentId),
        services.vectors.deleteDocument({ sessionId: deleted.sessionId, documentId: deleted.documentId, chunkCount: deleted.vectorChunkCount }),
      ]);
      const failures = results.flatMap((result, i) => (result.status === 'rejected' ? [{ part: ['blob', 'chunks', 'vectors'][i], err: result.reason }] : []));
      if (failures.length > 0) {
        request.log.error({ documentId: deleted.documentId, blobKey: deleted.blobKey, failures }, 'document deleted but some of its data could not be removed');
        throw new Error(`Removing the data of document ${deleted.documentId} failed.`);
      }
      request.log.info({ sessionId: session.sessionId, documentId: deleted.documentId }, 'document deleted');
      return reply.code(204).send(null);
    },
  );
};
