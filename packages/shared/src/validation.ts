import { z } from 'zod';
import {
  Enforcement,
  Platform,
  ProviderTwoFactorPolicy,
  TwoFactorMethod,
  TwoFactorStatus,
  UserStatus,
  UserType,
} from './enums';
import type { FieldError } from './errors';

/** Lengths shared by the server's columns and the console's forms. */
export const limits = {
  emailMax: 254,
  passwordMin: 8,
  // argon2 hashes the whole input: an upper bound keeps a request from buying seconds of CPU.
  passwordMax: 256,
  nameMax: 100,
  urlMax: 2048,
  bundleIdMax: 155,
  reasonMax: 500,
  resetFactorIdsMax: 10,
  /** `createUsers`: profiles created by one request (an import is sent in such batches). */
  createUsersMax: 500,
  gracePeriodDaysMax: 365,
  /** docs/design.md, Remembered browsers: a browser is remembered for at most this many days. */
  rememberDeviceDaysMax: 90,
  searchMax: 100,
  pageSizeMax: 100,
  /** An identity provider's `max_age`: a fresh sign-in within ten minutes unless set otherwise. */
  providerMaxAgeDefault: 600,
  providerMaxAgeMax: 86_400,
} as const;

export const emailSchema = z
  .string()
  .trim()
  .max(limits.emailMax, { message: `At most ${limits.emailMax} characters` })
  .pipe(z.email({ message: 'Enter a valid email address' }))
  .transform((email) => email.toLowerCase());

export const passwordSchema = z
  .string()
  .min(limits.passwordMin, { message: `At least ${limits.passwordMin} characters` })
  .max(limits.passwordMax, { message: `At most ${limits.passwordMax} characters` });

/** Six digits, as an authenticator app or an SMS shows them. Spaces are tolerated. */
export const otpCodeSchema = z
  .string()
  .transform((code) => code.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, { message: 'Enter the 6-digit code' }));

export const pinSchema = z.string().regex(/^\d{4,8}$/, { message: 'A PIN is 4 to 8 digits' });

/** ISO 3166-1 alpha-2 country, e.g. "BE". */
export const countryCodeSchema = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}$/, { message: 'Choose a country' }));

/** A national or international number as people type it; normalized to E.164 by the server. */
export const phoneNumberSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ().-]{4,25}$/, { message: 'Enter a phone number' })
  .refine((value) => value.replace(/\D/g, '').length >= 4, { message: 'Enter a phone number' });

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'Required' })
  .max(limits.nameMax, { message: `At most ${limits.nameMax} characters` });

export const httpUrlSchema = z
  .string()
  .trim()
  .max(limits.urlMax, { message: `At most ${limits.urlMax} characters` })
  .pipe(z.url({ protocol: /^https?$/, message: 'Enter an http(s) URL' }));

/** Reverse-DNS identifier of an app, e.g. "com.example.app". */
export const bundleIdSchema = z
  .string()
  .trim()
  .min(1, { message: 'Required' })
  .max(limits.bundleIdMax, { message: `At most ${limits.bundleIdMax} characters` })
  .regex(/^[A-Za-z][A-Za-z0-9-]*(\.[A-Za-z0-9-]+)+$/, {
    message: 'Use reverse-DNS notation, e.g. com.example.app',
  });

export const createAppSchema = z.object({
  name: displayNameSchema,
  platform: z.enum(Platform, { message: 'Choose a platform' }),
  bundleId: bundleIdSchema,
  previewUrl: httpUrlSchema,
});

/** The same fields as `createAppSchema`, each optional. */
export const updateAppSchema = createAppSchema.partial();

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { message: 'Required' }).max(limits.passwordMax),
});

/** GraphQL lets a client send `null` for an optional input field: it means "leave unchanged". */
const unchangedWhenNull = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value) => value ?? undefined);

