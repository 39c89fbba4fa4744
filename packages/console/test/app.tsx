import type { MockLink } from '@apollo/client/testing';
import {
  AllowedMethodsDocument,
  BeginAuthenticatorEnrollmentDocument,
  SessionDocument,
  type SessionFieldsFragment,
  SmsCountriesDocument,
  type UserType,
  ViewerDocument,
} from '@twofold/shared/graphql';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { routes } from '../src/routes';
import { renderWithProviders } from './render';
import { mockOf } from './mock';

/** The signed-in profile's role and email (the shell and the overview ask once past 2FA). */
export function viewerAs(userType: UserType, isOwner = false): MockLink.MockedResponse {
  return mockOf(ViewerDocument, {
    result: {
      data: {
        viewer: {
          __typename: 'User',
          id: 'user-1',
          email: 'ada@acme.test',
          displayName: 'Ada Admin',
          userType,
          isOwner,
        },
      },
    },
    maxUsageCount: 10,
  });
}

/** The account owner, the profile most console tests sign in as. */
export const viewerMock = viewerAs('ADMINISTRATOR', true);

/** A started authenticator enrollment (the setup page starts one as it opens). */
export const beginAuthenticatorMock: MockLink.MockedResponse = mockOf(
  BeginAuthenticatorEnrollmentDocument,
  {
    variables: { linkToken: null },
    result: {
      data: {
        beginAuthenticatorEnrollment: {
          __typename: 'AuthenticatorEnrollment',
          otpauthUri: 'otpauth://totp/Acme:ada%40acme.test?secret=JBSWY3DPEHPK3PXP&issuer=Acme',
          qrCodeDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
          manualEntryKey: 'JBSW Y3DP EHPK 3PXP',
        },
      },
    },
    maxUsageCount: 10,
  },
);

export const allowedMethodsMock: MockLink.MockedResponse = mockOf(AllowedMethodsDocument, {
  result: {
    data: {
      viewer: {
        __typename: 'User',
        id: 'user-1',
        twoFactorMethods: [],
        allowedTwoFactorMethods: ['AUTHENTICATOR_APP', 'SMS', 'PIN'],
      },
    },
  },
  maxUsageCount: 10,
});

export const smsCountriesMock: MockLink.MockedResponse = mockOf(SmsCountriesDocument, {
  result: {
    data: {
      viewer: {
        __typename: 'User',
        id: 'user-1',
        account: {
          __typename: 'Account',
          allowedSmsCountries: ['GB', 'IE'],
          allowAllSmsCountries: false,
        },
      },
    },
  },
  maxUsageCount: 10,
});

export function sessionMock(session: SessionFieldsFragment | null): MockLink.MockedResponse {
  return mockOf(SessionDocument, { result: { data: { session } } });
}

/** Renders the whole route table at `path`, as the browser would open it. */
export function renderApp(path: string, mocks: ReadonlyArray<MockLink.MockedResponse>) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const result = renderWithProviders(<RouterProvider router={router} />, [
    viewerMock,
    beginAuthenticatorMock,
    smsCountriesMock,
    allowedMethodsMock,
    ...mocks,
  ]);
  return { ...result, router };
}
