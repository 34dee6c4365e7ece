/**
 * Where an uploaded PDF is stored. Built from server ids only: the client's filename never
 * reaches a path or key, so `../../etc/passwd.pdf` is just a display name.
 */
export function documentBlobKey(sessionId: string, documentId: string): string {
  return `sessions/${sessionId}/${documentId}.pdf`;
}