/** `updateUser(id, input)`: every field optional; INVITED is never set by hand. */
export const updateUserSchema = z.object({
  displayName: unchangedWhenNull(displayNameSchema),
  userType: unchangedWhenNull(z.enum(UserType, { message: 'Choose a user type' })),
  status: unchangedWhenNull(
    z.enum([UserStatus.ACTIVE, UserStatus.SUSPENDED], {
      message: 'A user can only be made ACTIVE or SUSPENDED',
    }),
  ),
  requireTwoFactor: unchangedWhenNull(z.boolean()),
});

export type UpdateUserInput = z.input<typeof updateUserSchema>;

/** `users(filter)`: the search is the start of a name or an email, never a pattern. */
export const usersFilterSchema = z.object({
  userType: unchangedWhenNull(z.enum(UserType, { message: 'Choose a user type' })),
  twoFactorStatus: unchangedWhenNull(
    z.enum(TwoFactorStatus, { message: 'Choose a two-factor status' }),
  ),
  status: unchangedWhenNull(z.enum(UserStatus, { message: 'Choose a user status' })),
  search: unchangedWhenNull(
    z
      .string()
      .trim()
      .max(limits.searchMax, { message: `At most ${limits.searchMax} characters` })
      .transform((search) => (search === '' ? undefined : search)),
  ),
});

export type UsersFilterInput = z.input<typeof usersFilterSchema>;

/** The instants a date range may name: stored times are after 1970 and before the year 10000. */
const dateRangeBounds = {
  min: new Date('1970-01-01T00:00:00.000Z'),
  max: new Date('9999-12-31T23:59:59.999Z'),
} as const;

/**
 * An instant: a `Date` (GraphQL's `DateTimeISO` has parsed it) or an RFC 3339 date-time with its
 * offset, as a query string carries it (`2026-12-01T00:00:00.000Z`).
 */
export const instantSchema = z
  .union(
    [
      z.date({ message: 'Enter a date and time' }),
      z.iso
        .datetime({ offset: true, message: 'Enter a date and time such as 2026-12-01T00:00:00Z' })
        .transform((text) => new Date(text)),
    ],
    { message: 'Enter a date and time such as 2026-12-01T00:00:00Z' },
  )
  .refine(
    (date) =>
      !Number.isNaN(date.getTime()) && date >= dateRangeBounds.min && date <= dateRangeBounds.max,
    { message: 'Choose a date between 1970 and 9999' },
  );

/**
 * `auditEvents(filter)`: an action name, a user id and a date range (both ends included), each
 * optional; the end is not before the start.
 */
export const auditFilterSchema = z
  .object({
    action: unchangedWhenNull(
      z
        .string()
        .trim()
        .max(64, { message: 'At most 64 characters' })
        .regex(/^[a-z0-9_.]*$/, { message: 'Choose a known action' })
        .transform((action) => (action === '' ? undefined : action)),
    ),
    // ids are stored lower-case; SQLite compares case-sensitively, MariaDB not
    userId: unchangedWhenNull(
      z
        .string()
        .max(64, { message: 'Unknown user' })
        .transform((id) => id.toLowerCase()),
    ),
    from: unchangedWhenNull(instantSchema),
    to: unchangedWhenNull(instantSchema),
  })
  .superRefine((filter, context) => {
    if (filter.from && filter.to && filter.to < filter.from) {
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'The end of the range is before its start',
      });
    }
  });

export type AuditFilterInput = z.input<typeof auditFilterSchema>;

/** `createUser(input)`: a new profile, for a new or an existing login. */
export const createUserSchema = z.object({
  email: emailSchema,
  displayName: displayNameSchema,
  userType: z.enum(UserType, { message: 'Choose a user type' }),
  appIds: z
    .array(z.string().max(64, { message: 'Unknown app' }))
    .max(500, { message: 'At most 500 apps' })
    .nullish()
    .transform((ids) => [...new Set(ids ?? [])]),
  requireTwoFactor: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
  sendInvitation: z
    .boolean()
    .nullish()
    .transform((value) => value ?? true),
});

export type CreateUserInput = z.input<typeof createUserSchema>;

