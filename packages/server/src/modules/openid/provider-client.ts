import { ErrorCode, isLoopbackUrl, OpenIdFailure } from '@twofold/shared';
import { DomainError } from '../../errors';
import * as oidc from 'openid-client';
import type { Logger } from 'pino';
import { amrOf, authTimeOf } from './provider-policy';
import { isForbiddenAddress, type ProviderFetch } from './provider-fetch';

/** What Twofold needs of a provider to talk to it. */
export interface ProviderConnection {
  id: string;
  issuerUrl: string;
  clientId: string;
  /** The client secret in clear, opened from its sealed column for this call only. */
  clientSecret: string;
  updatedAt: Date;
}

/** What the ID token said, once every check passed. */
export interface VerifiedIdToken {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  /** The `amr` claim's strings (anything else in it ignored). */
  amr: string[];
  acr: string | null;
  /** When the person signed in at the provider (`auth_time`); null when the token says not. */
  authAt: Date | null;
}

/**
 * A step of the code flow failed, for a reason the console can show (a GraphQL caller gets
 * UNAVAILABLE with `extensions.openIdFailure`).
 */
export class OpenIdError extends DomainError {
  constructor(
    readonly failure: OpenIdFailure,
    /** For the log and the audit log: the provider's error code or the check that failed. */
    readonly detail: string,
  ) {
    super(ErrorCode.UNAVAILABLE, `The identity provider sign-in failed: ${failure}`, {
      openIdFailure: failure,
    });
  }
}

/** Seconds any one request to a provider may take. */
const PROVIDER_TIMEOUT_SECONDS = 10;
/** How long a provider's discovered metadata is reused. */
const METADATA_TTL_MS = 5 * 60 * 1000;

/**
 * The relying party (openid-client): discovery, the authorization URL with PKCE, state and nonce,
 * and the code exchange with every check of the ID token (signature, issuer, audience, expiry,
 * nonce). Discovered metadata is cached per provider version for a few minutes; it decides
 * nothing about who may sign in.
 */
export class ProviderClient {
  private readonly configurations = new Map<
    string,
    { version: number; fetchedAt: number; configuration: Promise<oidc.Configuration> }
  >();

  private readonly clock: () => number;

  constructor(
    private readonly deps: {
      /** Where the precise cause of an unreachable provider goes (never to the audit log). */
      logger: Pick<Logger, 'warn'>;
      clock?: () => number;
      /**
       * Every request to a provider goes through it: `providerFetch`, which refuses addresses of
       * the server's own network. The global fetch when not given (tests of other rules).
       */
      fetch?: ProviderFetch;
    },
  ) {
    this.clock = deps.clock ?? Date.now;
  }

  /**
   * The failure for the console and the audit log. Why a provider could not be reached (refused,
   * timed out, not JSON) is for the operator's log only: an owner choosing the issuer URL must
   * not learn the shape of the server's network from it.
   */
  private reported(error: unknown, step: string): OpenIdError {
    const failure = failureOf(error);
    if (failure.failure !== OpenIdFailure.PROVIDER_UNAVAILABLE) return failure;
    this.deps.logger.warn({ step, cause: causeOf(error, failure) }, 'OpenID provider unreachable');
    return new OpenIdError(OpenIdFailure.PROVIDER_UNAVAILABLE, step);
  }

  async authorizationUrl(
    provider: ProviderConnection,
    input: {
      redirectUri: string;
      state: string;
      nonce: string;
      codeVerifier: string;
      /** More parameters for what the provider's rule trusts (acr_values, claims, max_age). */
      extra?: Record<string, string>;
    },
  ): Promise<URL> {
    const configuration = await this.configuration(provider);
    const url = oidc.buildAuthorizationUrl(configuration, {
      ...input.extra,
      redirect_uri: input.redirectUri,
      scope: 'openid email profile',
      response_type: 'code',
      state: input.state,
      nonce: input.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(input.codeVerifier),
      code_challenge_method: 'S256',
    });
    // the browser is sent only to the issuer's own site: a discovery document cannot make
    // Twofold's sign-in button a redirect to anywhere
    if (url.origin !== new URL(provider.issuerUrl).origin) {
      this.deps.logger.warn(
        { step: 'authorization', cause: 'authorization_endpoint_origin' },
        'OpenID provider unusable',
      );
      throw new OpenIdError(OpenIdFailure.PROVIDER_UNAVAILABLE, 'authorization_endpoint');
    }
    return url;
  }

