import { createHash, timingSafeEqual } from 'node:crypto';
import { ROLES, type Actor, type Role } from '../../application/access';

interface Entry {
  readonly digest: Buffer;
  readonly actor: Actor;
}

/**
 * Bearer tokens from API_TOKENS: `token:role` pairs (or `token:role:name`) separated by
 * commas; an unnamed token's writer is `<role>-token-<position>`. Tokens are kept only as SHA-256 digests and compared in constant time against
 * every entry, so neither timing nor an early exit tells how much of a guess was right.
 */
export class TokenRegistry {
  private constructor(private readonly entries: readonly Entry[]) {}

  /** @throws Error naming API_TOKENS and the bad entry's position (never the token itself). */
  static parse(spec: string | undefined): TokenRegistry {
    const entries = (spec ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part, i): Entry => {
        const [token, role, name] = part.split(':');
        if (!token || token.length < 8 || !ROLES.includes(role as Role)) {
          throw new Error(`API_TOKENS entry ${i + 1} must be token:role (token of 8+ characters, role one of ${ROLES.join(', ')})`);
        }
        const digest = sha256(token);
        // An unnamed writer is known by its role and place in API_TOKENS: nothing derived from
        // the token (not even part of its digest) reaches createdBy, logs or idempotency keys.
        return { digest, actor: { role: role as Role, name: name?.trim() || `${role}-token-${i + 1}` } };
      });
    return new TokenRegistry(entries);
  }

  /** The actor for an `Authorization` header value; undefined without a valid bearer token. */
  identify(authorization: string | undefined): Actor | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) return undefined;
    const digest = sha256(match[1]);
    let found: Actor | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, digest)) found = entry.actor;
    }
    return found;
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
