import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const SUGGESTION = /\s*Did you mean .*\?$/;

/**
 * Drops graphql-js's "Did you mean …?" hints from validation errors, so a caller with
 * introspection switched off cannot enumerate the schema by guessing field names.
 */
export function useHideSuggestions(): Plugin {
  return {
    onValidate() {
      return ({ result, setResult }) => {
        if (result.length === 0 || !result.some((error) => SUGGESTION.test(error.message))) return;
        setResult(
          result.map((error) =>
            SUGGESTION.test(error.message)
              ? new GraphQLError(error.message.replace(SUGGESTION, ''), {
                  nodes: error.nodes,
                  source: error.source,
                  positions: error.positions,
                  extensions: error.extensions,
                })
              : error,
          ),
        );
      };
    },
  };
}
