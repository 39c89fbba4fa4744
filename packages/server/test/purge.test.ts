import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProviderTwoFactorPolicy, TokenTransport } from '@twofold/shared';
import { finished } from '@twofold/testkit/process';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { HousekeepingLease } from '../src/modules/housekeeping/housekeeping-lease.entity';
import { type PurgeKind, PurgeService } from '../src/modules/housekeeping/purge.service';
import { LinkPurpose, LinkToken } from '../src/modules/link-token/link-token.entity';
import { IdentityProvider } from '../src/modules/openid/identity-provider.entity';
import { OpenIdAttempt, OpenIdPurpose } from '../src/modules/openid/openid-attempt.entity';
import { RateLimit } from '../src/modules/rate-limit/rate-limit.entity';
import { RememberedDevice } from '../src/modules/remembered-device/remembered-device.entity';
import { Session } from '../src/modules/session/session.entity';
import {
  AuthenticatorFactor,
  FactorStatus,
  SmsFactor,
} from '../src/modules/two-factor/two-factor.entities';
import { type AccountFixture, makeAccount, makeUser } from './helpers/factories';
import { spawnServerScript } from './helpers/server-process';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';
import { startTestServer, type TestServer } from './helpers/test-server';

const now = new Date('2031-05-01T12:00:00.000Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
const days = (n: number) => minutes(n * 24 * 60);
const hash = () => randomBytes(32).toString('hex');

describe('purging expired data', () => {
  let server: TestServer;
  let acme: AccountFixture;
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

  function purgeService(options: Partial<ConstructorParameters<typeof PurgeService>[0]> = {}) {
    return new PurgeService({
      dataSource: server.dataSource,
      logger: silent,
      auditRetentionDays: 400,
      longestSessionIdleMs: 30 * 60_000,
      ...options,
    });
  }

  beforeAll(async () => {
    server = await startTestServer();
    acme = await makeAccount(server.services);
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    for (const entity of [Session, LinkToken, RateLimit, AuditEvent, HousekeepingLease]) {
      await server.dataSource.getRepository(entity).createQueryBuilder().delete().execute();
    }
  });

  async function session(lastSeenAt: Date, absoluteExpiresAt: Date): Promise<string> {
    const row = await server.dataSource.getRepository(Session).save(
      server.dataSource.getRepository(Session).create({
        tokenHash: hash(),
        identityId: acme.owner.identityId,
        userId: acme.owner.id,
        secondFactorVerifiedAt: null,
        transport: TokenTransport.BEARER,
        createdAt: minutes(-60),
        lastSeenAt,
        absoluteExpiresAt,
        ip: null,
        userAgent: null,
      }),
    );
    return row.id;
  }

  async function ids<T extends { id: string }>(entity: new () => T): Promise<string[]> {
    return (await server.dataSource.getRepository(entity).find()).map((row) => row.id).sort();
  }

  it('removes expired rows of every kind and keeps the live ones', async () => {
    const { dataSource } = server;
    const liveSession = await session(minutes(-5), minutes(600));
    await session(minutes(-31), minutes(600)); // idle too long
    await session(minutes(-1), minutes(-1)); // past its absolute expiry

    const link = (expiresAt: Date, usedAt: Date | null) =>
      dataSource.getRepository(LinkToken).save(
        dataSource.getRepository(LinkToken).create({
          tokenHash: hash(),
          purpose: LinkPurpose.INVITATION,
          identityId: acme.owner.identityId,
          userId: acme.owner.id,
          expiresAt,
          usedAt,
          createdAt: minutes(-10),
        }),
      );
    const liveLink = await link(days(3), null);
    await link(minutes(-1), null); // expired
    await link(days(3), minutes(-5)); // used (or voided by a newer link)

    await dataSource.getRepository(RateLimit).save([
      { bucket: 'live', count: 3, windowStartedAt: minutes(-60) },
      { bucket: 'ended', count: 9, windowStartedAt: days(-1.01) },
    ]);

    const member = await makeUser(server.services, acme.account);
    const other = await makeUser(server.services, acme.account);
    const sms = (userId: string, status: FactorStatus, createdAt: Date, codeExpiresAt: Date) =>
      dataSource.getRepository(SmsFactor).save(
        dataSource.getRepository(SmsFactor).create({
          userId,
          phoneSealed: 'sealed',
          phoneHash: hash(),
          status,
          codeHash: hash(),
          codeExpiresAt,
          createdAt,
          confirmedAt: status === FactorStatus.ACTIVE ? createdAt : null,
        }),
      );
    const liveCode = await sms(member.user.id, FactorStatus.ACTIVE, days(-3), minutes(5));
    const expiredCode = await sms(other.user.id, FactorStatus.ACTIVE, days(-3), minutes(-1));
    const pendingPhone = await sms(member.user.id, FactorStatus.PENDING, days(-2), minutes(-1));
    const authenticator = (userId: string, createdAt: Date) =>
      dataSource.getRepository(AuthenticatorFactor).save(
        dataSource.getRepository(AuthenticatorFactor).create({
          userId,
          secretSealed: 'sealed',
          status: FactorStatus.PENDING,
          lastUsedStep: null,
          createdAt,
          confirmedAt: null,
          viaLink: false,
        }),
      );
    const freshEnrollment = await authenticator(member.user.id, minutes(-30));
    const abandoned = await authenticator(other.user.id, days(-1.5));

    const event = (createdAt: Date) =>
      server.services.audit
        .record({
          accountId: acme.account.id,
          action: 'auth.signed_in',
          actorUserId: acme.owner.id,
          actorIdentityId: null,
          targetType: 'User',
          targetId: acme.owner.id,
          ip: null,
          details: null,
        })
        .then(async (row) => {
          await dataSource.getRepository(AuditEvent).update(row.id, { createdAt });
          return row;
        });
    const recent = await event(days(-399));
    await event(days(-401));

    const provider = await dataSource.getRepository(IdentityProvider).save(
      dataSource.getRepository(IdentityProvider).create({
        accountId: acme.account.id,
        displayName: 'Acme ID',
        issuerUrl: 'https://id.acme.test',
        clientId: 'twofold',
        clientSecretSealed: 'sealed',
        allowedEmailDomains: [],
        twoFactorPolicy: ProviderTwoFactorPolicy.REQUIRE_TWOFOLD,
        trustedAcrValues: [],
        createdAt: days(-1),
        updatedAt: days(-1),
      }),
    );
    const attempt = (expiresAt: Date) =>
      dataSource.getRepository(OpenIdAttempt).save(
        dataSource.getRepository(OpenIdAttempt).create({
          stateHash: hash(),
          identityProviderId: provider.id,
          purpose: OpenIdPurpose.SIGN_IN,
          startedByUserId: null,
          createdAt: minutes(-11),
          expiresAt,
        }),
      );
    const liveAttempt = await attempt(minutes(5));
    await attempt(minutes(-1)); // never came back from the provider

    const device = (expiresAt: Date) =>
      dataSource.getRepository(RememberedDevice).save(
        dataSource.getRepository(RememberedDevice).create({
          tokenHash: hash(),
          identityId: member.user.identityId,
          userId: member.user.id,
          browser: 'Firefox on Linux',
          ip: null,
          createdAt: days(-30),
          lastUsedAt: null,
          expiresAt,
        }),
      );
    const liveDevice = await device(minutes(5));
    await device(minutes(-1)); // its days ran out

    const { ran, counts } = await purgeService().run(now);
    expect(ran).toBe(true);
    expect(counts).toEqual({
      sessions: 2,
      linkTokens: 2,
      rateLimits: 1,
      smsCodes: 2, // the expired code, and the abandoned pending number's
      pendingFactors: 2,
      openIdAttempts: 1,
      rememberedDevices: 1,
      webAuthnChallenges: 0,
      auditEvents: 1,
    });
    expect(await ids(OpenIdAttempt)).toEqual([liveAttempt.id]);
    expect(await ids(RememberedDevice)).toEqual([liveDevice.id]);
    expect(await ids(Session)).toEqual([liveSession]);
    expect(await ids(LinkToken)).toEqual([liveLink.id]);
    expect((await dataSource.getRepository(RateLimit).find()).map((r) => r.bucket)).toEqual([
      'live',
    ]);
    const phones = await dataSource.getRepository(SmsFactor).find();
    expect(phones.map((p) => p.id).sort()).toEqual([liveCode.id, expiredCode.id].sort());
    expect(phones.find((p) => p.id === expiredCode.id)).toMatchObject({
      codeHash: null,
      codeExpiresAt: null,
      status: FactorStatus.ACTIVE,
    });
    expect(phones.find((p) => p.id === liveCode.id)?.codeHash).not.toBeNull();
    expect(await ids(AuthenticatorFactor)).toEqual([freshEnrollment.id]);
    expect(abandoned.id).not.toBe(freshEnrollment.id);
    expect(pendingPhone.id).toBeDefined();
    expect(await ids(AuditEvent)).toContain(recent.id);
    expect(await dataSource.getRepository(AuditEvent).count()).toBe((await ids(AuditEvent)).length);

    // a second run finds nothing left
    const again = await purgeService().run(now);
    expect(Object.values(again.counts).every((n) => n === 0)).toBe(true);
  });

  it('keeps audit events for ever with AUDIT_RETENTION_DAYS=0', async () => {
    const row = await server.services.audit.record({
      accountId: acme.account.id,
      action: 'auth.signed_in',
      actorUserId: null,
      actorIdentityId: null,
      targetType: null,
      targetId: null,
      ip: null,
      details: null,
    });
    await server.dataSource.getRepository(AuditEvent).update(row.id, { createdAt: days(-5000) });
    const { counts } = await purgeService({ auditRetentionDays: 0 }).run(now);
    expect(counts.auditEvents).toBe(0);
    expect(await server.dataSource.getRepository(AuditEvent).countBy({ id: row.id })).toBe(1);
  });

  it('removes 10,000 expired sessions in batches of 1,000', async () => {
    const rows = Array.from({ length: 10_000 }, () => ({
      id: randomUUID(),
      tokenHash: hash(),
      identityId: acme.owner.identityId,
      userId: acme.owner.id,
      secondFactorVerifiedAt: null,
      transport: TokenTransport.BEARER,
      createdAt: days(-2),
      lastSeenAt: days(-2),
      absoluteExpiresAt: days(-1),
      ip: null,
      userAgent: null,
    }));
    for (let i = 0; i < rows.length; i += 500) {
      await server.dataSource
        .createQueryBuilder()
        .insert()
        .into(Session)
        .values(rows.slice(i, i + 500))
        .execute();
    }
    const live = await session(minutes(-1), minutes(60));
    const batches: number[] = [];
    const { counts } = await purgeService({
      onPurged: (kind: PurgeKind, n: number) => {
        if (kind === 'sessions') batches.push(n);
      },
    }).run(now);
    expect(counts.sessions).toBe(10_000);
    expect(batches).toEqual(Array.from({ length: 10 }, () => 1000));
    expect(await ids(Session)).toEqual([live]);
  });

  it('lets one replica purge at a time: the others skip while it holds the lease', async () => {
    for (let i = 0; i < 30; i += 1) await session(minutes(-120), minutes(-60));
    const first = purgeService({ batchSize: 5 });
    const second = purgeService({ batchSize: 5 });
    // started together: exactly one runs
    const together = await Promise.all([first.run(now), second.run(now)]);
    expect(together.map((r) => r.ran).sort()).toEqual([false, true]);
    expect(together.find((r) => r.ran)?.counts.sessions).toBe(30);

    // while one holds the lease (between two of its batches), another one skips
    for (let i = 0; i < 30; i += 1) await session(minutes(-120), minutes(-60));
    const meanwhile: Awaited<ReturnType<PurgeService['run']>>[] = [];
    const holding = purgeService({
      batchSize: 5,
      onPurged: async () => {
        meanwhile.push(await second.run(now));
      },
    });
    const done = await holding.run(now);
    expect(done.counts.sessions).toBe(30);
    expect(meanwhile).toHaveLength(6);
    expect(meanwhile.every((r) => !r.ran)).toBe(true);

    // once released, the next run takes it
    expect((await second.run(now)).ran).toBe(true);
  });

  it('stops when its lease lapsed and another replica took over', async () => {
    for (let i = 0; i < 12; i += 1) await session(minutes(-120), minutes(-60));
    let batches = 0;
    const purge = purgeService({
      batchSize: 5,
      onPurged: async () => {
        batches += 1;
        // another replica takes the lease as if this one had hung past it
        await server.dataSource
          .getRepository(HousekeepingLease)
          .update({ name: 'purge' }, { holder: 'someone else' });
      },
    });
    const { ran, counts } = await purge.run(now);
    expect(ran).toBe(true);
    expect(batches).toBe(1);
    expect(counts.sessions).toBe(5);
  });
});

describe('pnpm twofold purge', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('exits 0 and prints what it removed', async () => {
    const { config } = database;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'twofold-purge-'));
    const env: Record<string, string> =
      config.type === 'sqlite'
        ? { TWOFOLD_DATA_DIR: path.dirname(config.path) }
        : {
            DATABASE_URL: config.url,
            TWOFOLD_SECRET_KEY: randomBytes(32).toString('base64'),
            TWOFOLD_DATA_DIR: dataDir,
          };
    try {
      const result = await finished(spawnServerScript('cli.ts', ['purge'], env));
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(
        'sessions: 0\nlinkTokens: 0\nrateLimits: 0\nsmsCodes: 0\npendingFactors: 0\nopenIdAttempts: 0\nrememberedDevices: 0\nwebAuthnChallenges: 0\nauditEvents: 0\n',
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
