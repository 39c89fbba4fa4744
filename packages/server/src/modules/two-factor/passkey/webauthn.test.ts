import { ErrorReason } from '@twofold/shared';
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
} from '@simplewebauthn/server';
import { type CeremonyOverrides, coseKey, SoftAuthenticator } from '@twofold/testkit/passkey';
import {
  counterMovesForward,
  credentialIdHashOf,
  looksLikePasskeyAnswer,
  passkeyNameOf,
  readPasskeyAnswer,
  reasonOfVerificationError,
  relyingPartyOf,
} from './webauthn';

describe('relyingPartyOf', () => {
  it.each([
    ['http://localhost:3000', 'localhost', 'http://localhost:3000'],
    ['https://twofold.example.com/', 'twofold.example.com', 'https://twofold.example.com'],
    [
      'https://twofold.example.com:8443/app',
      'twofold.example.com',
      'https://twofold.example.com:8443',
    ],
  ])('%s → RP ID %s, origin %s', (url, rpID, origin) => {
    expect(relyingPartyOf(url)).toEqual({ rpID, origin });
  });
});

describe('passkeyNameOf', () => {
  it.each<[string, string | null]>([
    ['Laptop', 'Laptop'],
    ['  Work laptop  ', 'Work laptop'],
    ['x'.repeat(64), 'x'.repeat(64)],
    ['x'.repeat(65), null],
    ['', null],
    ['   ', null],
  ])('%j → %j', (input, expected) => {
    const result = passkeyNameOf(input);
    expect('name' in result ? result.name : null).toBe(expected);
    if (!('name' in result)) expect(result.problem.field).toBe('name');
  });
});

describe('counterMovesForward', () => {
  it.each<[number, number, boolean]>([
    [0, 0, true], // an authenticator that keeps no counter
    [0, 1, true],
    [5, 6, true],
    [5, 5, false],
    [5, 4, false],
    [5, 0, false],
  ])('stored %d, received %d → %s', (stored, received, ok) => {
    expect(counterMovesForward(stored, received)).toBe(ok);
  });
});

describe('reading an answer', () => {
  const clientData = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  it.each<[string, string, boolean]>([
    ['broken JSON', '{not json', false],
    ['an array', '[1,2]', false],
    [
      'no id',
      JSON.stringify({ response: { clientDataJSON: clientData({ challenge: 'c' }) } }),
      false,
    ],
    ['an id that is not base64url', JSON.stringify({ id: 'a b', response: {} }), false],
    ['no response', JSON.stringify({ id: 'abc' }), false],
    [
      'client data not base64url',
      JSON.stringify({ id: 'abc', response: { clientDataJSON: '{}' } }),
      false,
    ],
    [
      'client data without challenge',
      JSON.stringify({ id: 'abc', response: { clientDataJSON: clientData({}) } }),
      false,
    ],
    [
      'client data of garbage',
      JSON.stringify({ id: 'abc', response: { clientDataJSON: 'AAAA' } }),
      false,
    ],
    [
      'an answer',
      JSON.stringify({ id: 'abc', response: { clientDataJSON: clientData({ challenge: 'c' }) } }),
      true,
    ],
    ['a huge one', JSON.stringify({ id: 'abc', pad: 'x'.repeat(70_000) }), false],
  ])('%s', (_name, json, readable) => {
    expect(readPasskeyAnswer(json) !== null).toBe(readable);
  });

  it('tells a passkey answer from a typed code by its shape', () => {
    expect([
      looksLikePasskeyAnswer('{"id":1}'),
      looksLikePasskeyAnswer(' {'),
      looksLikePasskeyAnswer('123456'),
      looksLikePasskeyAnswer('ABCD-EFGH'),
    ]).toEqual([true, true, false, false]);
  });

  it('hashes a credential id by its bytes, whatever its padding', () => {
    expect(credentialIdHashOf('AQID')).toBe(credentialIdHashOf('AQID'));
    expect(credentialIdHashOf('AQID')).toMatch(/^[0-9a-f]{64}$/);
    expect(credentialIdHashOf('AQID')).not.toBe(credentialIdHashOf('AQIE'));
  });
});

// the library as installed: its errors map to the closed reasons (a library update that rewords
// them fails here, not in production as PASSKEY_MALFORMED)
describe('reasonOfVerificationError, against @simplewebauthn/server', () => {
  const origin = 'http://localhost:3000';
  const rpID = 'localhost';
  it.each<[string, CeremonyOverrides, number, ErrorReason]>([
    ['another origin', { origin: 'https://evil.example' }, 0, ErrorReason.PASSKEY_ORIGIN],
    ['another RP ID', { rpId: 'evil.example' }, 0, ErrorReason.PASSKEY_RP_ID],
    ['no user verification', { userVerified: false }, 0, ErrorReason.PASSKEY_USER_NOT_VERIFIED],
    ['a counter gone back', { counter: 3 }, 4, ErrorReason.PASSKEY_COUNTER_REGRESSION],
    ['a registration’s client data', { type: 'webauthn.create' }, 0, ErrorReason.PASSKEY_MALFORMED],
  ])('%s → %s', async (_name, overrides, storedCounter, reason) => {
    const authenticator = new SoftAuthenticator();
    const { credential } = authenticator.register(
      { challenge: 'AAAA', rp: { id: rpID, name: 'x' }, user: { id: 'dQ', name: 'u' } },
      origin,
    );
    const options = await generateAuthenticationOptions({ rpID, userVerification: 'required' });
    const { response } = authenticator.assert(options, origin, overrides);
    const publicKey = coseKey(credential.publicKey);
    const error = await verifyAuthenticationResponse({
      response: response as never,
      expectedChallenge: options.challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
      credential: {
        id: credential.id,
        publicKey: new Uint8Array(publicKey),
        counter: storedCounter,
      },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    expect(reasonOfVerificationError(error)).toBe(reason);
  });

  it('verifies an untouched answer (the authenticator is real)', async () => {
    const authenticator = new SoftAuthenticator();
    const { credential } = authenticator.register(
      { challenge: 'AAAA', rp: { id: rpID, name: 'x' }, user: { id: 'dQ', name: 'u' } },
      origin,
    );
    const options = await generateAuthenticationOptions({ rpID, userVerification: 'required' });
    const { response } = authenticator.assert(options, origin);
    const publicKey = coseKey(credential.publicKey);
    const result = await verifyAuthenticationResponse({
      response: response as never,
      expectedChallenge: options.challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
      credential: { id: credential.id, publicKey: new Uint8Array(publicKey), counter: 0 },
    });
    expect([result.verified, result.authenticationInfo.newCounter]).toEqual([true, 1]);
  });
});
