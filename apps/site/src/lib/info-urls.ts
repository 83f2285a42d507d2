/**
 * The URLs of the site's information pages and of the API, for the footer and the pages that link
 * them (the site's other URLs are in urls.ts).
 */
export const downloadsPath = (): string => '/downloads/';
export const aboutPath = (): string => '/about/';
export const accessibilityPath = (): string => '/accessibility/';
export const contactPath = (): string => '/contact/';
/** The GraphQL API partners use; GET in a browser opens GraphiQL (CANDOR_GRAPHIQL, on by default). */
export const graphqlPath = (): string => '/graphql';
/** The API's schema (SDL, with its descriptions), published by the build beside the pages (lib/data-files.ts). */
export const sdlPath = (): string => '/api/schema.graphql';
/**
 * E-mail subscriptions: the form and the pages its steps land on. The API answers the POSTs
 * (apps/api/src/plugins/use-subscription-forms.ts) and redirects to these; the paths are the same.
 */
export const subscribePath = (): string => '/subscribe/';
export const checkInboxPath = (): string => '/subscribe/check-your-inbox/';
export const confirmPath = (): string => '/subscribe/confirm/';
export const confirmedPath = (): string => '/subscribe/confirmed/';
export const unsubscribePath = (): string => '/unsubscribe/';
export const unsubscribedPath = (): string => '/unsubscribe/done/';
