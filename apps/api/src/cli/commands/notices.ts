/**
 * `notices failures` (editors): the notices that did not get through — webhook and e-mail
 * deliveries that are dead, or still pending after repeated failures — newest first, as the
 * editors' `noticeFailures` query gives them (docs/publishing.md, "Notices that did not get
 * through"). No e-mail address is ever shown: the API does not give them.
 */
import { graphql } from '../../generated/cli/index.js';
import { connect } from '../api-client.js';
import { API_FLAGS, parseFlags } from '../args.js';
import { type CommandGroup, dispatch } from '../command.js';
import { emit, instant, progress } from '../output.js';

const FAILURES = graphql(`
  query NoticeFailures($first: Int) {
    noticeFailures(first: $first) {
      edges {
        node {
          id channel status eventType eventId createdAt attempts lastAttemptAt nextAttemptAt
          lastError lastHttpStatus partnerName endpointUrl
          version { label document { slug } }
          revision { number feature { slug } }
        }
      }
      pageInfo { hasNextPage }
    }
  }
`);

/** What a notice was about, in the words of the site's URLs: terms-of-service/2026-07, meeting-summary#3. */
function recordOf(node: {
  version: { label: string; document: { slug: string } } | null;
  revision: { number: number; feature: { slug: string } } | null;
}): string {
  if (node.version !== null) return `${node.version.document.slug}/${node.version.label}`;
  if (node.revision !== null) return `${node.revision.feature.slug}#${node.revision.number}`;
  return 'consent release';
}

async function failures(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { ...API_FLAGS, first: { type: 'string' } }, 'notices');
  const first = flags.integer('first', 1, 100) ?? 50;
  const data = await connect(flags).query(FAILURES, { first });
  const nodes = data.noticeFailures.edges.map((edge) => edge.node);
  emit(flags.json, nodes, () =>
    nodes.map((node) =>
      [
        node.createdAt,
        node.channel,
        node.status,
        node.eventType,
        recordOf(node),
        String(node.attempts),
        instant(node.nextAttemptAt),
        node.channel === 'WEBHOOK' ? `${node.partnerName ?? '—'} ${node.endpointUrl ?? ''}`.trim() : '—',
        node.lastHttpStatus === null ? (node.lastError ?? '—') : `HTTP ${node.lastHttpStatus}`,
      ].join('\t'),
    ),
  );
  if (!flags.json) {
    const more = data.noticeFailures.pageInfo.hasNextPage ? ` (the newest ${first}; more with --first up to 100)` : '';
    progress(
      nodes.length === 0
        ? 'No notice failed: every webhook and e-mail got through or is on its first attempts.'
        : `${nodes.length} notice${nodes.length === 1 ? '' : 's'} not delivered${more}`,
    );
  }
  return 0;
}

export const noticesCommands: CommandGroup = {
  name: 'notices',
  synopsis: [['notices failures [--first N]', 'webhooks and e-mails that did not get through (editors)']],
  usage: `usage:
  pnpm candor notices failures [--first N]

Any editor. Lists the notices of published changes that did not get through, newest first: the
webhook deliveries and e-mails that are dead (out of attempts, after about 28 hours) or still
pending after 3 or more failed attempts. One line each, tab-separated: when the notice was handed
over, channel (WEBHOOK or EMAIL), status (DEAD or PENDING), event type, the record
(document/label, feature#revision, or consent release), attempts, next attempt ("—" once dead),
the partner and endpoint (webhooks), and the last error or HTTP status. E-mail addresses are never
shown. A partner replays its dead webhooks itself (replayWebhookDelivery); a dead e-mail usually
means the mail server refused it (see SMTP_URL, docs/operating.md, "E-mail notices").

flags:
  --first N   how many, 1 to 100 (default 50)`,
  run: (argv) => dispatch('notices', argv, { failures }),
};
