import {
  Enforcement,
  isLoopbackUrl,
  createIdentityProviderSchema,
  ProviderTwoFactorPolicy,
  type UserType,
  type CreateIdentityProviderInput,
  emailSchema,
  toFieldErrors,
  updateIdentityProviderSchema,
  type UpdateIdentityProviderInput,
} from '@twofold/shared';
import { type DataSource, type EntityManager, In, type Repository } from 'typeorm';
import type { SecretBox } from '../../crypto/secret-box';
import { BadInputError, ForbiddenError, NotFoundError } from '../../errors';
import { Account } from '../account/account.entity';
import { AccountDomain } from '../account-domain/account-domain.entity';
import type { AuditService } from '../audit/audit.service';
import { changesOf } from '../audit/changes';
import { type Caller, type RequestMeta, requireProfile } from '../auth/caller';
import { hasPermission, Permission } from '../auth/permissions';
import { SecurityPolicy } from '../policy/security-policy.entity';
import { Session } from '../session/session.entity';
import { IdentityProvider } from './identity-provider.entity';
import { IdentitySubject } from './identity-subject.entity';
import { type AllowedNetworks, addressAllowed, classifyAddress } from './network-address';
import type { ProviderClient, ProviderConnection } from './provider-client';

function pick<T extends object, K extends keyof T>(object: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(
    keys.filter((key) => object[key] !== undefined).map((key) => [key, object[key]]),
  ) as Partial<Pick<T, K>>;
}

/** The settings an update's audit event records with their values (the others by name). */
const loggedValues = [
  'displayName',
  'twoFactorPolicy',
  'trustedAcrValues',
  'waiverUserTypes',
  'maxAgeSeconds',
  'allowedEmailDomains',
  'issuerUrl',
] as const satisfies (keyof IdentityProvider)[];

/** At most this many providers per account: a sign-in page shows them all. */
export const MAX_PROVIDERS_PER_ACCOUNT = 10;

/** A provider a signed-out visitor may choose on the sign-in page. */
export interface SignInOption {
  id: string;
  displayName: string;
  accountName: string;
}

/**
 * An account's OpenID providers: owners add, change and remove them, owners and administrators
 * read them. The client secret is sealed before it is stored and is never returned.
 */
export class IdentityProviderService {
  constructor(
    private readonly deps: {
      dataSource: DataSource;
      audit: AuditService;
      box: SecretBox;
      client: ProviderClient;
      /** PUBLIC_URL: a provider on plain-http localhost only for a Twofold on localhost itself. */
      publicUrl: string;
      /** Networks the operator opened to providers (OPENID_ALLOWED_NETWORKS). */
      allowedNetworks?: AllowedNetworks;
    },
  ) {}

  /**
   * An issuer on this machine's plain http is for development and tests: a Twofold that others
   * reach (PUBLIC_URL not on localhost) does not talk to its own network on an owner's word. An
   * address written in the URL is refused at once; a name is judged by what it resolves to, each
   * time the server connects (providerFetch).
   */
  private checkIssuer(issuerUrl: string | undefined): void {
    if (issuerUrl === undefined || isLoopbackUrl(this.deps.publicUrl)) return;
    const refuse = (message: string) => {
      throw new BadInputError([{ field: 'input.issuerUrl', message }]);
    };
    if (issuerUrl.startsWith('http:')) refuse('Use https: this Twofold is not on localhost');
    // the host as the URL parser reads it: `2130706433` and `0x7f.1` are 127.0.0.1
    const host = new URL(issuerUrl).hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
    const local = host === 'localhost' || host.endsWith('.localhost');
    if (
      local ||
      (classifyAddress(host) !== null && !addressAllowed(host, this.deps.allowedNetworks))
    ) {
      refuse('The issuer must be on a public address, not on this server’s own network');
    }
  }

  /**
   * A rule that spares the second factor reaches a type whose policy requires one only when the
   * owner confirms it: ticking such a type alone is refused, naming the field. Only types the
   * change newly exposes are checked (newly ticked, or all ticked when the rule starts waiving).
   */
  private async checkRequiredTypes(
    manager: EntityManager,
    accountId: string,
    before: { twoFactorPolicy: ProviderTwoFactorPolicy; waiverUserTypes: UserType[] } | null,
    after: { twoFactorPolicy: ProviderTwoFactorPolicy; waiverUserTypes: UserType[] },
    confirmed: boolean,
  ): Promise<void> {
    if (confirmed || after.twoFactorPolicy === ProviderTwoFactorPolicy.REQUIRE_TWOFOLD) return;
    const wasWaiving =
      before !== null && before.twoFactorPolicy !== ProviderTwoFactorPolicy.REQUIRE_TWOFOLD;
    const exposed = after.waiverUserTypes.filter(
      (type) => !wasWaiving || !before.waiverUserTypes.includes(type),
    );
    if (exposed.length === 0) return;
    const required = await manager.findBy(SecurityPolicy, {
      accountId,
      userType: In(exposed),
      enforcement: Enforcement.REQUIRED,
    });
    if (required.length === 0) return;
    const names = required.map((policy) => policy.userType).sort();
    throw new BadInputError([
      {
        field: 'input.waiverUserTypes',
        message: `${names.join(', ')} must give a second factor: confirm that this provider’s sign-in stands in for it`,
      },
    ]);
  }

