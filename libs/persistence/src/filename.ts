import { filenameDefaults } from './filename.defaults.js';

// C0/C1 controls, bidi overrides and isolates (which can make "gpj.pdf" display as "fdp.jpg").
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafeCharacters = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The display name kept for an uploaded file: the last path segment of what the client sent,
 * NFC-normalised, without control or bidi-override characters, whitespace collapsed, at most
 * `maxLength` characters (the extension is kept when shortening). A name that is empty or only
 * dots becomes the fallback. It is only ever displayed: files are stored under generated keys.
 */
export function sanitizeFilename(raw: string, options: { maxLength?: number; fallback?: string } = {}): string {
  const maxLength = options.maxLength ?? filenameDefaults.maxLength;
  const fallback = options.fallback ?? filenameDefaults.fallback;
  const lastSegment = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment.normalize('NFC').replace(unsafeCharacters, '').replace(/\s+/g, ' ').trim();
  if (/^\.*$/.test(cleaned)) return fallback;
  const characters = [...cleaned];
  if (characters.length <= maxLength) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? [...cleaned.slice(dot)] : [];
  if (extension.length > maxLength / 2) return characters.slice(0, maxLength).join('').trim();
  return `${characters.slice(0, maxLength - extension.length).join('').trimEnd()}${extension.join('')}`;
}
