import {
  DomainVerificationMethod,
  Enforcement,
  Platform,
  ProviderTwoFactorPolicy,
  SecondFactorKind,
  SecondFactorWaiver,
  SessionStage,
  TokenTransport,
  TwoFactorMethod,
  TwoFactorStatus,
  UserStatus,
  UserType,
} from '@twofold/shared';
import { registerEnumType } from 'type-graphql';

registerEnumType(UserType, {
  name: 'UserType',
  description: 'The kind of profile, deciding what it may do.',
});
registerEnumType(TwoFactorMethod, {
  name: 'TwoFactorMethod',
  description: 'A second-factor method an account can allow.',
});
registerEnumType(SecondFactorKind, {
  name: 'SecondFactorKind',
  description: 'What a user can present at the SECOND_FACTOR stage.',
});
registerEnumType(Enforcement, {
  name: 'Enforcement',
  description: 'Whether 2FA is off, optional or required.',
});
registerEnumType(SessionStage, {
  name: 'SessionStage',
  description: 'Where a session stands on the way to full access; re-evaluated on every request.',
  valuesConfig: {
    PROFILE_SELECTION: { description: 'The login holds several profiles: call selectProfile.' },
    SECOND_FACTOR: { description: 'Call verifySecondFactor before anything else.' },
    ENROLLMENT: {
      description:
        'Two-factor authentication is required: only the profile and enrollment are reachable.',
    },
    ACTIVE: { description: 'Full access, within the profile’s permissions.' },
  },
});
registerEnumType(ProviderTwoFactorPolicy, {
  name: 'ProviderTwoFactorPolicy',
  description: 'What a sign-in through an OpenID provider means for Twofold’s second factor.',
  valuesConfig: {
    REQUIRE_TWOFOLD: {
      description: 'Twofold’s second factor applies exactly as after a password.',
    },
    TRUST_PROVIDER: {
      description:
        'The provider’s second factor counts when its ID token shows one (`amr` holds mfa, otp, hwk or swk, or ' +
        '`acr` is a trusted value); otherwise Twofold’s applies.',
    },
    EXEMPT: { description: 'No second factor for sign-ins through this provider.' },
  },
});
registerEnumType(SecondFactorWaiver, {
  name: 'SecondFactorWaiver',
  description: 'Why a session needs no Twofold second factor.',
  valuesConfig: {
    PROVIDER_MFA: {
      description: 'The OpenID provider’s ID token showed a second factor the account trusts.',
    },
    PROVIDER_EXEMPT: { description: 'The OpenID provider is exempt from the second factor.' },
  },
});
registerEnumType(TokenTransport, {
  name: 'TokenTransport',
  description:
    'How the session token travels: an HttpOnly cookie (browsers) or a bearer token (API clients).',
});
registerEnumType(TwoFactorStatus, {
  name: 'TwoFactorStatus',
  description: 'A user’s 2FA situation, for lists and filters.',
});
registerEnumType(UserStatus, {
  name: 'UserStatus',
  description: 'INVITED until the invitation is accepted; SUSPENDED cannot sign in.',
});
registerEnumType(Platform, { name: 'Platform', description: 'Where an app runs.' });
registerEnumType(DomainVerificationMethod, {
  name: 'DomainVerificationMethod',
  description: 'Who proved that the account holds an email domain.',
  valuesConfig: {
    DNS: { description: 'Twofold found the domain’s TXT record holding the account’s token.' },
    OPERATOR: { description: 'The server’s operator verified it from the command line.' },
  },
});
