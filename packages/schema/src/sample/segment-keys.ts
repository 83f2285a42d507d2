/**
 * The sample organisation's segment keys. Segments are data: an organisation defines its own
 * (Segment rows, `candor segment add`); these five exist only in the sample (DOMAIN.md).
 */
export const SAMPLE_SEGMENT_KEYS = ['consumer', 'business', 'enterprise', 'education', 'healthcare'] as const;
export type SampleSegmentKey = (typeof SAMPLE_SEGMENT_KEYS)[number];
