import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';

export interface PdfUpload {
  /** As the client named it (sanitised when stored). */
  filename: string;
  bytes: Buffer;
}

export interface UploadLimits {
  maxBytes: number;
  /** Allowance for multipart framing when checking `Content-Length` up front. */
  overheadBytes: number;
}

/** Form fields besides the file that are tolerated (and ignored). */
const MAX_FIELDS = 10;

/**
 * Reads the multipart field `file` into memory, never to disk, so no path of the upload can
 * leave a temporary file behind. A request whose declared length already exceeds the limit is
 * refused before any byte is read; a file that grows past it while streaming stops there
 * (`@fastify/multipart` raises FST_REQ_FILE_TOO_LARGE, answered with 413). A second file is a
 * 400; other fields are ignored.
 */
export async function readPdfUpload(request: FastifyRequest, limits: UploadLimits): Promise<PdfUpload> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes + limits.overheadBytes) throw tooLarge(limits.maxBytes);
  if (!request.isMultipart()) {
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the PDF as multipart/form-data in the field "file".');
  }
  let upload: PdfUpload | undefined;
  try {
    const parts = request.parts({ limits: { fileSize: limits.maxBytes, files: 1, fields: MAX_FIELDS, parts: MAX_FIELDS + 1 } });
    for await (const part of parts) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw new ApiError(400, 'VALIDATION_ERROR', `Send the PDF in the field "file", not "${part.fieldname}".`);
      }
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw tooLarge(limits.maxBytes);
      upload = { filename: part.filename, bytes };
    }
  } catch (error) {
    if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(limits.maxBytes);
    throw error;
  }
  if (!upload) throw new ApiError(400, 'VALIDATION_ERROR', 'The upload has no file: send the PDF in the multipart field "file".');
  return upload;
}

export function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'PAYLOAD_TOO_LARGE', `This file is larger than the upload limit of ${formatBytes(maxBytes)}.`);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}
