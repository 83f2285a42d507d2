/**
 * fast-check arbitraries for hostile GraphQL requests against the public schema: garbage text,
 * token soup, and syntactically valid documents built by walking the schema with random
 * arguments (right and wrong types), aliases, fragments, directives and variables.
 */

import fc from 'fast-check';
import {
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';

export interface GeneratedRequest {
  query: string;
  variables: unknown;
  operationName?: string;
}

/** Values that exist in the sample data, so some generated requests reach deep resolvers. */
export interface KnownValues {
  strings: string[];
  ids: string[];
}

type G = fc.GeneratorValue;

const pick = <T>(g: G, items: readonly T[]): T => items[g(fc.nat, { max: items.length - 1 })] as T;
const chance = (g: G, percent: number): boolean => g(fc.nat, { max: 99 }) < percent;

const WRONG_LITERALS = [
  '1',
  '-7',
  '1.5',
  '"x"',
  '""',
  'null',
  'true',
  '[]',
  '[1, "a"]',
  '{}',
  '{ a: 1 }',
  'NOT_A_VALUE',
];
const DATES = ['2023-06-01', '2024-02-29', '2023-02-30', '1970-01-01', '9999-12-31', '2023-6-1', 'yesterday', ''];
const MONTHS = ['2023-03', '2024-01', '2024-12', '2022-11', '2024-13', '0000-00', '2024', 'March'];
const DATE_TIMES = [
  '2024-01-01T00:00:00Z',
  '2023-08-07T00:00:00.000Z',
  '2024-01-01',
  'not a time',
  '+275760-09-13T00:00:00Z',
];
const ALIASES = ['a', 'b', 'x', 'node', 'first', 'id', '__typename'];
const GARBAGE_TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '$v',
  '@include',
  '...',
  'on',
  'query',
  'mutation',
  'subscription',
  'fragment',
  'F',
  'segments',
  'document',
  'key',
  '"x"',
  '1',
  '!',
  '=',
  '#',
  '__schema',
  '__typename',
  '|',
  '&',
  '"""',
  '\\u0000',
];

/**
 * Builds one document. A hostile document mixes in mistakes (wrong types, unknown fields and
 * directives, missing arguments, clashing aliases); a well-formed one has none, so it passes
 * validation and reaches the resolvers with random but well-typed arguments.
 */
class DocumentBuilder {
  private readonly variables: { name: string; type: string; value: unknown }[] = [];
  private readonly fragments: string[] = [];
  private aliases = 0;

  constructor(
    private readonly g: G,
    private readonly schema: GraphQLSchema,
    private readonly known: KnownValues,
    private readonly hostile: boolean,
  ) {}

  /** A mistake with this chance (in percent), in hostile documents only. */
  private mistake(percent: number): boolean {
    return this.hostile && chance(this.g, percent);
  }

  build(kind: 'query' | 'mutation'): GeneratedRequest {
    const root = kind === 'query' ? this.schema.getQueryType() : this.schema.getMutationType();
    if (root == null) throw new Error(`schema has no ${kind} type`);
    const selection = this.selectionSet(root, 0);
    const name = chance(this.g, 30) ? pick(this.g, ['Q', 'Fuzz', 'A']) : undefined;
    const declared = this.variables.map((variable) => `$${variable.name}: ${variable.type}`).join(', ');
    const header = name === undefined && declared === '' && chance(this.g, 50) ? '' : `${kind} ${name ?? ''}`;
    const query = [`${header}${declared === '' ? '' : `(${declared})`} ${selection}`.trim(), ...this.fragments].join(
      '\n',
    );
    const variables = this.mistake(8)
      ? this.g(fc.jsonValue, { maxDepth: 2 })
      : Object.fromEntries(this.variables.map((variable) => [variable.name, variable.value]));
    return { query, variables, ...(name !== undefined && chance(this.g, 80) ? { operationName: name } : {}) };
  }

  private selectionSet(type: GraphQLCompositeType, depth: number): string {
    if (depth >= 5) return '{ __typename }';
    const count = this.g(fc.integer, { min: 1, max: 3 });
    const selections: string[] = [];
    for (let i = 0; i < count; i += 1) selections.push(this.selection(type, depth));
    return `{ ${selections.join(' ')} }`;
  }

