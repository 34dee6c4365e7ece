export { buildApp, API_VERSION, type App, type BuildAppOptions } from './app.js';
export { apiDefaults } from './app.defaults.js';
export { contentSecurityPolicy } from './plugins/security.js';
export { hashSessionToken, newSessionToken, sessionTokenMatches, bearerToken } from './auth/session-token.js';
export { ApiError } from './errors/api-error.js';
export { toErrorReply, type ErrorReply } from './errors/to-error-reply.js';
export { startServer, publicUrl, type RunningServer, type ServerOptions } from './server.js';
export { startLocalWorker } from './worker/start-local-worker.js';
