import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { describeError, type Logger } from '../logger.js';

/**
 * Expected errors (a GraphQLError raised on purpose, with an extensions.code) reach the client
 * as they are; anything else is logged with the request id and replaced by a masked error that
 * carries only that id, so a partner can quote it without learning anything internal.
 */
export function useErrorMasking(logger: Logger): Plugin<{ requestId?: string }> {
  const mask = (error: GraphQLError, requestId: string): GraphQLError => {
    const original = error.originalError;
    const expected = original === undefined || original === null || original instanceof GraphQLError;
    if (expected && typeof error.extensions.code === 'string') {
      return new GraphQLError(error.message, {
        nodes: error.nodes,
        path: error.path,
        extensions: { ...error.extensions, requestId },
      });
    }
    if (expected && original === undefined) return error;
    logger.error('unexpected error', { requestId, path: error.path?.join('.'), ...describeError(original ?? error) });
    return new GraphQLError('Unexpected error.', {
      nodes: error.nodes,
      path: error.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
    });
  };
  return {
    onExecute({ args }) {
      const requestId = (args.contextValue as { requestId?: string }).requestId ?? 'unknown';
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || result.errors === undefined) return;
          setResult({ ...result, errors: result.errors.map((error) => mask(error, requestId)) });
        },
      };
    },
  };
}
