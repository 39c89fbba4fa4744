/**
 * How an account proves it holds a domain: it publishes a TXT record at `_twofold.<domain>`
 * holding `twofold-verification=<token>`. A name of its own keeps the apex's TXT records (SPF,
 * other services' proofs) out of the way and needs no change to them.
 */
export const VERIFICATION_LABEL = '_twofold';
export const VERIFICATION_PREFIX = 'twofold-verification=';

/** Where the record goes, e.g. `_twofold.example.com`. */
export function verificationRecordName(domain: string): string {
  return `${VERIFICATION_LABEL}.${domain}`;
}

/** What the record holds, e.g. `twofold-verification=3f2a…`. */
export function verificationRecordValue(token: string): string {
  return `${VERIFICATION_PREFIX}${token}`;
}

/**
 * Whether one of the TXT records (each as DNS hands it over: character strings that make one
 * text together) is `twofold-verification=<token>`. Case is ignored (tokens are lower-case hex and
 * some DNS consoles change case) as are surrounding blanks and one pair of quotes pasted in with
 * the value; anything else around the token is another record's.
 */
export function holdsVerification(records: readonly (readonly string[])[], token: string): boolean {
  if (token === '') return false;
  const expected = verificationRecordValue(token).toLowerCase();
  return records.some((chunks) => {
    let text = chunks.join('').trim();
    if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
      text = text.slice(1, -1).trim();
    }
    return text.toLowerCase() === expected;
  });
}
