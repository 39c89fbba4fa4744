import {
  Enforcement,
  TwoFactorMethod,
  TwoFactorStatus,
  UserStatus,
  UserType,
} from '@twofold/shared';
import { type ApiClient, codesOf, signedIn } from '@twofold/testkit/api-client';
import { enroll } from '@twofold/testkit/two-factor';
import { SecurityPolicy } from '../src/modules/policy/security-policy.entity';
import { type AccountFixture, makeAccount, makeUser, type UserFixture } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

const DAY = 24 * 60 * 60_000;
const IMPACT = `query ($input: SecurityPolicyInput!) {
  securityPolicyImpact(input: $input) {
    userType users notEnrolled enrollAtNextSignIn inGracePeriod onlyRemovedMethods
    deadline earliestDeadline latestDeadline callerMustEnroll callerDeadline
  }
}`;
const UPDATE = `mutation ($input: SecurityPolicyInput!) { updateSecurityPolicy(input: $input) { userType } }`;
const COMPLIANCE = `{ twoFactorCompliance {
  userType users enrolled pinOnly grace overdue locked optionalOff notRequired
} }`;
const COUNT = `query ($filter: UsersFilter) { users(filter: $filter) { totalCount } }`;
const SET_PIN = `mutation { setPin(pin: "482915", pinConfirmation: "482915") { session { stage } } }`;

interface Impact {
  userType: UserType;
  users: number;
  notEnrolled: number;
  enrollAtNextSignIn: number;
  inGracePeriod: number;
  onlyRemovedMethods: number;
  deadline: string | null;
  earliestDeadline: string | null;
  latestDeadline: string | null;
  callerMustEnroll: boolean;
  callerDeadline: string | null;
}
type Compliance = Record<
  'users' | 'enrolled' | 'pinOnly' | 'grace' | 'overdue' | 'locked' | 'optionalOff' | 'notRequired',
  number
> & { userType: UserType };

