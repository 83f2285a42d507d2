/**
 * Where the footer sends a reader's questions about the terms: the organisation's contact address
 * (`organization.contactEmail`), which the API allows to be an e-mail address or a web address.
 */

const EMAIL = /^[^\s@<>()"]+@[^\s@<>()"]+\.[^\s@<>()"]+$/;

/** The link for a contact address: mailto: for an e-mail, the address itself for http(s); null for anything else. */
export function contactHref(contact: string): string | null {
  const trimmed = contact.trim();
  if (EMAIL.test(trimmed)) return `mailto:${trimmed}`;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The text shown for a contact address: an e-mail as written, a web address without its scheme. */
export const contactText = (contact: string): string =>
  contact
    .trim()
    .replace(/^https?:\/\//, '')
    .replace(/\/$/, '');
