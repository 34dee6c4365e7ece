export { OpenAiEmbedder, type OpenAiEmbedderOptions } from './openai-embedder.js';
export { openAiEmbedderDefaults } from './openai-embedder.defaults.js';
export { OpenAiChatModel, type OpenAiChatModelOptions } from './openai-chat-model.js';
export { openAiChatModelDefaults, stopReasons } from './openai-chat-model.defaults.js';
export { createOpenAiClient, type OpenAiEndpointOptions } from './client.js';
export { openAiClientDefaults } from './client.defaults.js';
export { toModelError, type ModelContext } from './openai-errors.js';