describe('securityPolicyImpact and twoFactorCompliance', () => {
  let server: TestServer;
  let acme: AccountFixture;
  let owner: ApiClient;
  let admin: ApiClient;
  let reviewerApi: ApiClient;
  let later: Date;

  const reviewersRequired = {
    userType: UserType.APP_REVIEWER,
    enforcement: Enforcement.REQUIRED,
    allowedMethods: [TwoFactorMethod.AUTHENTICATOR_APP, TwoFactorMethod.SMS],
    gracePeriodDays: 7,
  };

  async function compliance(client: ApiClient, userType: UserType): Promise<Compliance> {
    const data = await client.ok<{ twoFactorCompliance: Compliance[] }>(COMPLIANCE);
    return data.twoFactorCompliance.find((row) => row.userType === userType)!;
  }
  async function countOf(twoFactorStatus: TwoFactorStatus): Promise<number> {
    const data = await owner.ok<{ users: { totalCount: number } }>(COUNT, {
      filter: { userType: UserType.APP_REVIEWER, twoFactorStatus },
    });
    return data.users.totalCount;
  }

  beforeAll(async () => {
    server = await startTestServer();
    acme = await makeAccount(server.services, undefined, { smsCountries: ['GB'] });
    owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    const adminUser = await makeUser(server.services, acme.account, {
      userType: UserType.ADMINISTRATOR,
    });
    admin = await signedIn(server.url, adminUser.email, adminUser.password);
    const reviewers: UserFixture[] = [];
    // none, authenticator, PIN only, suspended, required by an administrator with 2 days left
    later = new Date(Date.now() + 2 * DAY);
    for (const options of [
      {},
      {},
      {},
      { status: UserStatus.SUSPENDED },
      { requireTwoFactor: true, twoFactorDeadline: later },
    ]) {
      reviewers.push(
        await makeUser(server.services, acme.account, {
          userType: UserType.APP_REVIEWER,
          ...options,
        }),
      );
    }
    reviewerApi = await signedIn(server.url, reviewers[1]!.email, reviewers[1]!.password);
    await enroll(reviewerApi);
    const pinApi = await signedIn(server.url, reviewers[2]!.email, reviewers[2]!.password);
    await pinApi.ok(SET_PIN);
  });
  afterAll(async () => {
    await server.close();
  });

  it('counts each status per user type, PIN-only apart, as the users filter does', async () => {
    const row = await compliance(owner, UserType.APP_REVIEWER);
    // the reviewer required by an administrator is in their grace period; the rest is optional
    expect(row).toEqual({
      userType: UserType.APP_REVIEWER,
      users: 5,
      enrolled: 2,
      pinOnly: 1,
      grace: 1,
      overdue: 0,
      locked: 0,
      optionalOff: 2,
      notRequired: 0,
    });
    expect(await countOf(TwoFactorStatus.ENROLLED)).toBe(row.enrolled);
    expect(await countOf(TwoFactorStatus.OPTIONAL_OFF)).toBe(row.optionalOff);
    // administrators read it too
    expect(await compliance(admin, UserType.APP_REVIEWER)).toEqual(row);
  });

  it('previews a stricter rule with the counts that saving it then produces', async () => {
    const before = Date.now();
    const { securityPolicyImpact: impact } = await admin.ok<{ securityPolicyImpact: Impact }>(
      IMPACT,
      { input: reviewersRequired },
    );
    expect(impact).toMatchObject({
      userType: UserType.APP_REVIEWER,
      users: 5,
      // everyone but the authenticator user; the PIN holder's only method is being removed
      notEnrolled: 4,
      inGracePeriod: 4,
      enrollAtNextSignIn: 0,
      onlyRemovedMethods: 1,
      earliestDeadline: later.toISOString(),
      callerMustEnroll: false,
      callerDeadline: null,
    });
    const fixed = Date.parse(impact.deadline!);
    expect(fixed).toBeGreaterThanOrEqual(before + 7 * DAY);
    expect(fixed).toBeLessThanOrEqual(Date.now() + 7 * DAY);
    expect(impact.latestDeadline).toBe(impact.deadline);
    // nothing changed by the preview
    const policy = await server.dataSource
      .getRepository(SecurityPolicy)
      .findOneByOrFail({ accountId: acme.account.id, userType: UserType.APP_REVIEWER });
    expect(policy.enforcement).toBe(Enforcement.OPTIONAL);

    await owner.ok(UPDATE, { input: reviewersRequired });
    expect(await countOf(TwoFactorStatus.GRACE)).toBe(impact.inGracePeriod);
    expect(await countOf(TwoFactorStatus.OVERDUE)).toBe(impact.enrollAtNextSignIn);
    expect(await countOf(TwoFactorStatus.ENROLLED)).toBe(impact.users - impact.notEnrolled);
    expect(await compliance(owner, UserType.APP_REVIEWER)).toMatchObject({
      users: 5,
      enrolled: 1,
      pinOnly: 0,
      grace: 4,
      optionalOff: 0,
    });
  });

  it('tells the owner their own type makes them enroll at once', async () => {
    const { securityPolicyImpact: impact } = await owner.ok<{ securityPolicyImpact: Impact }>(
      IMPACT,
      {
        input: {
          userType: UserType.ADMINISTRATOR,
          enforcement: Enforcement.REQUIRED,
          allowedMethods: [TwoFactorMethod.AUTHENTICATOR_APP],
          gracePeriodDays: 0,
        },
      },
    );
    expect(impact).toMatchObject({
      users: 2,
      notEnrolled: 2,
      enrollAtNextSignIn: 2,
      callerMustEnroll: true,
      callerDeadline: null,
    });
  });

  it.each([
    [{ ...reviewersRequired, allowedMethods: [] }, 'input.allowedMethods'],
    [{ ...reviewersRequired, gracePeriodDays: 9999 }, 'input.gracePeriodDays'],
    [{ ...reviewersRequired, gracePeriodDays: -1 }, 'input.gracePeriodDays'],
  ])('refuses bad input %j naming %s', async (input, field) => {
    const result = await owner.request(IMPACT, { input });
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    const fields = (result.errors![0]!.extensions!.fields as { field: string }[]).map(
      (f) => f.field,
    );
    expect(fields).toContain(field);
  });

  it('is not for users below administrator', async () => {
    const impact = await reviewerApi.request(IMPACT, { input: reviewersRequired });
    expect(codesOf(impact)).toEqual(['FORBIDDEN']);
    const overview = await reviewerApi.request(COMPLIANCE);
    expect(codesOf(overview)).toEqual(['FORBIDDEN']);
  });

  it('counts only the caller’s account', async () => {
    const other = await makeAccount(server.services, undefined, { smsCountries: ['GB'] });
    const otherOwner = await signedIn(server.url, other.ownerEmail, other.password);
    const row = await compliance(otherOwner, UserType.APP_REVIEWER);
    expect(row.users).toBe(0);
    const { securityPolicyImpact: impact } = await otherOwner.ok<{ securityPolicyImpact: Impact }>(
      IMPACT,
      { input: reviewersRequired },
    );
    expect(impact.users).toBe(0);
  });
});
