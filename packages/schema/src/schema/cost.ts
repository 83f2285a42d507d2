/**
 * What a list field costs on the API's cost model (docs/partner-api.md, "Query limits"), declared
 * on the field itself: `t.field({ type: [ClauseRef], extensions: listEstimate(50), … })`. The
 * estimate is a field extension, so it travels with the field into the built GraphQLSchema
 * (`field.extensions`) and the API's cost limit reads it there (apps/api/src/limits/cost.ts).
 *
 * A plain extension, not @pothos/plugin-complexity's `complexity` option: that plugin computes its
 * own cost, which charges `__typename` and connection plumbing and cannot size a connection's
 * `edges` by the page its parent field asked for (docs/adr/0007-query-limits-hand-written.md).
 */

/** The extension key the cost limit reads. */
export const LIST_ESTIMATE_EXTENSION = 'listEstimate';

/** What a list field without an estimate is charged for: ten items of its selection. */
export const DEFAULT_LIST_ESTIMATE = 10;

/**
 * The `extensions` of a plain (non-connection) list field expected to hold about `items` items:
 * the cost model cannot know the real count before the query runs, so it charges an estimate sized
 * on what such a list holds in practice (a version has tens of clauses, an organisation five segments).
 */
export const listEstimate = (items: number): Readonly<Record<typeof LIST_ESTIMATE_EXTENSION, number>> => ({
  [LIST_ESTIMATE_EXTENSION]: items,
});

/** A field's estimate: its declared `listEstimate`, else DEFAULT_LIST_ESTIMATE. */
export const listEstimateOf = (field: { extensions?: Readonly<Record<string, unknown>> | null }): number => {
  const declared = field.extensions?.[LIST_ESTIMATE_EXTENSION];
  return typeof declared === 'number' ? declared : DEFAULT_LIST_ESTIMATE;
};
