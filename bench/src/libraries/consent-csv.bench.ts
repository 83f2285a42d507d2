/**
 * The consent statistics CSV reader (ADR 0012) against csv-parse, on a 10,000-row file like the
 * one test/api/consent-review.test.ts publishes (10 features × 5 segments × 200 months).
 *
 * - ours: parseConsentCsv, the whole job — splitting (RFC 4180), the header, every cell's check,
 *   plausibility and duplicates — returning typed rows with their line numbers.
 * - csv-parse/sync with what our errors need (the line each record starts on: `info`; every broken
 *   record reported rather than the first: `skip_records_with_error` + `on_skip`; relaxed column
 *   count, since a wrong count is reported per row): splitting only. Its time is what it would
 *   replace; the checks would still run after it.
 */
import { parseConsentCsv } from '@candor/schema/domain';
import { parse } from 'csv-parse/sync';
import { compare } from './compare.js';

const features = Array.from({ length: 10 }, (_, i) => `bulk-feature-${i}`);
const segments = ['consumer', 'business', 'enterprise', 'education', 'healthcare'];
const lines = [
  'feature,segment,period,accountsEligible,ownersEnabled,ownersDisabled,ownersUndecided,participantsJoined,participantsLeft',
];
for (let m = 0; m < 200; m++) {
  const period = `${2000 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  for (const feature of features) {
    for (const segment of segments) lines.push(`${feature},${segment},${period},300,120,100,80,900,25`);
  }
}
const csv = `${lines.join('\n')}\n`;
const known = { features, segments, currentMonth: '2026-12' };

let skipped = 0;
const csvParse = () =>
  parse(csv, {
    info: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_skip: () => {
      skipped++;
      return undefined;
    },
  });

if (parseConsentCsv(csv, known).length !== 10_000 || csvParse().length !== 10_001) throw new Error('wrong row count');

await compare(
  `Consent CSV, 10,000 rows, ${(csv.length / 1000).toFixed(0)} kB (\`bench/src/libraries/consent-csv.bench.ts\`)`,
  [
    {
      name: 'read a 10,000-row file',
      ours: { name: 'ours: split + every check (parseConsentCsv)', run: () => parseConsentCsv(csv, known) },
      theirs: [
        { name: 'csv-parse/sync: split only (info, on_skip)', run: csvParse },
        { name: 'csv-parse/sync: split only, default options', run: () => parse(csv) },
      ],
    },
  ],
  { rounds: 5, roundMs: 1000 },
);
if (skipped !== 0) throw new Error('csv-parse skipped records of a valid file');
