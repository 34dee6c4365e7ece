export { type HttpApiArgs, HttpApi } from './http-api.js';
export { ACCESS_LOG_FORMAT, HTTP_API_DEFAULTS, type HttpApiSettings, assertIntegrationUri, resolveHttpApiSettings } from './http-api.defaults.js';
export { type CdnArgs, Cdn, type StreamingOriginArgs } from './cdn.js';
export { STREAMING_ORIGIN_DEFAULTS, type StreamingOriginSettings, resolveStreamingOriginSettings } from './streaming-origin.defaults.js';
export {
  CDN_DEFAULTS,
  type CdnSettings,
  MANAGED_POLICY_IDS,
  PRICE_CLASSES,
  type PriceClass,
  SPA_FALLBACKS,
  SPA_REWRITE_FUNCTION,
  type SpaFallback,
  resolveCdnSettings,
} from './cdn.defaults.js';
