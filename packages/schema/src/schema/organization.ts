import { builder } from './builder.js';
import { notFound } from './errors.js';

export const SAMPLE_NOTICE =
  'Sample data: this organisation is fictional. Its history is modelled on a 2023 terms-of-service change and is shipped with Candor for demonstration.';

builder.prismaObject('Organization', {
  description: 'The organisation whose terms, AI features and consent statistics are published here.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    website: t.exposeString('website'),
    legalName: t.exposeString('legalName', { description: 'The registered name; empty when it is the name.' }),
    contactEmail: t.exposeString('contactEmail', {
      description: 'Where readers send questions about the terms (an e-mail address or a web address).',
    }),
    publicKeyId: t.exposeString('publicKeyId', {
      nullable: true,
      description: 'The id of the signing key the organisation publishes; checkpoints signed by it carry this keyId.',
    }),
    isSample: t.exposeBoolean('isSample', { description: 'True while the fictional sample organisation is loaded.' }),
    sampleNotice: t.string({
      nullable: true,
      description: 'A sentence to show wherever this data is displayed, when it is sample data.',
      resolve: (organization) => (organization.isSample ? SAMPLE_NOTICE : null),
    }),
  }),
});

builder.queryField('organization', (t) =>
  t.prismaField({
    type: 'Organization',
    description: 'The publishing organisation (check isSample before quoting anything).',
    resolve: async (query, _root, _args, ctx) => {
      const organization = await ctx.prisma.organization.findFirst({ ...query, orderBy: { createdAt: 'asc' } });
      if (organization === null) throw notFound('No organisation has been set up yet');
      return organization;
    },
  }),
);
