export { numberSources, toRetrievedSource, type NumberSourcesOptions } from './number-sources.js';
export { defaultMaxOverlapRatio, defaultMaxSources, defaultSourceTokenBudget } from './number-sources.defaults.js';
export { buildAnswerPrompt, formatSources, type AnswerPrompt, type AnswerPromptOptions } from './prompt.js';
export { answerSystemPrompt, defaultMaxHistoryTurnChars, defaultMaxHistoryTurns, promptDelimiterTags } from './prompt.defaults.js';
export { NOT_FOUND_ANSWER, saysNotFound } from './not-found.js';
export { CitationParser, parseCitations, type CitationParserOptions, type ParsedAnswer } from './citation-parser.js';
export { citationMarkerPattern, markerNumbers, stripCitationMarkers } from './citation-markers.js';
export { bestSupportingQuote, defaultMaxQuoteChars, type Quote } from './best-quote.js';
export { neutraliseDelimiters, escapeAttribute } from './untrusted-text.js';
export { ExtractiveAnswerer } from './extractive-answerer.js';
export { extractiveAnswererDefaults, extractiveModelId, type ExtractiveAnswererOptions } from './extractive-answerer.defaults.js';
export { composeExtractiveAnswer, selectAnswerSentences, type ExtractedSentence } from './extractive-answer.js';
export { streamTokens } from './stream-tokens.js';
export {
  answerQuestion,
  collectAnswer,
  type AnswerDoneData,
  type AnsweredMessage,
  type AnswerQuestionDeps,
  type AnswerQuestionRequest,
  type AnswerStreamEvent,
} from './answer-question.js';
export { defaultRetrievalTopK } from './answer-question.defaults.js';
