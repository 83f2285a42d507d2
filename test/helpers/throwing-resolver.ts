import type { createCandorYoga } from '@candor/api';

type ExtraPlugin = NonNullable<Parameters<typeof createCandorYoga>[0]['extraPlugins']>[number];

interface SchemaLike {
  getQueryType(): TypeLike | null | undefined;
  getRootType(operation: string): TypeLike | null | undefined;
}
interface TypeLike {
  getFields(): Record<string, object>;
}

/**
 * A plugin (for createCandorYoga's `extraPlugins` seam) that makes the resolver of one Query
 * field throw `makeError()`, as a resolver hitting a bug or a failing dependency would. The
 * executed schema is a proxy over the real one, so the shared schema object is never changed.
 */
export function throwingQueryField(field: string, makeError: () => Error): ExtraPlugin {
  const throwing = () => {
    throw makeError();
  };
  const patch = (schema: SchemaLike): SchemaLike => {
    const query = schema.getQueryType();
    const original = query?.getFields()[field];
    if (query == null || original === undefined) throw new Error(`no Query.${field} to make throw`);
    const fields = { ...query.getFields(), [field]: { ...original, resolve: throwing } };
    const patchedQuery = new Proxy(query, {
      get: (target, property) => (property === 'getFields' ? () => fields : Reflect.get(target, property, target)),
    });
    return new Proxy(schema, {
      get: (target, property) => {
        if (property === 'getQueryType') return () => patchedQuery;
        if (property === 'getRootType') {
          return (operation: string) => (operation === 'query' ? patchedQuery : target.getRootType(operation));
        }
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) => executeFn({ ...args, schema: patch(args.schema as never) as never }));
    },
  };
}
