import { createRequire } from 'node:module';

/**
 * graphql-js as the schema was built with it. graphql ships CommonJS and ESM builds without an
 * `exports` map: Node (and so Pothos, yoga and the schema) loads the CommonJS one, while a bundler
 * that honours `module` (vitest's transform of this app's sources) loads the ESM one, and
 * graphql-js refuses a schema from the other build ("Cannot use GraphQLSchema … from another
 * module or realm"). The functions that check the schema's classes (validate, execute, variable
 * coercion) are therefore taken from the build Node loads, whatever transformed this file.
 */
export const graphqlRuntime = createRequire(import.meta.url)('graphql') as typeof import('graphql');