  private selection(type: GraphQLCompositeType, depth: number): string {
    const roll = this.g(fc.nat, { max: 99 });
    const possible = isObjectType(type) ? [type] : this.schema.getPossibleTypes(type);
    if (roll < 8 && possible.length > 0) {
      const on = pick(this.g, possible);
      return `... on ${on.name}${this.directives()} ${this.selectionSet(on, depth + 1)}`;
    }
    if (roll < 14 && possible.length > 0 && this.fragments.length < 3) {
      const on = pick(this.g, possible);
      const index = this.fragments.length;
      this.fragments.push(''); // reserve the name: the selection may define fragments of its own
      this.fragments[index] = `fragment F${index} on ${on.name} ${this.selectionSet(on, depth + 1)}`;
      const name = `F${index}`;
      return `...${name}${this.directives()}`;
    }
    if (roll < 19) return `${this.alias()}__typename${this.directives()}`;
    if (roll < 21 && this.hostile) return `${pick(this.g, ['bogus', 'password', 'node'])}${this.directives()}`;
    if (isUnionType(type)) return '__typename';
    return this.field(pick(this.g, Object.values(type.getFields())), depth);
  }

  private field(field: GraphQLField<unknown, unknown>, depth: number): string {
    const args = field.args.filter((arg) => (isNonNullType(arg.type) ? !this.mistake(8) : chance(this.g, 40)));
    const argText = args.map((arg) => `${arg.name}: ${this.argument(arg)}`);
    if (this.mistake(6)) argText.push(`${pick(this.g, ['bogus', 'first', 'where'])}: ${pick(this.g, WRONG_LITERALS)}`);
    const named = getNamedType(field.type);
    let subselection = '';
    if (isCompositeType(named)) {
      subselection = this.mistake(5) ? '' : ` ${this.selectionSet(named, depth + 1)}`;
    } else if (this.mistake(4)) {
      subselection = ' { key }';
    }
    // Well-formed documents alias every field with arguments: the same field twice with
    // different arguments in one selection would otherwise clash.
    return `${this.alias(!this.hostile && argText.length > 0)}${field.name}${argText.length === 0 ? '' : `(${argText.join(', ')})`}${this.directives()}${subselection}`;
  }

  /** Hostile documents reuse names (clashing fields); well-formed ones number their aliases. */
  private alias(needed = false): string {
    if (!needed && !chance(this.g, 15)) return '';
    this.aliases += 1;
    return this.hostile ? `${pick(this.g, ALIASES)}: ` : `a${this.aliases}: `;
  }

  private directives(): string {
    if (!chance(this.g, 6)) return '';
    const valid = [
      '@include(if: true)',
      '@include(if: false)',
      '@skip(if: true)',
      () => `@skip(if: ${this.variable('Boolean!', this.g(fc.boolean))})`,
    ];
    const invalid = [
      () => `@skip(if: ${this.variable('Boolean!', this.g(fc.jsonValue))})`,
      '@deprecated',
      '@specifiedBy(url: "x")',
      '@bogus',
      '@include',
    ];
    const chosen = pick(this.g, this.hostile ? [...valid, ...invalid] : valid);
    return ` ${typeof chosen === 'string' ? chosen : chosen()}`;
  }

  private variable(type: string, value: unknown): string {
    const name = `v${this.variables.length}`;
    this.variables.push({ name, type, value });
    return `$${name}`;
  }

  private argument(arg: GraphQLArgument): string {
    if (chance(this.g, 12)) {
      const type = this.mistake(15) ? pick(this.g, ['Int', 'String!', '[ID]', 'Boolean', 'Nope']) : String(arg.type);
      return this.variable(
        type,
        this.mistake(25) ? this.g(fc.jsonValue, { maxDepth: 2 }) : this.jsonValue(arg.type, 0),
      );
    }
    if (this.mistake(8)) return pick(this.g, WRONG_LITERALS);
    return this.literal(arg.type, 0);
  }

