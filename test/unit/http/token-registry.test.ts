import { createHash } from 'node:crypto';
import { TokenRegistry } from '../../../src/http/auth/token-registry';

describe('TokenRegistry', () => {
  const registry = TokenRegistry.parse('s3cret-token:researcher, t0p-secret:admin:grace');

  it('identifies a bearer token, with its role and name', () => {
    expect(registry.identify('Bearer t0p-secret')).toEqual({ role: 'admin', name: 'grace' });
    expect(registry.identify('bearer   s3cret-token ')).toEqual({ role: 'researcher', name: 'researcher-token-1' });
  });

  it('names an unnamed token by its role and position, revealing nothing of the token or its digest', () => {
    const token = 'another-s3cret';
    const digest = createHash('sha256').update(token).digest();
    const many = TokenRegistry.parse(`first-token:admin:grace, ${token}:researcher`);
    const { name } = many.identify(`Bearer ${token}`)!;
    expect(name).toBe('researcher-token-2');
    for (const encoding of ['hex', 'base64', 'base64url'] as const) {
      const text = digest.toString(encoding).toLowerCase();
      for (let i = 0; i + 4 <= text.length; i++) expect(name.toLowerCase()).not.toContain(text.slice(i, i + 4));
    }
    expect(name).not.toContain(token.slice(0, 4));
  });

  it('knows nobody without a valid bearer token', () => {
    for (const header of [undefined, '', 'Bearer', 'Bearer wrong-token', 'Basic s3cret-token', 's3cret-token', 'Bearer s3cret-token2']) {
      expect(registry.identify(header)).toBeUndefined();
    }
  });

  it('refuses a malformed API_TOKENS without repeating any token', () => {
    expect(() => TokenRegistry.parse('good-token-1:researcher,short:admin')).toThrow(/^API_TOKENS entry 2 must be token:role/);
    expect(() => TokenRegistry.parse('good-token-1:owner')).toThrow(/role one of researcher, reviewer, admin/);
    try {
      TokenRegistry.parse('leaky-secret:owner');
    } catch (error) {
      expect((error as Error).message).not.toContain('leaky-secret');
    }
  });
});