  /** Redeems the code of `callbackUrl` (the redirect URI with the provider's answer). */
  async redeem(
    provider: ProviderConnection,
    callbackUrl: URL,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<VerifiedIdToken> {
    const configuration = await this.configuration(provider);
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.codeVerifier,
        idTokenExpected: true,
      });
    } catch (error) {
      throw this.reported(error, 'token');
    }
    const claims = tokens.claims();
    if (!claims) throw new OpenIdError(OpenIdFailure.INVALID_TOKEN, 'no_id_token');
    // OpenID Connect Core §2: at most 255 ASCII characters
    if (typeof claims.sub !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(claims.sub)) {
      throw new OpenIdError(OpenIdFailure.INVALID_TOKEN, 'malformed_sub');
    }
    let emailClaims: Record<string, unknown> = claims;
    if (claims.email === undefined || claims.email_verified === undefined) {
      // the code flow's ID token need not carry the email (OpenID Connect Core §5.4): the
      // userinfo endpoint answers for the same subject, or the answer is refused
      try {
        emailClaims = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      } catch (error) {
        throw this.reported(error, 'userinfo');
      }
    }
    return {
      subject: claims.sub,
      email: typeof emailClaims.email === 'string' ? emailClaims.email : null,
      emailVerified: emailClaims.email_verified === true,
      amr: amrOf(claims.amr),
      acr: typeof claims.acr === 'string' ? claims.acr : null,
      authAt: authTimeOf(claims.auth_time),
    };
  }

  /** Forgets a provider's metadata (after an edit or removal). */
  forget(providerId: string): void {
    this.configurations.delete(providerId);
  }

  private configuration(provider: ProviderConnection): Promise<oidc.Configuration> {
    const version = provider.updatedAt.getTime();
    const cached = this.configurations.get(provider.id);
    if (cached?.version === version && this.clock() - cached.fetchedAt < METADATA_TTL_MS) {
      return cached.configuration;
    }
    const configuration = this.discover(provider);
    this.configurations.set(provider.id, { version, fetchedAt: this.clock(), configuration });
    // a failed discovery is not kept: the next attempt asks again
    configuration.catch(() => {
      if (this.configurations.get(provider.id)?.configuration === configuration) {
        this.configurations.delete(provider.id);
      }
    });
    return configuration;
  }

  private async discover(provider: ProviderConnection): Promise<oidc.Configuration> {
    const issuer = new URL(provider.issuerUrl);
    try {
      return await oidc.discovery(
        issuer,
        provider.clientId,
        undefined,
        oidc.ClientSecretBasic(provider.clientSecret),
        {
          ...(this.deps.fetch ? { [oidc.customFetch]: this.deps.fetch } : {}),
          timeout: PROVIDER_TIMEOUT_SECONDS,
          execute: [
            // the ID token's signature is checked against the provider's keys too, not only
            // trusted for having come over TLS: a token altered on its way (a proxy, a provider
            // on plain http) is refused
            oidc.enableNonRepudiationChecks,
            // plain http only for a provider on this machine (issuerUrlSchema allows no other)
            ...(issuer.protocol === 'http:' && isLoopbackUrl(issuer.href)
              ? [oidc.allowInsecureRequests]
              : []),
          ],
        },
      );
    } catch (error) {
      // whatever went wrong, a provider without usable metadata is one that cannot be used
      this.deps.logger.warn(
        { step: 'discovery', cause: causeOf(error, failureOf(error)) },
        'OpenID provider unreachable',
      );
      throw new OpenIdError(OpenIdFailure.PROVIDER_UNAVAILABLE, 'discovery');
    }
  }
}

/** The console's reason for an error of openid-client (or of the network under it). */
export function failureOf(error: unknown): OpenIdError {
  if (error instanceof OpenIdError) return error;
  if (error instanceof oidc.AuthorizationResponseError) {
    return new OpenIdError(OpenIdFailure.PROVIDER_DENIED, safeCode(error.error));
  }
  if (error instanceof oidc.ResponseBodyError) {
    const code = safeCode(error.error);
    if (code === 'invalid_grant') return new OpenIdError(OpenIdFailure.CODE_REJECTED, code);
    if (code === 'invalid_client' || code === 'unauthorized_client') {
      return new OpenIdError(OpenIdFailure.CLIENT_REJECTED, code);
    }
    return new OpenIdError(OpenIdFailure.PROVIDER_UNAVAILABLE, code);
  }
  if (error instanceof oidc.ClientError) {
    const code = safeCode(error.code ?? 'client_error');
    // what the checks of the answer and its ID token raise; anything else (timeouts, 5xx, not
    // JSON, refused connections) means the provider could not be talked to
    const checkFailures = [
      'OAUTH_INVALID_RESPONSE',
      'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
      'OAUTH_JWT_TIMESTAMP_CHECK_FAILED',
      'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED',
      'OAUTH_KEY_SELECTION_FAILED',
      'OAUTH_PARSE_ERROR',
      'OAUTH_UNSUPPORTED_OPERATION',
    ];
    return new OpenIdError(
      checkFailures.includes(code)
        ? OpenIdFailure.INVALID_TOKEN
        : OpenIdFailure.PROVIDER_UNAVAILABLE,
      code,
    );
  }
  // fetch failed, timed out or was refused: the provider is out of reach
  const name = error instanceof Error ? error.name : 'unknown';
  return new OpenIdError(OpenIdFailure.PROVIDER_UNAVAILABLE, safeCode(name));
}

/** Why a provider was out of reach, for the operator's log only. */
function causeOf(error: unknown, failure: OpenIdError): string {
  return isForbiddenAddress(error) ? 'forbidden_address' : failure.detail;
}

/** An error code fit for logs and audit details: short, plain characters. */
function safeCode(code: string): string {
  return code.replace(/[^\w.:-]/g, '_').slice(0, 64);
}