  private scalarSample(type: GraphQLNamedType): unknown {
    switch (type.name) {
      case 'Int':
        // Out of range for the field (a page size of 101) is well-formed; out of Int's range is not.
        return this.mistake(5) ? 2 ** 31 : pick(this.g, [0, 1, 5, 20, 100, 101, -1, this.g(fc.integer)]);
      case 'Float':
        return this.g(fc.double, { noNaN: true, noDefaultInfinity: true });
      case 'Boolean':
        return this.g(fc.boolean);
      case 'Date':
        return pick(this.g, DATES);
      case 'Month':
        return pick(this.g, MONTHS);
      case 'DateTime':
        return pick(this.g, DATE_TIMES);
      case 'ID':
        return chance(this.g, 60) && this.known.ids.length > 0 ? pick(this.g, this.known.ids) : this.g(fc.string);
      default:
        return chance(this.g, 50) && this.known.strings.length > 0
          ? pick(this.g, this.known.strings)
          : this.g(fc.string, { unit: this.hostile ? 'binary' : 'grapheme', maxLength: 40 });
    }
  }

  /** A GraphQL literal for an input type: mostly right, sometimes out of range. */
  private literal(type: GraphQLInputType, depth: number, nullable = true): string {
    if (isNonNullType(type)) return this.literal(type.ofType, depth, this.mistake(5));
    if (nullable && chance(this.g, 8)) return 'null';
    if (isListType(type)) {
      const length = chance(this.g, 3) ? 260 : this.g(fc.integer, { min: 0, max: 3 });
      return `[${Array.from({ length }, () => this.literal(type.ofType, depth + 1)).join(', ')}]`;
    }
    if (isEnumType(type)) {
      return this.mistake(8) ? pick(this.g, ['lowercase', 'NOPE', '"QUOTED"']) : pick(this.g, type.getValues()).name;
    }
    if (isInputObjectType(type)) {
      if (depth > 3) return '{}';
      const fields = Object.values(type.getFields()).filter((field) =>
        isNonNullType(field.type) ? !this.mistake(10) : chance(this.g, 50),
      );
      return `{ ${fields.map((field) => `${field.name}: ${this.literal(field.type, depth + 1)}`).join(', ')} }`;
    }
    const value = this.scalarSample(type);
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
  }

  /** A JSON variable value for an input type. */
  private jsonValue(type: GraphQLInputType, depth: number, nullable = true): unknown {
    if (isNonNullType(type)) return this.jsonValue(type.ofType, depth, this.mistake(5));
    if (nullable && chance(this.g, 8)) return null;
    if (isListType(type)) {
      const length = chance(this.g, 3) ? 260 : this.g(fc.integer, { min: 0, max: 3 });
      return Array.from({ length }, () => this.jsonValue(type.ofType, depth + 1));
    }
    if (isEnumType(type)) return this.mistake(8) ? 'NOPE' : pick(this.g, type.getValues()).name;
    if (isInputObjectType(type)) {
      if (depth > 3) return {};
      return Object.fromEntries(
        Object.values(type.getFields())
          .filter((field) => (isNonNullType(field.type) ? !this.mistake(10) : chance(this.g, 50)))
          .map((field) => [field.name, this.jsonValue(field.type, depth + 1)]),
      );
    }
    return this.scalarSample(type);
  }
}

/** A document built by walking the schema from its Query (or Mutation) type. */
export const schemaWalk = (schema: GraphQLSchema, known: KnownValues, kind: 'query' | 'mutation') =>
  fc
    .tuple(
      fc.gen(),
      fc.nat({ max: 99 }).map((roll) => roll < 40),
    )
    .map(([g, hostile]) => new DocumentBuilder(g, schema, known, hostile).build(kind));

/** Arbitrary text, and soup made of GraphQL tokens, with random variables. */
export const garbageRequest = (): fc.Arbitrary<GeneratedRequest> =>
  fc.record({
    query: fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(fc.constantFrom(...GARBAGE_TOKENS), { maxLength: 60 }).map((tokens) => tokens.join(' ')),
    ),
    variables: fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 3 })),
  });
