import type { Env } from '../env.js';
import type { QueryLimits } from './query-limits.js';

/** The query limits configured by CANDOR_MAX_* (env.ts). */
export const queryLimitsFrom = (env: Env): QueryLimits => ({
  maxDepth: env.CANDOR_MAX_DEPTH,
  maxAliases: env.CANDOR_MAX_ALIASES,
  maxDirectives: env.CANDOR_MAX_DIRECTIVES,
  maxTokens: env.CANDOR_MAX_TOKENS,
  maxDocumentChars: env.CANDOR_MAX_DOCUMENT_CHARS,
  maxCost: env.CANDOR_MAX_COST,
  maxInputList: env.CANDOR_MAX_INPUT_LIST,
});
