import {
  type CreateUserInput,
  createUserSchema,
  Enforcement,
  ErrorReason,
  limits,
  passwordSchema,
  toFieldErrors,
  TwoFactorRequirement,
  UserStatus,
} from '@twofold/shared';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';

import type { z } from 'zod';
import type { Config } from '../../config';
import { hashPassword, verifyPassword } from '../../crypto/password';
import { insertRows, rowsPerInsert } from '../../db/insert-rows';
import { isUniqueViolation } from '../../db/unique-violation';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import { App, UserApp } from '../app/app.entity';
import type { AuditService } from '../audit/audit.service';
import type { Caller, RequestMeta } from '../auth/caller';
import { hasPermission, Permission } from '../auth/permissions';
import { Identity } from '../identity/identity.entity';
import type { LinkToken } from '../link-token/link-token.entity';
import {
  invalidLink,
  LinkPurpose,
  linkLifetimes,
  type LinkTokenService,
} from '../link-token/link-token.service';
import type { MailService } from '../mail/mail.service';
import { invitationMail } from '../mail/templates';
import { enrollmentDeadline } from '../two-factor/status/facts';
import { SecurityPolicy } from '../policy/security-policy.entity';
import type { RateLimitService, RateRule } from '../rate-limit/rate-limit.service';
import { lockedProfile, User } from './user.entity';
import { searchKeysOf } from './search-keys';

/** Wrong current passwords given with one invitation link, before it is locked for a while. */
export const invitationPasswordRule: RateRule = { limit: 10, windowSeconds: 15 * 60 };

/**
 * The status of a new profile. It waits for its invitation to be accepted, unless its login
 * already signs in to this very account (another active profile here) and no invitation is
 * wanted. A login that exists only in other accounts is treated exactly like a new email
 * (docs/design.md, Permissions): the account learns nothing of it, and its owner decides by accepting.
 */
export function initialStatus(activeInThisAccount: boolean, sendInvitation: boolean): UserStatus {
  return activeInThisAccount && !sendInvitation ? UserStatus.ACTIVE : UserStatus.INVITED;
}

/** Creating profiles and accepting invitations (docs/design.md, Logins, profiles and accounts and GraphQL contract). */
export class InvitationService {
  constructor(
    private readonly deps: {
      dataSource: DataSource;
      config: Pick<Config, 'publicUrl'>;
      logger: Logger;
      audit: AuditService;
      rateLimits: RateLimitService;
      linkTokens: LinkTokenService;
      mail: MailService;
    },
  ) {}

