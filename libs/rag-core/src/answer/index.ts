export { numberSources, toRetrievedSource, type NumberSourcesOptions } from './number-sources.js';
export { defaultMaxOverlapRatio, defaultMaxSources, defaultSourceTokenBudget } from './number-sources.defaults.js';
export { buildAnswerPrompt, formatSources, type AnswerPrompt, type AnswerPromptOptions } from './prompt.js';
export { answerSystemPrompt, defaultMaxHistoryTurnChars, defaultMaxHistoryTurns, promptDelimiterTags } from './prompt.defaults.js';
export { NOT_FOUND_ANSWER, saysNotFound } from './not-found.js';
export { CitationParser, parseCitations, type CitationParserOptions, type ParsedAnswer } from './citation-parser.js';
export { citationMarkerPattern, markerNumbers, stripCitationMarkers } from './citation-markers.js';
export { bestSupportingQuote, defaultMaxQuoteChars, type Quote } from './best-quote.js';
export { neutraliseDelimiters, escapeAttribute } from './untrusted-text.js';