/** `updateSecurityPolicy(input)`: the 2FA rule of one user type; REQUIRED needs a method. */
export const securityPolicyInputSchema = z
  .object({
    userType: z.enum(UserType, { message: 'Choose a user type' }),
    enforcement: z.enum(Enforcement, { message: 'Choose OFF, OPTIONAL or REQUIRED' }),
    allowedMethods: z
      .array(z.enum(TwoFactorMethod, { message: 'Choose a known method' }))
      .max(10, { message: 'At most 10 methods' })
      .transform((methods) => [...new Set(methods)]),
    gracePeriodDays: z
      .number({ message: 'Enter a number of days' })
      .int({ message: 'Whole days only' })
      .min(0, { message: 'At least 0 days' })
      .max(limits.gracePeriodDaysMax, {
        message: `At most ${limits.gracePeriodDaysMax} days`,
      }),
    /** Left out (or null): unchanged; false for a new rule. */
    phishingResistantOnly: z.boolean({ message: 'Choose on or off' }).nullish(),
    /** Left out (or null): unchanged; 0 (off) for a new rule. */
    rememberDeviceDays: z
      .number({ message: 'Enter a number of days' })
      .int({ message: 'Whole days only' })
      .min(0, { message: 'At least 0 days (0 turns it off)' })
      .max(limits.rememberDeviceDaysMax, {
        message: `At most ${limits.rememberDeviceDaysMax} days`,
      })
      .nullish(),
  })
  .superRefine((policy, context) => {
    if (policy.enforcement === Enforcement.REQUIRED && policy.allowedMethods.length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['allowedMethods'],
        message: 'Allow at least one method when 2FA is required',
      });
    }
  });

export type SecurityPolicyInput = z.input<typeof securityPolicyInputSchema>;

/** Why an administrator resets someone's 2FA: kept in the audit log, so required and bounded. */
export const resetReasonSchema = z
  .string()
  .trim()
  .min(1, { message: 'Give a reason' })
  .max(limits.reasonMax, { message: `At most ${limits.reasonMax} characters` });

/**
 * The factors an administrator removes from a user (`resetTwoFactor(factorIds)`): ids from
 * `User.secondFactors`, at least one; a user holds at most four (app, phone, PIN, backup codes).
 */
export const resetFactorIdsSchema = z
  .array(z.string().trim().min(1, { message: 'Not a factor id' }).max(100))
  .min(1, { message: 'Choose at least one factor, or leave factorIds out to reset all' })
  .max(limits.resetFactorIdsMax, { message: `At most ${limits.resetFactorIdsMax} factors` });

/** Flattens a zod error into one entry per field path ("input.email"). */
export function toFieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = [prefix, path].filter((part) => part !== undefined && part !== '').join('.');
    return { field: field === '' ? (prefix ?? 'input') : field, message: issue.message };
  });
}

/** A domain name as in an email address after the `@`, e.g. "example.com". */
export const emailDomainSchema = z
  .string()
  .trim()
  .transform((domain) => domain.toLowerCase().replace(/^@/, ''))
  .pipe(
    z
      .string()
      .max(253, { message: 'At most 253 characters' })
      .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
        message: 'Enter a domain such as example.com',
      }),
  );

/**
 * A domain an account proves it holds (`addAccountDomain`): the same names as after an email's
 * `@`, lower-cased; a trailing dot (the DNS root) is dropped.
 */
export const accountDomainSchema = z
  .string()
  .trim()
  .transform((domain) => domain.replace(/\.$/, ''))
  .pipe(emailDomainSchema);

/** Hosts that name the machine itself, as `URL.hostname` spells them. */
export const loopbackHosts: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The host of an absolute URL, lower-cased, as `URL.hostname` spells it. Parsed by hand: this
 * package also builds for browsers without Node's types or the DOM's, so `URL` is not declared.
 */
export function hostnameOf(value: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(value);
  return (match?.[1] ?? '').toLowerCase();
}

export function isLoopbackUrl(value: string): boolean {
  return loopbackHosts.includes(hostnameOf(value));
}

