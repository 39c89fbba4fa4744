import { SessionStage, UserType } from '@twofold/shared';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isObjectType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { ApiClient, codesOf, signedIn } from '@twofold/testkit/api-client';
import { buildGraphQLSchema } from '../src/wiring/schema';
import { generateTotpSecret } from '../src/modules/two-factor/authenticator/totp';
import { AuthenticatorFactor, FactorStatus } from '../src/modules/two-factor/two-factor.entities';
import {
  type AccountFixture,
  makeAccount,
  makeUser,
  randomEmail,
  testPassword,
} from './helpers/factories';
import { expectInStep } from './helpers/stored-status';
import { startTestServer, type TestServer } from './helpers/test-server';

/** A syntactically valid value for any input type; required fields only. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, sample(f.type)]),
    );
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return '00000000-0000-4000-8000-000000000000';
      case 'Int':
        return 1;
      case 'Float':
        return 1;
      case 'Boolean':
        return true;
      case 'DateTimeISO':
        return new Date().toISOString();
      default:
        return 'sample';
    }
  }
  throw new Error(`no sample for ${String(type)}`);
}

/** `mutation ($a: T!) { op(a: $a) { __typename } }` for one root field. */
function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter(
    (a: GraphQLArgument) => isNonNullType(a.type) && a.defaultValue === undefined,
  );
  const vars = required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return {
    query: `${kind}${vars ? ` (${vars})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`,
    variables: Object.fromEntries(required.map((a) => [a.name, sample(a.type)])),
  };
}

function rootFields(schema: GraphQLSchema) {
  return [
    ...Object.values(schema.getQueryType()?.getFields() ?? {}).map((f) => ({
      kind: 'query' as const,
      field: f,
    })),
    ...Object.values(schema.getMutationType()?.getFields() ?? {}).map((f) => ({
      kind: 'mutation' as const,
      field: f,
    })),
  ];
}

const isPublic = (field: GraphQLField<unknown, unknown>) =>
  (field.extensions.guard as { kind: string } | undefined)?.kind === 'public';
const stagesOf = (field: GraphQLField<unknown, unknown>) =>
  (field.extensions.guard as { stages?: SessionStage[] } | undefined)?.stages ?? [];

describe('every operation behind the stage guard, called for real', () => {
  let server: TestServer;
  let schema: GraphQLSchema;
  let acme: AccountFixture;

  beforeAll(async () => {
    server = await startTestServer();
    schema = await buildGraphQLSchema();
    acme = await makeAccount(server.services, 'Acme');
  });
  afterAll(async () => {
    await server.close();
  });

  /** Calls every non-public operation (signOut last) and returns the first error code of each. */
  async function walk(client: ApiClient) {
    const codes: Record<string, string | undefined> = {};
    const fields = rootFields(schema).filter(({ field }) => !isPublic(field));
    fields.sort((a, b) => Number(a.field.name === 'signOut') - Number(b.field.name === 'signOut'));
    for (const { kind, field } of fields) {
      const { query, variables } = operationFor(kind, field);
      const result = await client.request(query, variables);
      codes[field.name] = codesOf(result)[0];
      // whatever a mutation did, the stored 2FA columns still say what the rules compute
      if (kind === 'mutation') await expectInStep(server.dataSource, acme.account.id, [new Date()]);
    }
    return codes;
  }

  it('answers UNAUTHENTICATED to every non-public operation when signed out', async () => {
    const codes = await walk(new ApiClient(server.url));
    expect(Object.keys(codes).length).toBeGreaterThan(5);
    for (const [name, code] of Object.entries(codes))
      expect([name, code]).toEqual([name, 'UNAUTHENTICATED']);
  });

  it('lets an ENROLLMENT session reach only what docs/design.md, Sign-in stages allows', async () => {
    const member = await makeUser(server.services, acme.account, {
      userType: UserType.ADMINISTRATOR,
      requireTwoFactor: true,
    });
    const client = await signedIn(server.url, member.email, member.password);
    expect(
      (await client.ok<{ session: { stage: string } }>('{ session { stage } }')).session.stage,
    ).toBe('ENROLLMENT');
    const codes = await walk(client);
    for (const { field } of rootFields(schema).filter(({ field }) => !isPublic(field))) {
      const allowed = stagesOf(field).includes(SessionStage.ENROLLMENT);
      // an allowed operation may still fail on its sample input, but never on the stage
      if (allowed)
        expect([field.name, codes[field.name]]).not.toEqual([field.name, 'ENROLLMENT_REQUIRED']);
      else expect([field.name, codes[field.name]]).toEqual([field.name, 'ENROLLMENT_REQUIRED']);
    }
    const reachable = rootFields(schema)
      .filter(({ field }) => !isPublic(field) && stagesOf(field).includes(SessionStage.ENROLLMENT))
      .map(({ field }) => field.name);
    const enrollmentOps = reachable.filter((n) =>
      /Enrollment|PasskeyRegistration|setPin|Profile|changePassword/.test(n),
    );
    expect(reachable.filter((n) => !enrollmentOps.includes(n)).sort()).toEqual([
      'signOut',
      'viewer',
    ]);
  });

  it('lets a PROFILE_SELECTION session only choose a profile or sign out', async () => {
    const email = randomEmail('multi');
    await makeUser(server.services, acme.account, { email, userType: UserType.APP_REVIEWER });
    await makeUser(server.services, acme.account, { email, userType: UserType.APP_REPORT_VIEWER });
    const client = await signedIn(server.url, email, testPassword);
    const codes = await walk(client);
    for (const [name, code] of Object.entries(codes)) {
      if (name === 'selectProfile') expect(code).toBe('NOT_FOUND');
      else if (name === 'signOut') expect(code).toBeUndefined();
      else expect([name, code]).toEqual([name, 'FORBIDDEN']);
    }
  });

  it('shows a SECOND_FACTOR session only the id, name and type of its profile and the account name', async () => {
    const member = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
    });
    const factors = server.dataSource.getRepository(AuthenticatorFactor);
    await factors.insert(
      factors.create({
        userId: member.user.id,
        secretSealed: server.services.secrets.box.seal(generateTotpSecret()),
        status: FactorStatus.ACTIVE,
        lastUsedStep: null,
        createdAt: new Date(),
        confirmedAt: new Date(),
      }),
    );
    const client = await signedIn(server.url, member.email, member.password);
    const visible = await client.ok<{ session: { stage: string; user: unknown } }>(
      '{ session { stage user { id displayName userType account { name } } } }',
    );
    expect(visible.session).toEqual({
      stage: 'SECOND_FACTOR',
      user: {
        id: member.user.id,
        displayName: member.user.displayName,
        userType: 'APP_REVIEWER',
        account: { name: 'Acme' },
      },
    });
    const allowed: Record<string, string[]> = {
      User: ['id', 'displayName', 'userType', 'account'],
      Account: ['name'],
    };
    for (const [typeName, path] of [
      ['User', (f: string) => `{ session { user { ${f} } } }`],
      ['Account', (f: string) => `{ session { user { account { ${f} } } } }`],
    ] as const) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`no object type ${typeName}`);
      const hidden = Object.values(type.getFields()).filter(
        (f) => !allowed[typeName]!.includes(f.name),
      );
      expect(hidden.length).toBeGreaterThan(0);
      for (const field of hidden) {
        const selection = isLeafType(getNamedType(field.type))
          ? field.name
          : `${field.name} { __typename }`;
        const result = await client.request(path(selection));
        expect([typeName, field.name, codesOf(result)]).toEqual([
          typeName,
          field.name,
          ['SECOND_FACTOR_REQUIRED'],
        ]);
      }
    }
  });
});
