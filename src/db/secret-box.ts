import crypto from 'node:crypto';

/**
 * Encrypts secrets stored in the database (provider credentials, webhook signing secrets) with
 * AES-256-GCM under a key derived from configuration. Values carry the id of the key that sealed them,
 * so a key rotation can find and re-encrypt every value sealed with the previous key.
 */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
  /** True when the value was sealed with the previous key and should be re-sealed. */
  isStale(sealed: string): boolean;
}

function deriveKey(secret: string): Buffer {
  return crypto.createHash('sha256').update(`chartfax-secret-box:${secret}`).digest();
}

function keyId(key: Buffer): string {
  return crypto.createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export function createSecretBox(secret: string, previousSecret: string | null = null): SecretBox {
  const current = deriveKey(secret);
  const currentId = keyId(current);
  const keys = new Map<string, Buffer>([[currentId, current]]);
  if (previousSecret) {
    const previous = deriveKey(previousSecret);
    keys.set(keyId(previous), previous);
  }
  return {
    seal(plaintext) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', current, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', currentId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, id, iv, tag, body] = sealed.split('.');
      const key = id ? keys.get(id) : undefined;
      if (version !== 'v1' || !key || !iv || !tag || body === undefined) {
        throw new Error(
          'A stored secret cannot be decrypted with the configured CHARTFAX_SECRET_KEY (was the key changed without CHARTFAX_PREVIOUS_SECRET_KEY?).',
        );
      }
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    isStale(sealed) {
      return sealed.split('.')[1] !== currentId;
    },
  };
}
