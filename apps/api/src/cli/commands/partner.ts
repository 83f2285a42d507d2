/**
 * `partner add` (admins): creates a partner that may register webhooks and prints its token
 * (`cnp_…`) once. The partner then registers endpoints over GraphQL with that token
 * (docs/partner-api.md, "Webhooks").
 */
import { graphql } from '../../generated/cli/index.js';
import { connect } from '../api-client.js';
import { API_FLAGS, parseFlags } from '../args.js';
import { type CommandGroup, dispatch } from '../command.js';
import { emit, progress } from '../output.js';

const CREATE = graphql(`
  mutation PartnerAdd($name: String!, $contact: String!) {
    createPartner(name: $name, contact: $contact) {
      token
      partner { id name contact createdAt }
      error { ...CliMutationError }
    }
  }
`);

async function add(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { ...API_FLAGS, name: { type: 'string' }, contact: { type: 'string' } }, 'partner');
  const variables = { name: flags.required('name'), contact: flags.required('contact') };
  const payload = await connect(flags).mutate(CREATE, variables, 'createPartner');
  const { token, partner } = payload;
  if (token === null || partner === null) throw new Error('createPartner answered neither a token nor an error');
  // The one place a partner token is printed: it was just created and is never shown again.
  emit(flags.json, payload, () => [token]);
  progress(
    `Partner ${partner.name} (${partner.id}), contact ${partner.contact}. Pass the token to them over a channel you trust; it is shown only this once. They register webhooks with it (docs/partner-api.md, "Webhooks").`,
  );
  return 0;
}

export const partnerCommands: CommandGroup = {
  name: 'partner',
  synopsis: [['partner add --name N --contact C', 'create a webhook partner; prints its token once (admins only)']],
  usage: `usage:
  pnpm candor partner add --name N --contact C

Admins only. Creates a partner — an organisation that receives webhooks when terms, AI features
or consent statistics are published, take effect or are withdrawn — and prints its token
(cnp_<prefix>_<secret>) on stdout, once: pass it to the partner over a channel you trust. The
partner registers its endpoints with it (mutation registerWebhook).

flags:
  --name N      the partner's name
  --contact C   whom to tell when deliveries fail (an e-mail address or URL)`,
  run: (argv) => dispatch('partner', argv, { add }),
};
