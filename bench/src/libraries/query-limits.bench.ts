/**
 * The query limits (ADR 0007): Candor's hand-written checks (apps/api/src/limits) against
 * graphql-armor's rules (max-tokens, max-depth, max-aliases, max-directives, cost-limit) and
 * @pothos/plugin-complexity's validation rule, on the real schema, every limit at its default.
 *
 * Timed, per operation (a small read, the partner guide's versions-with-clauses read, the deep
 * nested query of `pnpm bench`):
 * - first sight of a document: the source's limits, parse, graphql-js validation and the
 *   operation's limits — what an uncached document costs. "graphql-js alone" (parse + validate,
 *   no limits) is the floor; a contender's overhead is its time minus that row.
 * - tokens + parse: our separate count before parsing vs graphql-armor's counting parser (and
 *   graphql-js's own `maxTokens` option).
 * - the operation's limits alone, on a parsed document: our shape (depth, aliases, directives,
 *   literal inputs) and cost vs graphql-armor's four rules run as validation runs them, on one
 *   ValidationContext — their share of the validation pass they join.
 * - again: what runs per request once the document is known. yoga caches parsing and validation
 *   by document, so graphql-armor's rules then cost nothing; ours re-reads the variables (a page
 *   size may come from one) against the cached shape.
 * Then, untimed, what each one measures of the same operations: the semantic differences.
 *
 * Run: pnpm --dir bench exec tsx src/libraries/query-limits.bench.ts
 */
import { loadEnv } from '@candor/api';
import { schema } from '@candor/schema';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { createComplexityRule } from '@pothos/plugin-complexity';
import {
  type DocumentNode,
  type GraphQLError,
  type OperationDefinitionNode,
  parse,
  specifiedRules,
  TypeInfo,
  ValidationContext,
  type ValidationRule,
  validate,
} from 'graphql';
// Not yet behind @candor/api/benchmarked (the door bench/src/libraries uses): a relative import until it is.
import { operationShape } from '../../../apps/api/src/limits/operation-shape.js';
import { checkDocumentSource, measureOperation } from '../../../apps/api/src/limits/query-limits.js';
import { queryLimitsFrom } from '../../../apps/api/src/limits/query-limits-from-env.js';
import { tokenCount } from '../../../apps/api/src/limits/tokens.js';
import { NESTED_QUERY, TERMS } from '../api-scenarios.js';
import { table } from '../report.js';
import { compare, type Workload } from './compare.js';

const limits = queryLimitsFrom(loadEnv({}));
/**
 * Their depth counts a connection's `edges` and `node` as levels, ours does not (docs/partner-api.md,
 * "Depth"): the deep query is 5 on ours and 7 on theirs. Timed with room for one connection's
 * plumbing, so that every contender accepts every timed operation and the same path is measured.
 */
const theirMaxDepth = limits.maxDepth + 2;

interface Operation {
  name: string;
  source: string;
  variables: Record<string, unknown>;
}

/** Timed: what partners send. */
const timed: readonly Operation[] = [
  { name: 'small: segments', source: '{ segments { key name } }', variables: {} },
  {
    // docs/partner-api.md's worked example, as a client library sends it: named, with variables.
    name: 'partner: 20 versions with clauses',
    source: `query Versions($slug: String!, $first: Int = 20) {
  document(slug: $slug) {
    title
    versions(first: $first) {
      pageInfo { hasNextPage endCursor }
      edges { node { label effectiveAt clauses { key heading } } }
    }
  }
}`,
    variables: { slug: TERMS, first: 20 },
  },
  { name: 'deep: pnpm bench nested query', source: NESTED_QUERY, variables: {} },
];

/** Untimed: where the models disagree. */
const revealing: readonly Operation[] = [
  ...timed,
  {
    name: 'everything at once (literal page sizes)',
    source:
      '{ documents(first: 100) { edges { node { versions(first: 100) { edges { node { clauses { key } } } } } } } }',
    variables: {},
  },
  {
    name: 'everything at once (page sizes in variables)',
    source:
      'query All($n: Int) { documents(first: $n) { edges { node { versions(first: $n) { edges { node { clauses { key } } } } } } } }',
    variables: { n: 100 },
  },
  { name: '__typename only', source: '{ __typename }', variables: {} },
];

/** graphql-armor's rules at our limits; a refusal reported to validation (not thrown), as its envelop plugins do. */
const armorRules = (onMeasured?: (rule: string, n: number) => void): ValidationRule[] => {
  const handlers = (rule: string) => ({
    propagateOnRejection: false,
    onAccept: onMeasured === undefined ? [] : [(_context: unknown, { n }: { n: number }) => onMeasured(rule, n)],
    onReject: [
      (context: { reportError(error: GraphQLError): void } | null, error: GraphQLError) => context?.reportError(error),
    ],
  });
  const unlimited = onMeasured !== undefined;
  return [
    maxDepthRule({ n: unlimited ? Number.MAX_SAFE_INTEGER : theirMaxDepth, ...handlers('depth') }),
    maxAliasesRule({ n: unlimited ? Number.MAX_SAFE_INTEGER : limits.maxAliases, ...handlers('aliases') }),
    maxDirectivesRule({ n: unlimited ? Number.MAX_SAFE_INTEGER : limits.maxDirectives, ...handlers('directives') }),
    costLimitRule({ maxCost: unlimited ? Number.MAX_SAFE_INTEGER : limits.maxCost, ...handlers('cost') }),
  ] as ValidationRule[];
};
const armor = [...specifiedRules, ...armorRules()];

