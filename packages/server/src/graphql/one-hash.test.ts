import { type DocumentNode, Kind, parse } from 'graphql';
import * as consoleDocuments from '../../../shared/src/generated/graphql';
import { hashingFields } from './one-hash';

function fieldsOf(source: string | DocumentNode, variables: Record<string, unknown> = {}) {
  const document = typeof source === 'string' ? parse(source) : source;
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) throw new Error('no operation');
  return hashingFields(document, operation, variables);
}

describe('hashingFields', () => {
  it.each<[string, string, Record<string, unknown>, string[]]>([
    ['one sign-in', 'mutation { signIn(email: "a", password: "b") { token } }', {}, ['signIn']],
    [
      'aliased sign-ins',
      'mutation { a: signIn(email: "a", password: "b") { token } b: signIn(email: "a", password: "c") { token } }',
      {},
      ['a', 'b'],
    ],
    [
      'a password change beside a PIN change in a fragment',
      'mutation { changePassword(currentPassword: "a", newPassword: "b") ...F } fragment F on Mutation { changePin(currentPin: "1", newPin: "2", newPinConfirmation: "2") }',
      {},
      ['changePassword', 'changePin'],
    ],
    [
      'inline fragments',
      'mutation { ... on Mutation { setPin(pin: "1234", pinConfirmation: "1234") { backupCodes } } resetPassword(token: "t", password: "p") }',
      {},
      ['setPin', 'resetPassword'],
    ],
    [
      'authenticator codes are cheap',
      'mutation { a: verifySecondFactor(kind: AUTHENTICATOR_APP, code: "1") { stage } b: verifySecondFactor(kind: BACKUP_CODE, code: "2") { stage } }',
      {},
      [],
    ],
    [
      'PINs by literal',
      'mutation { a: verifySecondFactor(kind: PIN, code: "1") { stage } b: verifySecondFactor(kind: PIN, code: "2") { stage } }',
      {},
      ['a', 'b'],
    ],
    [
      'PINs by variable',
      'mutation ($k: SecondFactorKind!) { a: verifySecondFactor(kind: $k, code: "1") { stage } }',
      { k: 'PIN' },
      ['a'],
    ],
    [
      'an app code by variable',
      'mutation ($k: SecondFactorKind!) { a: verifySecondFactor(kind: $k, code: "1") { stage } }',
      { k: 'SMS' },
      [],
    ],
    [
      'one response key selected twice',
      'mutation { signIn(email: "a", password: "b") { token } signIn(email: "a", password: "b") { session { stage } } }',
      {},
      ['signIn'],
    ],
    ['queries', '{ session { stage } }', {}, []],
  ])('finds %s', (_name, source, variables, expected) => {
    expect(fieldsOf(source, variables)).toEqual(expected);
  });

  it('lets every document the console sends through', () => {
    const documents = Object.entries(consoleDocuments).filter(
      (entry): entry is [string, DocumentNode] =>
        typeof entry[1] === 'object' &&
        entry[1] !== null &&
        'definitions' in entry[1] &&
        entry[1].definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION),
    );
    expect(documents.length).toBeGreaterThan(20);
    for (const [name, document] of documents) {
      // the worst case of a variable kind: a PIN
      expect([name, fieldsOf(document, { kind: 'PIN' }).length <= 1]).toEqual([name, true]);
    }
  });
});