  /**
   * Creates a profile in the caller's account. An email that already signs in (in any account)
   * keeps its one login and gains this profile. With `sendInvitation`, mails a 72-hour link after
   * the commit; the profile stays INVITED until it is accepted.
   */
  async createUser(
    caller: Pick<Caller, 'user'>,
    input: CreateUserInput,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<User> {
    const actor = this.manager(caller);
    const parsed = createUserSchema.safeParse(input);
    if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error, 'input'));
    const [user] = await this.createProfiles(actor, [parsed.data], () => 'input', meta, now);
    return user!;
  }

  /**
   * Creates up to `limits.createUsersMax` profiles at once (an administrator's import), all or
   * none: the same rules as `createUser` for each, in one transaction whose statements do not
   * grow with the batch but per 500 rows; invitations are mailed after the commit. Errors name
   * the input: `inputs.<index>.<field>`.
   */
  async createUsers(
    caller: Pick<Caller, 'user'>,
    inputs: readonly CreateUserInput[],
    meta: RequestMeta,
    now = new Date(),
  ): Promise<User[]> {
    const actor = this.manager(caller);
    if (inputs.length === 0 || inputs.length > limits.createUsersMax) {
      throw new BadInputError([
        {
          field: 'inputs',
          message: `Send 1 to ${limits.createUsersMax} users at a time`,
        },
      ]);
    }
    const parsed: ParsedCreateUser[] = [];
    const errors: { field: string; message: string }[] = [];
    inputs.forEach((input, index) => {
      const result = createUserSchema.safeParse(input);
      if (result.success) parsed.push(result.data);
      else errors.push(...toFieldErrors(result.error, `inputs.${index}`));
    });
    if (errors.length > 0) throw new BadInputError(errors);
    return this.createProfiles(actor, parsed, (index) => `inputs.${index}`, meta, now);
  }

  /** The caller, when it may create profiles. */
  private manager(caller: Pick<Caller, 'user'>): NonNullable<Caller['user']> {
    const actor = caller.user;
    if (!actor || !hasPermission(actor, Permission.USERS_MANAGE)) throw new ForbiddenError();
    return actor;
  }

  /**
   * The profiles of `inputs` (already valid), created in one transaction: every check first, then
   * one INSERT per table and 500 rows. `fieldOf(i)` names input `i` in errors.
   */
  private async createProfiles(
    actor: NonNullable<Caller['user']>,
    inputs: readonly ParsedCreateUser[],
    fieldOf: (index: number) => string,
    meta: RequestMeta,
    now: Date,
  ): Promise<User[]> {
    const accountId = actor.accountId;
    // the same email and type twice in one request: the second is the duplicate
    const seen = new Set<string>();
    inputs.forEach((input, index) => {
      const key = `${input.email}\n${input.userType}`;
      if (seen.has(key)) throw duplicateProfile(`${fieldOf(index)}.email`);
      seen.add(key);
    });

    let created: { users: User[]; identities: Identity[]; tokens: (string | null)[] };
    try {
      created = await this.deps.dataSource.transaction(async (manager) => {
        const appIds = [...new Set(inputs.flatMap((input) => input.appIds))];
        if (appIds.length > 0) {
          const found = new Set(
            (
              await manager.find(App, {
                select: { id: true },
                where: { id: In(appIds), accountId },
              })
            ).map((app) => app.id),
          );
          const missing = inputs.findIndex((input) => input.appIds.some((id) => !found.has(id)));
          if (missing >= 0) throw new NotFoundError('App', `${fieldOf(missing)}.appIds`);
        }
        const identities = await this.identitiesOf(
          manager,
          inputs.map((input) => input.email),
          now,
        );
        const identityIds = [...new Set(identities.map((identity) => identity.id))];
        const existing = await inChunks(identityIds, (ids) =>
          manager.find(User, {
            select: { identityId: true, userType: true, status: true },
            where: { accountId, identityId: In(ids) },
          }),
        );
        const taken = new Set(existing.map((u) => `${u.identityId}\n${u.userType}`));
        const duplicate = inputs.findIndex((input, index) =>
          taken.has(`${identities[index]!.id}\n${input.userType}`),
        );
        if (duplicate >= 0) throw duplicateProfile(`${fieldOf(duplicate)}.email`);
        const activeHere = new Set(
          existing.filter((u) => u.status === UserStatus.ACTIVE).map((u) => u.identityId),
        );
        const policies = new Map(
          (await manager.findBy(SecurityPolicy, { accountId })).map((p) => [p.userType, p]),
        );

        const users = inputs.map((input, index) => {
          const identity = identities[index]!;
          const policy = policies.get(input.userType) ?? null;
          const status = initialStatus(activeHere.has(identity.id), input.sendInvitation);
          return manager.create(User, {
            id: randomUUID(),
            accountId,
            identityId: identity.id,
            displayName: input.displayName,
            ...searchKeysOf(input.displayName, identity.email),
            userType: input.userType,
            isOwner: false,
            status,
            acceptedAt: status === UserStatus.ACTIVE ? now : null,
            twoFactorRequirement: input.requireTwoFactor
              ? TwoFactorRequirement.REQUIRED
              : TwoFactorRequirement.INHERIT,
            // 2FA becomes required for this profile now (its own flag or its type's policy):
            // the deadline is fixed at creation, with the type's grace period
            twoFactorDeadline:
              input.requireTwoFactor || policy?.enforcement === Enforcement.REQUIRED
                ? enrollmentDeadline(policy, now)
                : null,
            lastSignInAt: null,
            createdAt: now,
            invitedAt: input.sendInvitation ? now : null,
            invitationExpiresAt: input.sendInvitation
              ? new Date(now.getTime() + linkLifetimes.INVITATION)
              : null,
          });
        });
        await insertRows(manager, User, users);
        await insertRows(
          manager,
          UserApp,
          inputs.flatMap((input, index) =>
            input.appIds.map((appId) =>
              manager.create(UserApp, { userId: users[index]!.id, appId }),
            ),
          ),
        );
        await this.deps.audit.recordMany(
          inputs.map((input, index) => ({
            accountId,
            actorUserId: actor.id,
            actorIdentityId: actor.identityId,
            action: 'user.created',
            targetType: 'User',
            targetId: users[index]!.id,
            ip: meta.ip,
            details: {
              userType: input.userType,
              appIds: input.appIds,
              requireTwoFactor: input.requireTwoFactor,
              sendInvitation: input.sendInvitation,
            },
          })),
          manager,
        );
        const invited = inputs.flatMap((input, index) => (input.sendInvitation ? [index] : []));
        const issued = await this.deps.linkTokens.issueForNewProfiles(
          LinkPurpose.INVITATION,
          invited.map((index) => ({ identityId: identities[index]!.id, userId: users[index]!.id })),
          linkLifetimes.INVITATION,
          manager,
          now,
        );
        const tokens: (string | null)[] = inputs.map(() => null);
        invited.forEach((index, i) => (tokens[index] = issued[i]!));
        // as stored: the triggers filled the stored 2FA columns (docs/design.md, Stored 2FA status)
        const stored = new Map(
          (
            await inChunks(
              users.map((user) => user.id),
              (ids) => manager.findBy(User, { id: In(ids) }),
            )
          ).map((user) => [user.id, user]),
        );
        return { users: users.map((user) => stored.get(user.id)!), identities, tokens };
      });
    } catch (error) {
      // a concurrent createUser for the same email and type won the unique index
      if (isUniqueViolation(error)) {
        throw duplicateProfile(inputs.length === 1 ? `${fieldOf(0)}.email` : 'inputs');
      }
      throw error;
    }

    const { users, identities, tokens } = created;
    // the profiles exist either way; an administrator can invite again once mail works
    await eachWithin(mailsInFlight, users.keys(), async (index) => {
      const token = tokens[index];
      if (token === null || token === undefined) return;
      const user = users[index]!;
      const identity = identities[index]!;
      await this.deps.mail.notify(
        {
          to: identity.email,
          ...invitationMail({
            displayName: user.displayName,
            accountName: actor.account?.name ?? '',
            inviterName: actor.displayName,
            link: `${this.deps.config.publicUrl}/invitation/${token}`,
            expiresInHours: linkLifetimes.INVITATION / 3_600_000,
            hasLogin: identity.passwordHash !== null,
          }),
        },
        { userId: user.id },
      );
    });
    for (const user of users) user.account = actor.account;
    return users;
  }

  /**
   * The login of each email, in order: found, or created without a password (one INSERT per
   * 500 new ones). An email given twice (two types) is one login.
   */
  private async identitiesOf(
    manager: EntityManager,
    emails: readonly string[],
    now: Date,
  ): Promise<Identity[]> {
    const unique = [...new Set(emails)];
    const found = new Map(
      (await inChunks(unique, (chunk) => manager.findBy(Identity, { email: In(chunk) }))).map(
        (identity) => [identity.email, identity],
      ),
    );
    const fresh = unique
      .filter((email) => !found.has(email))
      .map((email) =>
        manager.create(Identity, {
          id: randomUUID(),
          email,
          passwordHash: null,
          emailVerifiedAt: null,
          createdAt: now,
        }),
      );
    await insertRows(manager, Identity, fresh);
    for (const identity of fresh) found.set(identity.email, identity);
    return emails.map((email) => found.get(email)!);
  }

  /**
   * Accepts an invitation: a login without a password gets `password`; a login that already has
   * one must give it (one login, one password, several profiles). The profile becomes ACTIVE.
   */
  async acceptInvitation(
    token: string,
    password: string,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<boolean> {
    const { dataSource, linkTokens } = this.deps;
    const link = await linkTokens.peek(LinkPurpose.INVITATION, token, undefined, now);
    const identity = await dataSource.getRepository(Identity).findOneBy({ id: link.identityId });
    if (!identity) throw invalidLink();

    let newHash: string | null = null;
    if (identity.passwordHash === null) {
      const parsed = passwordSchema.safeParse(password);
      if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error, 'password'));
      newHash = await hashPassword(parsed.data);
    } else {
      await this.checkLoginPassword(link.id, identity.passwordHash, password, now);
    }

    const accepted = await this.consumeInvitation(link, token, identity, newHash, meta, now);
    if (accepted) return true;
    // another invitation of this login set its first password meanwhile (nothing was written):
    // the password typed here must be that one, checked outside any transaction, like any other
    const current = await dataSource.getRepository(Identity).findOneBy({ id: identity.id });
    await this.checkLoginPassword(link.id, current?.passwordHash ?? null, password, now);
    if (!(await this.consumeInvitation(link, token, identity, null, meta, now))) {
      throw wrongCurrentPassword();
    }
    return true;
  }

  /**
   * An invitation to a login that has a password needs that password; the link must not become
   * a way around the sign-in attempt limits, so each guess is reserved before it is checked.
   */
  private async checkLoginPassword(
    linkId: string,
    passwordHash: string | null,
    password: string,
    now: Date,
  ): Promise<void> {
    const { rateLimits } = this.deps;
    const reservation = await rateLimits.reserve(
      [{ bucket: `pw:invitation:${linkId}`, rule: invitationPasswordRule }],
      now,
    );
    if (password.length > limits.passwordMax || !(await verifyPassword(passwordHash, password))) {
      throw wrongCurrentPassword();
    }
    await rateLimits.giveBack(reservation);
  }

  /**
   * Uses the link up and activates its profile, in one transaction with no await but SQL. With
   * `newHash`, also sets the login's first password — unless another invitation set one
   * meanwhile: then nothing is written and the answer is false.
   */
  private async consumeInvitation(
    link: Pick<LinkToken, 'userId'>,
    token: string,
    identity: Identity,
    newHash: string | null,
    meta: RequestMeta,
    now: Date,
  ): Promise<boolean> {
    const { dataSource, linkTokens } = this.deps;
    const passwordTaken = new Error('first password set meanwhile');
    try {
      await dataSource.transaction(async (manager) => {
        // the profile before its link, as a resend or revocation takes them: no deadlock between them
        const user = link.userId ? await lockedProfile(manager, { id: link.userId }) : null;
        if (!user) throw invalidLink();
        await linkTokens.consume(LinkPurpose.INVITATION, token, manager, now);
        if (newHash !== null) {
          const set = await manager.update(
            Identity,
            { id: identity.id, passwordHash: IsNull() },
            { passwordHash: newHash },
          );
          // rolls the consumed link back: the caller checks the password and comes again
          if ((set.affected ?? 0) === 0) throw passwordTaken;
        }
        if (identity.emailVerifiedAt === null) {
          await manager.update(Identity, { id: identity.id }, { emailVerifiedAt: now });
        }
        // accepted now, whatever happened meanwhile; a profile suspended meanwhile stays suspended
        await manager.update(
          User,
          { id: user.id },
          user.status === UserStatus.INVITED
            ? { status: UserStatus.ACTIVE, acceptedAt: now, invitationExpiresAt: null }
            : { acceptedAt: now, invitationExpiresAt: null },
        );
        await this.deps.audit.record(
          {
            accountId: user.accountId,
            actorUserId: user.id,
            actorIdentityId: identity.id,
            action: 'user.invitation_accepted',
            targetType: 'User',
            targetId: user.id,
            ip: meta.ip,
          },
          manager,
        );
      });
      return true;
    } catch (error) {
      if (error === passwordTaken) return false;
      throw error;
    }
  }
}

function duplicateProfile(field = 'input.email'): ConflictError {
  return new ConflictError(
    'This email already has a profile of this user type in the account',
    ErrorReason.DUPLICATE_PROFILE,
    field,
  );
}

/** A `createUserSchema` input once parsed. */
type ParsedCreateUser = z.output<typeof createUserSchema>;

/** Invitation mails sent at once after a `createUsers`. */
const mailsInFlight = 8;

/** `load` over `items` in chunks of 500 (bounded IN lists), results concatenated. */
async function inChunks<T, R>(
  items: readonly T[],
  load: (chunk: T[]) => Promise<R[]>,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += rowsPerInsert)
    results.push(...(await load(items.slice(i, i + rowsPerInsert))));
  return results;
}

/** Runs `work` for every item with at most `limit` running at once. */
async function eachWithin<T>(
  limit: number,
  items: Iterable<T>,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
}

function wrongCurrentPassword(): BadInputError {
  return new BadInputError([
    {
      field: 'password',
      message: 'This email already signs in to Twofold: enter that password',
    },
  ]);
}