const pothosRule = (operation: Operation, onResult?: (result: { complexity: number; depth: number }) => void) =>
  createComplexityRule({
    context: {},
    variableValues: operation.variables,
    maxComplexity: onResult === undefined ? limits.maxCost : undefined,
    maxDepth: onResult === undefined ? theirMaxDepth : undefined,
    onResult,
  });

const expectValid = (errors: readonly GraphQLError[], who: string, operation: Operation) => {
  if (errors.length > 0) throw new Error(`${who} refused ${operation.name}: ${errors[0]?.message}`);
};

/** Ours, as the request pipeline runs it on a document it has not seen. */
function oursFirstSight(operation: Operation): void {
  const refused = checkDocumentSource(operation.source, limits);
  if (refused !== undefined) throw new Error(refused.message);
  const document = parse(operation.source);
  expectValid(validate(schema, document), 'graphql-js', operation);
  const { violation } = measureOperation({ schema, document, variables: operation.variables }, limits);
  if (violation !== undefined) throw new Error(violation.message);
}

function armorFirstSight(operation: Operation): void {
  const document = new MaxTokensParserWLexer(operation.source, { n: limits.maxTokens }).parseDocument();
  expectValid(validate(schema, document, armor), 'graphql-armor', operation);
}

function pothosFirstSight(operation: Operation): void {
  const document = parse(operation.source);
  expectValid(validate(schema, document, [...specifiedRules, pothosRule(operation)]), 'plugin-complexity', operation);
}

function graphqlAlone(operation: Operation): void {
  expectValid(validate(schema, parse(operation.source)), 'graphql-js', operation);
}

/** graphql-armor's four operation rules, run on the operation as validation would run them. */
const armorOperationRules = armorRules();
function armorOperationLimits(document: DocumentNode): void {
  const context = new ValidationContext(schema, document, new TypeInfo(schema), (error) => {
    throw error;
  });
  const operation = document.definitions[0] as OperationDefinitionNode;
  for (const rule of armorOperationRules) {
    const visitor = rule(context) as { OperationDefinition: { enter: (node: OperationDefinitionNode) => void } };
    visitor.OperationDefinition.enter.call(visitor, operation);
  }
}

const workloads: Workload[] = timed.flatMap((operation) => {
  const cached: DocumentNode = parse(operation.source);
  return [
    {
      name: `${operation.name}, first sight (limits + parse + validate)`,
      ours: { name: 'ours (apps/api/src/limits)', run: () => oursFirstSight(operation) },
      theirs: [
        { name: 'graphql-armor (5 rules)', run: () => armorFirstSight(operation) },
        { name: '@pothos/plugin-complexity (cost, depth only)', run: () => pothosFirstSight(operation) },
        { name: 'graphql-js alone, no limits (floor)', run: () => graphqlAlone(operation) },
      ],
    },
    {
      name: `${operation.name}, tokens + parse`,
      ours: {
        name: 'ours: tokenCount, then parse',
        run: () => tokenCount(operation.source) <= limits.maxTokens && parse(operation.source),
      },
      theirs: [
        {
          name: 'graphql-armor: counting parser',
          run: () => new MaxTokensParserWLexer(operation.source, { n: limits.maxTokens }).parseDocument(),
        },
        {
          name: 'graphql-js: parse(…, { maxTokens })',
          run: () => parse(operation.source, { maxTokens: limits.maxTokens }),
        },
        { name: 'graphql-js: parse, no limit (floor)', run: () => parse(operation.source) },
      ],
    },
    {
      name: `${operation.name}, operation limits alone (parsed document)`,
      ours: {
        name: 'ours: shape + cost, measured afresh',
        // A shallow copy is a document the shape cache has not seen: measured from scratch.
        run: () => measureOperation({ schema, document: { ...cached }, variables: operation.variables }, limits),
      },
      theirs: [{ name: 'graphql-armor: depth, aliases, directives, cost', run: () => armorOperationLimits(cached) }],
    },
    {
      name: `${operation.name}, again (document cached)`,
      ours: {
        name: 'ours: the variables against the cached shape',
        run: () => measureOperation({ schema, document: cached, variables: operation.variables }, limits),
      },
      // graphql-armor's rules run inside validation, which yoga caches by document: nothing runs again.
      theirs: [],
    },
  ];
});

/** What each one measures: depth and cost on its own model, every limit lifted. */
const rows = revealing.map((operation) => {
  const document = parse(operation.source);
  const ours = operationShape(schema, document, null);
  if (ours === null) throw new Error(`${operation.name}: no operation`);
  const armorMeasured = new Map<string, number>();
  validate(
    schema,
    document,
    armorRules((rule, n) => armorMeasured.set(rule, n)),
  );
  let pothos = { complexity: Number.NaN, depth: Number.NaN };
  validate(schema, document, [pothosRule(operation, (result) => (pothos = result))]);
  return [
    operation.name,
    ours.depth,
    armorMeasured.get('depth') ?? '—',
    pothos.depth,
    ours.costFor(operation.variables).toLocaleString('en-GB'),
    (armorMeasured.get('cost') ?? Number.NaN).toLocaleString('en-GB'),
    pothos.complexity.toLocaleString('en-GB'),
  ];
});
console.log('\n## What each one measures (limits lifted)\n');
console.log(
  table(
    [
      'operation',
      'depth: ours',
      'depth: armor',
      'depth: plugin-complexity',
      'cost: ours',
      'cost: armor',
      'cost: plugin-complexity',
    ],
    rows,
  ),
);

await compare('Query limits: ours vs graphql-armor and @pothos/plugin-complexity (ADR 0007)', workloads);
