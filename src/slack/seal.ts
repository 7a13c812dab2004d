import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Raised when a sealed value cannot be opened: the wrong key, or a value altered (or moved) since. */
export class SealBroken extends Error {
  override readonly name = 'SealBroken';
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM: a random IV per value and an auth tag, so the wrong key or a changed byte is an error, never
 * garbage. `context` (e.g. which workspace the value is for) is authenticated too: a value copied to another
 * workspace's row does not open there. The result is `v1:` and base64 of IV, tag and ciphertext.
 */
export function seal(plain: string, key: Buffer, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

/** The text `seal` sealed; throws SealBroken (saying which key to check) when it cannot be opened. */
export function unseal(sealed: string, key: Buffer, context: string): string {
  const [version, data] = sealed.split(':', 2);
  const bytes = Buffer.from(data ?? '', 'base64');
  if (version !== VERSION || bytes.length < IV_BYTES + TAG_BYTES)
    throw new SealBroken('a stored Slack installation is not in a form this app can read');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new SealBroken(
      'a stored Slack installation could not be decrypted: SLACK_TOKEN_ENCRYPTION_KEY is not the key it was stored with (or the row was altered)',
    );
  }
}
