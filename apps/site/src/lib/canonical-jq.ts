/** The jq recipe of /verify/'s worked example (hash-recipe.ts), on its own so tests can run it. */
import { CANONICAL_FORMAT } from '@candor/schema/domain';

/**
 * jq program that rebuilds a version's canonical text (candor-version/1) from its JSON download:
 * members in the canonical order, clauses in reading order, explanations sorted by segment. jq -j
 * -c prints it compact with no trailing newline, escaping strings as JSON.stringify does for
 * published text (jq also escapes U+007F, which published text does not contain). Every member
 * is written `name:.name`: jq 1.6 reads a bare `label` as its keyword.
 */
export const CANONICAL_JQ = `{format:"${CANONICAL_FORMAT}",document:.document.slug,label:.label,publishedAt:.publishedAt,effectiveAt:.effectiveAt,material:.material,changeNote:.changeNote,previousHash:.previousHash,clauses:(.clauses|sort_by(.position)|map({key:.key,number:.number,heading:.heading,body:.body})),explanations:(.explanations|map({segment:.segment.key,summary:.summary,whatChanges:.whatChanges,affected:.affected})|sort_by(.segment))}`;
