/**
 * The Zod schema of a version's body: its explanations, clauses and stored changes. The versions
 * loader validates every body with it and keeps the result in memory (lib/version-bodies.ts), out
 * of the content-layer store, so it need not be Astro's Zod 3 (lib/schemas.ts): it is Zod 4, whose
 * parsers run several times faster on these deep objects (about 0.15 ms instead of 0.5 ms a version,
 * seconds on a 10,000-version build).
 */
import { isSegmentKey } from '@candor/schema/domain';
import { z } from 'zod';

export const ExplanationSchema = z.object({
  /** The key of the segment this explanation is for (the organisation's own; lib/schemas.ts SegmentKeySchema). */
  segment: z.string().refine(isSegmentKey, 'not a segment key (lowercase words joined by hyphens)'),
  /** What the version means for the segment, in plain language. */
  summary: z.string(),
  /** "What changes for you" compared with the previous version; empty for a first version. */
  whatChanges: z.string(),
  /** Whether this version changes anything for the segment. */
  affected: z.boolean(),
});
export type Explanation = z.infer<typeof ExplanationSchema>;

export const ClauseSchema = z.object({
  /** Stable key across versions, e.g. "10.4". */
  key: z.string(),
  /** The HTML id of the clause on its version page (from the key, see clauseAnchor). */
  anchor: z.string(),
  /** Displayed number, which may change between versions. */
  number: z.string(),
  /** Clause heading. */
  heading: z.string(),
  /** Clause text: paragraphs separated by blank lines. */
  body: z.string(),
  /** 0-based reading order. */
  position: z.number().int(),
});
export type Clause = z.infer<typeof ClauseSchema>;

const ClauseSnapshotSchema = z.object({
  /** Displayed number on that side. */
  number: z.string(),
  /** Heading on that side. */
  heading: z.string(),
  /** Body on that side. */
  body: z.string(),
  /** 0-based reading order on that side. */
  position: z.number().int(),
});

const WordDiffPartSchema = z.object({
  /** EQUAL: in both; INSERT: only in the later version; DELETE: only in the earlier one. */
  op: z.enum(['EQUAL', 'INSERT', 'DELETE']),
  /** The run of text. */
  text: z.string(),
});
export type WordDiffPart = z.infer<typeof WordDiffPartSchema>;

export const ClauseChangeSchema = z.object({
  /** Stable clause key the change is matched by. */
  key: z.string(),
  /** ADDED, REMOVED, MODIFIED or MOVED. */
  kind: z.enum(['ADDED', 'REMOVED', 'MODIFIED', 'MOVED']),
  /** Its place relative to other clauses changed. */
  moved: z.boolean(),
  /** Its displayed number changed. */
  renumbered: z.boolean(),
  /** Its heading changed. */
  headingChanged: z.boolean(),
  /** Its body changed. */
  bodyChanged: z.boolean(),
  /** The clause in the earlier version (null when added). */
  from: ClauseSnapshotSchema.nullable(),
  /** The clause in the later version (null when removed). */
  to: ClauseSnapshotSchema.nullable(),
  /** Word-level diff of the heading, when it changed. */
  headingDiff: z.array(WordDiffPartSchema).nullable(),
  /** Word-level diff of the body, when it changed. */
  bodyDiff: z.array(WordDiffPartSchema).nullable(),
});
export type ClauseChange = z.infer<typeof ClauseChangeSchema>;

/** A version's explanations, clauses and changes, validated by the versions loader and kept in memory. */
export const VersionBodySchema = z.object({
  /** One plain-language explanation per segment, in segment order. */
  explanations: z.array(ExplanationSchema),
  /** Clauses in reading order. */
  clauses: z.array(ClauseSchema),
  /** Stored changes against the previous version (null only if the API has none). */
  changes: z
    .object({
      /** Label of the version compared with: the one in force right before this one (null for a first version). */
      fromLabel: z.string().nullable(),
      /** True when this comparison replaced the one made at publication (a later publication or a withdrawal). */
      rebased: z.boolean(),
      /** Why it was compared again, as the API says it in a sentence; null for the comparison made at publication. */
      reason: z.string().nullable(),
      /** When this comparison was made: the publication, or the write that caused the rebase. */
      comparedAt: z.date(),
      /** Counts per kind of change. */
      summary: z.object({
        /** Clauses only in this version. */
        added: z.number().int(),
        /** Clauses only in the previous version. */
        removed: z.number().int(),
        /** Clauses whose heading, body or number changed in place. */
        modified: z.number().int(),
        /** Clauses that changed place. */
        moved: z.number().int(),
        /** Clauses identical in both. */
        unchanged: z.number().int(),
      }),
      /** The changed clauses. */
      changes: z.array(ClauseChangeSchema),
    })
    .nullable(),
});
export type VersionBody = z.infer<typeof VersionBodySchema>;
