/**
 * Where the API lives. Empty means the page's own origin (the API serves the web build under
 * `npm start`, and Vite proxies `/api` in development); the CloudFront deployment can set
 * `VITE_API_BASE` at build time to an absolute origin.
 */
export function resolveApiBase(configured: string | undefined): string {
  return (configured ?? '').trim().replace(/\/+$/, '');
}

export const apiBase = resolveApiBase(import.meta.env.VITE_API_BASE as string | undefined);
