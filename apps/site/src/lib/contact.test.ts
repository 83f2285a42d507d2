import { describe, expect, it } from 'vitest';
import { contactHref, contactText } from './contact';

describe('the contact address', () => {
  it('links an e-mail address with mailto: and a web address as itself', () => {
    expect(contactHref('legal@acme.example')).toBe('mailto:legal@acme.example');
    expect(contactHref(' https://acme.example/legal ')).toBe('https://acme.example/legal');
    expect(contactText('https://acme.example/legal/')).toBe('acme.example/legal');
    expect(contactText('legal@acme.example')).toBe('legal@acme.example');
  });

  it('links nothing that is neither (the text is still shown)', () => {
    expect(contactHref('')).toBeNull();
    expect(contactHref('javascript:alert(1)')).toBeNull();
    expect(contactHref('call us')).toBeNull();
  });
});