  async list(caller: Pick<Caller, 'user'>): Promise<IdentityProvider[]> {
    const user = requireProfile(caller);
    if (!hasPermission(user, Permission.POLICIES_READ)) throw new ForbiddenError();
    return this.deps.dataSource.getRepository(IdentityProvider).find({
      where: { accountId: user.accountId },
      order: { displayName: 'ASC', id: 'ASC' },
    });
  }

  async create(
    caller: Pick<Caller, 'user'>,
    input: CreateIdentityProviderInput,
    meta: RequestMeta,
  ): Promise<IdentityProvider> {
    const user = this.owner(caller);
    const parsed = createIdentityProviderSchema.safeParse({ ...input });
    if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error, 'input'));
    this.checkIssuer(parsed.data.issuerUrl);
    const { clientSecret, confirmRequiredTypes, ...fields } = parsed.data;
    return this.deps.dataSource.transaction(async (manager) => {
      await this.checkRequiredTypes(
        manager,
        user.accountId,
        null,
        fields,
        confirmRequiredTypes === true,
      );
      // the account row is the lock: two concurrent additions cannot both pass the limit
      await manager
        .createQueryBuilder()
        .update(Account)
        .set({ id: () => 'id' })
        .where('id = :id', { id: user.accountId })
        .execute();
      const count = await manager.countBy(IdentityProvider, { accountId: user.accountId });
      if (count >= MAX_PROVIDERS_PER_ACCOUNT) {
        throw new BadInputError([
          {
            field: 'input',
            message: `An account has at most ${MAX_PROVIDERS_PER_ACCOUNT} identity providers`,
          },
        ]);
      }
      const now = new Date();
      const provider = await manager.save(
        manager.create(IdentityProvider, {
          ...fields,
          clientSecretSealed: this.deps.box.seal(clientSecret),
          accountId: user.accountId,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.deps.audit.record(
        {
          accountId: user.accountId,
          actorUserId: user.id,
          actorIdentityId: user.identityId,
          action: 'identity_provider.created',
          targetType: 'IdentityProvider',
          targetId: provider.id,
          ip: meta.ip,
          details: {
            displayName: provider.displayName,
            issuerUrl: provider.issuerUrl,
            twoFactorPolicy: provider.twoFactorPolicy,
            waiverUserTypes: provider.waiverUserTypes,
            maxAgeSeconds: provider.maxAgeSeconds,
            ...(confirmRequiredTypes === true ? { confirmedRequiredTypes: true } : {}),
          },
        },
        manager,
      );
      return provider;
    });
  }

  /** Changes the given fields; a new client secret replaces the stored one. */
  async update(
    caller: Pick<Caller, 'user'>,
    id: string,
    input: UpdateIdentityProviderInput,
    meta: RequestMeta,
  ): Promise<IdentityProvider> {
    const user = this.owner(caller);
    const parsed = updateIdentityProviderSchema.safeParse({ ...input });
    if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error, 'input'));
    this.checkIssuer(parsed.data.issuerUrl);
    const { clientSecret, confirmRequiredTypes, ...fields } = parsed.data;
    // the cached metadata follows `updatedAt` (ProviderClient): nothing to forget here
    return this.deps.dataSource.transaction(async (manager) => {
      const provider = await this.find(manager.getRepository(IdentityProvider), user.accountId, id);
      await this.checkRequiredTypes(
        manager,
        user.accountId,
        provider,
        {
          twoFactorPolicy: fields.twoFactorPolicy ?? provider.twoFactorPolicy,
          waiverUserTypes: fields.waiverUserTypes ?? provider.waiverUserTypes,
        },
        confirmRequiredTypes === true,
      );
      const changes: Partial<IdentityProvider> = {};
      for (const [key, value] of Object.entries(fields) as [keyof typeof fields, unknown][]) {
        if (value === undefined) continue;
        if (JSON.stringify(provider[key]) !== JSON.stringify(value)) {
          Object.assign(changes, { [key]: value });
        }
      }
      if (clientSecret !== undefined) changes.clientSecretSealed = this.deps.box.seal(clientSecret);
      const names = Object.keys(changes)
        .map((key) => (key === 'clientSecretSealed' ? 'clientSecret' : key))
        .sort();
      if (names.length === 0) return provider;
      changes.updatedAt = new Date();
      await manager.update(IdentityProvider, { id: provider.id }, changes);
      if (changes.issuerUrl !== undefined || changes.clientId !== undefined) {
        // another issuer or client speaks for other people: its links and sessions start over
        await manager.delete(IdentitySubject, { identityProviderId: provider.id });
        await manager.delete(Session, { identityProviderId: provider.id });
      }
      // the rule, who it admits and where it lives are worth reading in the log, before and
      // after; the rest (never the secret) by name only
      const recorded = changesOf(
        pick(provider, [...loggedValues]),
        pick(changes, [...loggedValues]),
      );
      Object.assign(provider, changes);
      await this.deps.audit.record(
        {
          accountId: user.accountId,
          actorUserId: user.id,
          actorIdentityId: user.identityId,
          action: 'identity_provider.updated',
          targetType: 'IdentityProvider',
          targetId: provider.id,
          ip: meta.ip,
          details: {
            fields: names,
            changes: recorded,
            ...(confirmRequiredTypes === true ? { confirmedRequiredTypes: true } : {}),
          },
        },
        manager,
      );
      return provider;
    });
  }

  /** Removes the provider, its linked subjects and every session opened through it. */
  async remove(caller: Pick<Caller, 'user'>, id: string, meta: RequestMeta): Promise<boolean> {
    const user = this.owner(caller);
    await this.deps.dataSource.transaction(async (manager) => {
      const provider = await this.find(manager.getRepository(IdentityProvider), user.accountId, id);
      // the foreign keys cascade to subjects, attempts and sessions
      await manager.delete(IdentityProvider, { id: provider.id });
      await this.deps.audit.record(
        {
          accountId: user.accountId,
          actorUserId: user.id,
          actorIdentityId: user.identityId,
          action: 'identity_provider.removed',
          targetType: 'IdentityProvider',
          targetId: provider.id,
          ip: meta.ip,
          details: { displayName: provider.displayName },
        },
        manager,
      );
    });
    this.deps.client.forget(id);
    return true;
  }

  /**
   * The providers a signed-out visitor can sign in with: the account's, when the sign-in URL names
   * it (`/a/<slug>`), or, by the email's domain, those of the one account that has verified that
   * domain and that allow it (an empty list allows any). Any account can list any domain in its
   * providers, so only a proven domain speaks for an account to strangers.
   */
  async signInOptions(input: {
    accountSlug?: string | null;
    email?: string | null;
  }): Promise<SignInOption[]> {
    const query = this.deps.dataSource
      .getRepository(IdentityProvider)
      .createQueryBuilder('provider')
      .innerJoinAndSelect('provider.account', 'account')
      .orderBy('account.name', 'ASC')
      .addOrderBy('provider.displayName', 'ASC')
      .addOrderBy('provider.id', 'ASC');
    let domain: string | null = null;
    if (input.accountSlug) {
      if (input.accountSlug.length > 100) return [];
      query.where('account.slug = :slug', { slug: input.accountSlug.toLowerCase() });
    } else if (input.email) {
      const parsed = emailSchema.safeParse(input.email);
      if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error, 'email'));
      domain = parsed.data.slice(parsed.data.lastIndexOf('@') + 1);
    } else {
      return [];
    }
    if (domain !== null) {
      query.innerJoin(
        AccountDomain,
        'verified',
        'verified.accountId = provider.accountId AND verified.verifiedDomain = :domain',
        { domain },
      );
      // narrowed in SQL on the stored JSON text (a domain holds no LIKE wildcard), then exactly
      query.where(
        "(provider.allowedEmailDomains LIKE :pattern OR provider.allowedEmailDomains = '[]')",
        { pattern: `%"${domain}"%` },
      );
    }
    const providers = await query.getMany();
    return providers
      .filter(
        (provider) =>
          domain === null ||
          provider.allowedEmailDomains.length === 0 ||
          provider.allowedEmailDomains.includes(domain),
      )
      .map((provider) => ({
        id: provider.id,
        displayName: provider.displayName,
        accountName: provider.account!.name,
      }));
  }

  /** The provider with its secret opened, to talk to it (the sign-in service). */
  connectionOf(provider: IdentityProvider): ProviderConnection {
    return {
      id: provider.id,
      issuerUrl: provider.issuerUrl,
      clientId: provider.clientId,
      clientSecret: this.deps.box.open(provider.clientSecretSealed),
      updatedAt: provider.updatedAt,
    };
  }

  /** An owner of the account; administrators read providers but never change them. */
  private owner(caller: Pick<Caller, 'user'>) {
    const user = requireProfile(caller);
    if (!hasPermission(user, Permission.IDENTITY_PROVIDERS_WRITE)) throw new ForbiddenError();
    return user;
  }

  /** The account's provider `id`; another account's does not exist for the caller. */
  async find(
    repository: Repository<IdentityProvider>,
    accountId: string,
    id: string,
  ): Promise<IdentityProvider> {
    const provider = id.length <= 36 ? await repository.findOneBy({ id, accountId }) : null;
    if (!provider) throw new NotFoundError('Identity provider', 'id');
    return provider;
  }
}
