/**
 * Phaxio's X-Phaxio-Signature (https://www.phaxio.com/docs/security/callbacks): HMAC-SHA1, keyed
 * with the account's webhook token, over the exact callback URL, then each non-file field's
 * name + value sorted by name, then each file part's name + SHA-1 hex of its bytes sorted by name.
 */
import { createHash, createHmac } from 'node:crypto';

export function phaxioSignature(token: string, url: string, fields: [string, string][], files: [string, Uint8Array][]): string {
  const byName = <T>(a: [string, T], b: [string, T]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  let data = url;
  for (const [name, value] of [...fields].sort(byName)) data += name + value;
  for (const [name, bytes] of [...files].sort(byName)) data += name + createHash('sha1').update(bytes).digest('hex');
  return createHmac('sha1', token).update(data).digest('hex');
}
