import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { describeError, type Logger } from '../logger.js';

/**
 * Expected errors (a GraphQLError raised on purpose, with an extensions.code) reach the client
 * as they are; anything else is logged with the request id and replaced by a masked error that
 * carries only that id, so a partner can quote it without learning anything internal.
 */
/**
 * By name, not instanceof: graphql ships CommonJS and ESM builds, and yoga and our resolvers can
 * load different ones (the dual-package hazard), so one build's errors fail the other's instanceof.
 */
const isGraphQLError = (error: unknown): error is GraphQLError =>
  error instanceof Error && error.name === 'GraphQLError';

export function useErrorMasking(logger: Logger): Plugin<{ requestId?: string }> {
  const mask = (error: GraphQLError, requestId: string): GraphQLError => {
    const original = error.originalError;
    // Raised on purpose (by us or by graphql-js validating the request): keep, tag with the id.
    if (original === undefined || original === null || isGraphQLError(original)) {
      const code = error.extensions.code ?? (isGraphQLError(original) ? original.extensions.code : undefined);
      return new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        extensions: { ...error.extensions, ...(code === undefined ? {} : { code }), requestId },
      });
    }
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