/**
 * An OpenID issuer, exactly as the provider's metadata spells it (a trailing slash matters):
 * https, or http on the machine itself (a provider under development or test). No query or
 * fragment: discovery appends `/.well-known/openid-configuration` to it.
 */
export const issuerUrlSchema = z
  .string()
  .trim()
  .max(limits.urlMax, { message: `At most ${limits.urlMax} characters` })
  .pipe(
    z.url({ protocol: /^https?$/, message: 'Enter the issuer URL, e.g. https://id.example.com' }),
  )
  .refine((value) => !/[?#]/.test(value) && !/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(value), {
    message: 'The issuer URL has no query, fragment or credentials',
  })
  .refine((value) => /^https:/i.test(value) || isLoopbackUrl(value), {
    message: 'Use https (plain http only for a provider on this machine)',
  });

const providerTextSchema = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: 'Required' })
    .max(max, { message: `At most ${max} characters` });

const identityProviderFields = {
  displayName: displayNameSchema,
  issuerUrl: issuerUrlSchema,
  clientId: providerTextSchema(255),
  clientSecret: providerTextSchema(512),
  allowedEmailDomains: z
    .array(emailDomainSchema)
    .max(20, { message: 'At most 20 domains' })
    .transform((domains) => [...new Set(domains)]),
  twoFactorPolicy: z.enum(ProviderTwoFactorPolicy, {
    message: 'Choose REQUIRE_TWOFOLD, TRUST_PROVIDER or EXEMPT',
  }),
  trustedAcrValues: z
    .array(providerTextSchema(255))
    .max(10, { message: 'At most 10 values' })
    .transform((values) => [...new Set(values)]),
  waiverUserTypes: z
    .array(z.enum(UserType, { message: 'Choose a user type' }))
    .max(Object.values(UserType).length, { message: 'Each user type at most once' })
    .transform((types) => [...new Set(types)]),
  maxAgeSeconds: z
    .number({ message: 'Enter a number of seconds' })
    .int({ message: 'Enter whole seconds' })
    .min(0, { message: 'At least 0 seconds' })
    .max(limits.providerMaxAgeMax, {
      message: `At most ${limits.providerMaxAgeMax} seconds (a day)`,
    })
    .nullable(),
  /** Ticking a type whose policy requires a second factor needs this set (never stored). */
  confirmRequiredTypes: z.boolean().nullish(),
};

/** `createIdentityProvider(input)`: an account's OpenID Connect provider. */
export const createIdentityProviderSchema = z.object({
  ...identityProviderFields,
  waiverUserTypes: identityProviderFields.waiverUserTypes.default([]),
  maxAgeSeconds: identityProviderFields.maxAgeSeconds.default(limits.providerMaxAgeDefault),
});

export type CreateIdentityProviderInput = z.input<typeof createIdentityProviderSchema>;

/** `updateIdentityProvider(id, input)`: every field optional; no secret keeps the stored one. */
export const updateIdentityProviderSchema = z.object({
  displayName: unchangedWhenNull(identityProviderFields.displayName),
  issuerUrl: unchangedWhenNull(identityProviderFields.issuerUrl),
  clientId: unchangedWhenNull(identityProviderFields.clientId),
  clientSecret: unchangedWhenNull(identityProviderFields.clientSecret),
  allowedEmailDomains: unchangedWhenNull(identityProviderFields.allowedEmailDomains),
  twoFactorPolicy: unchangedWhenNull(identityProviderFields.twoFactorPolicy),
  trustedAcrValues: unchangedWhenNull(identityProviderFields.trustedAcrValues),
  waiverUserTypes: unchangedWhenNull(identityProviderFields.waiverUserTypes),
  // null is a value here (any age): only an absent field keeps the stored one
  maxAgeSeconds: identityProviderFields.maxAgeSeconds.optional(),
  confirmRequiredTypes: identityProviderFields.confirmRequiredTypes,
});

export type UpdateIdentityProviderInput = z.input<typeof updateIdentityProviderSchema>;
