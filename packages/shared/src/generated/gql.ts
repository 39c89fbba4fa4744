/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query AppBasics($id: ID!) {\n  app(id: $id) {\n    id\n    name\n    platform\n  }\n}": typeof types.AppBasicsDocument,
    "query AppReport($id: ID!, $days: Int!) {\n  app(id: $id) {\n    id\n    report(days: $days) {\n      days\n      signInsPerDay {\n        date\n        count\n      }\n      assignedUsers\n      usersWithTwoFactor\n      usersWithPinOnly\n      twoFactorCoverage\n    }\n  }\n}": typeof types.AppReportDocument,
    "query AppSettings($id: ID!) {\n  app(id: $id) {\n    id\n    bundleId\n    previewUrl\n    previewQrCode\n  }\n}": typeof types.AppSettingsDocument,
    "mutation RemoveApp($id: ID!) {\n  removeApp(id: $id)\n}": typeof types.RemoveAppDocument,
    "mutation UpdateApp($id: ID!, $input: UpdateAppInput!) {\n  updateApp(id: $id, input: $input) {\n    id\n    name\n    platform\n    bundleId\n    previewUrl\n    previewQrCode\n  }\n}": typeof types.UpdateAppDocument,
    "query AppList {\n  apps {\n    id\n    name\n    platform\n  }\n}": typeof types.AppListDocument,
    "mutation CreateApp($input: CreateAppInput!) {\n  createApp(input: $input) {\n    id\n    name\n    platform\n  }\n}": typeof types.CreateAppDocument,
    "query AuditEvents($first: Int!, $after: String, $filter: AuditEventsFilter) {\n  auditEvents(first: $first, after: $after, filter: $filter) {\n    totalCount\n    totalCountIsLowerBound\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      action\n      actorUserId\n      actorName\n      targetType\n      targetId\n      targetName\n      ip\n      details\n      createdAt\n    }\n  }\n}": typeof types.AuditEventsDocument,
    "query AuditUserLabel($id: ID!) {\n  user(id: $id) {\n    id\n    displayName\n    email\n  }\n}": typeof types.AuditUserLabelDocument,
    "query AuditUserOptions($search: String) {\n  users(first: 20, filter: {search: $search}) {\n    nodes {\n      id\n      displayName\n      email\n    }\n  }\n}": typeof types.AuditUserOptionsDocument,
    "query TwoFactorCompliance {\n  twoFactorCompliance {\n    userType\n    users\n    enrolled\n    pinOnly\n    byStatus {\n      status\n      count\n    }\n  }\n}": typeof types.TwoFactorComplianceDocument,
    "mutation RequestPasswordReset($email: String!) {\n  requestPasswordReset(email: $email)\n}": typeof types.RequestPasswordResetDocument,
    "query Overview {\n  twoFactorCompliance {\n    userType\n    users\n    enrolled\n    pinOnly\n    byStatus {\n      status\n      count\n    }\n  }\n  accountOverview {\n    usersInGracePeriod(first: 5) {\n      id\n      displayName\n      userType\n      enrollmentDeadline\n    }\n    recentSecurityEvents(first: 10) {\n      id\n      action\n      actorUserId\n      actorName\n      targetType\n      targetId\n      targetName\n      ip\n      details\n      createdAt\n    }\n  }\n  lockedUsers: users(filter: {twoFactorStatus: LOCKED}, first: 5) {\n    totalCount\n    nodes {\n      id\n      displayName\n      userType\n    }\n  }\n  invitedUsers: users(filter: {status: INVITED}, first: 5) {\n    totalCount\n    nodes {\n      id\n      displayName\n      email\n      ...InvitationState\n    }\n  }\n}": typeof types.OverviewDocument,
    "query OwnTwoFactor {\n  viewer {\n    id\n    twoFactorStatus\n    twoFactorMethods\n  }\n}": typeof types.OwnTwoFactorDocument,
    "query Viewer {\n  viewer {\n    id\n    email\n    displayName\n    userType\n    isOwner\n  }\n}": typeof types.ViewerDocument,
    "mutation AcceptInvitation($token: String!, $password: String!) {\n  acceptInvitation(token: $token, password: $password)\n}": typeof types.AcceptInvitationDocument,
    "mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n  changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n}": typeof types.ChangePasswordDocument,
    "mutation ChangePin($currentPin: String!, $newPin: String!, $newPinConfirmation: String!) {\n  changePin(\n    currentPin: $currentPin\n    newPin: $newPin\n    newPinConfirmation: $newPinConfirmation\n  )\n}": typeof types.ChangePinDocument,
    "mutation DisableTwoFactor($code: String!) {\n  disableTwoFactor(code: $code) {\n    id\n  }\n}": typeof types.DisableTwoFactorDocument,
    "mutation ForgetRememberedBrowser($id: ID!) {\n  forgetRememberedBrowser(id: $id)\n}": typeof types.ForgetRememberedBrowserDocument,
    "mutation ForgetRememberedBrowsers {\n  forgetRememberedBrowsers\n}": typeof types.ForgetRememberedBrowsersDocument,
    "query LoginAssured {\n  session {\n    loginAssured\n  }\n}": typeof types.LoginAssuredDocument,
    "query Profile {\n  viewer {\n    id\n    displayName\n    email\n    twoFactorStatus\n    twoFactorMethods\n    twoFactorRequired\n    allowedTwoFactorMethods\n    hasPossessionFactor\n    maskedPhoneNumber\n    backupCodesRemaining\n  }\n}": typeof types.ProfileDocument,
    "query ProfileSecurity {\n  mySessions {\n    id\n    current\n    transport\n    createdAt\n    lastSeenAt\n    ip\n    browser\n  }\n  viewer {\n    id\n    passkeys {\n      id\n      name\n      createdAt\n      lastUsedAt\n      transports\n      backedUp\n      multiDevice\n    }\n    rememberedBrowsers {\n      id\n      browser\n      createdAt\n      lastUsedAt\n      expiresAt\n      current\n    }\n  }\n  login {\n    securityEvents(first: 20) {\n      totalCount\n      nodes {\n        id\n        action\n        ip\n        createdAt\n      }\n    }\n  }\n}": typeof types.ProfileSecurityDocument,
    "mutation RegenerateBackupCodes($code: String!) {\n  regenerateBackupCodes(code: $code)\n}": typeof types.RegenerateBackupCodesDocument,
    "mutation RemovePasskey($id: ID!, $code: String!) {\n  removePasskey(id: $id, code: $code) {\n    id\n  }\n}": typeof types.RemovePasskeyDocument,
    "mutation RenamePasskey($id: ID!, $name: String!) {\n  renamePasskey(id: $id, name: $name) {\n    id\n    name\n  }\n}": typeof types.RenamePasskeyDocument,
    "mutation RevokeSession($id: ID!) {\n  revokeSession(id: $id)\n}": typeof types.RevokeSessionDocument,
    "mutation UpdateProfile($displayName: String!) {\n  updateProfile(input: {displayName: $displayName}) {\n    id\n    displayName\n  }\n}": typeof types.UpdateProfileDocument,
    "mutation ResetPassword($token: String!, $password: String!) {\n  resetPassword(token: $token, password: $password)\n}": typeof types.ResetPasswordDocument,
    "fragment AccountDomainFields on AccountDomain {\n  id\n  domain\n  verified\n  verifiedAt\n  verifiedBy\n  recordName\n  recordValue\n}": typeof types.AccountDomainFieldsFragmentDoc,
    "query AccountDomains {\n  accountDomains {\n    ...AccountDomainFields\n  }\n}": typeof types.AccountDomainsDocument,
    "mutation AddAccountDomain($domain: String!) {\n  addAccountDomain(domain: $domain) {\n    ...AccountDomainFields\n  }\n}": typeof types.AddAccountDomainDocument,
    "mutation CreateIdentityProvider($input: CreateIdentityProviderInput!) {\n  createIdentityProvider(input: $input) {\n    ...IdentityProviderFields\n  }\n}": typeof types.CreateIdentityProviderDocument,
    "fragment IdentityProviderFields on IdentityProvider {\n  id\n  displayName\n  issuerUrl\n  clientId\n  allowedEmailDomains\n  twoFactorPolicy\n  trustedAcrValues\n  waiverUserTypes\n  maxAgeSeconds\n  redirectUri\n  updatedAt\n}": typeof types.IdentityProviderFieldsFragmentDoc,
    "query IdentityProviders {\n  identityProviders {\n    ...IdentityProviderFields\n  }\n}": typeof types.IdentityProvidersDocument,
    "mutation RemoveAccountDomain($id: ID!) {\n  removeAccountDomain(id: $id)\n}": typeof types.RemoveAccountDomainDocument,
    "mutation RemoveIdentityProvider($id: ID!) {\n  removeIdentityProvider(id: $id)\n}": typeof types.RemoveIdentityProviderDocument,
    "query SecurityPolicyImpact($input: SecurityPolicyInput!) {\n  securityPolicyImpact(input: $input) {\n    userType\n    users\n    notEnrolled\n    enrollAtNextSignIn\n    inGracePeriod\n    onlyRemovedMethods\n    withoutPasskey\n    deadline\n    earliestDeadline\n    latestDeadline\n    callerMustEnroll\n    callerDeadline\n  }\n}": typeof types.SecurityPolicyImpactDocument,
    "query SecuritySettings {\n  securityPolicies {\n    userType\n    enforcement\n    allowedMethods\n    gracePeriodDays\n    phishingResistantOnly\n    rememberDeviceDays\n    updatedAt\n  }\n  account {\n    id\n    allowedSmsCountries\n    allowAllSmsCountries\n  }\n}": typeof types.SecuritySettingsDocument,
    "mutation TestIdentityProvider($id: ID!) {\n  testIdentityProvider(id: $id)\n}": typeof types.TestIdentityProviderDocument,
    "mutation UpdateAllowedSmsCountries($countries: [String!]!, $allowAllCountries: Boolean) {\n  updateAllowedSmsCountries(\n    countries: $countries\n    allowAllCountries: $allowAllCountries\n  ) {\n    id\n    allowedSmsCountries\n    allowAllSmsCountries\n  }\n}": typeof types.UpdateAllowedSmsCountriesDocument,
    "mutation UpdateIdentityProvider($id: ID!, $input: UpdateIdentityProviderInput!) {\n  updateIdentityProvider(id: $id, input: $input) {\n    ...IdentityProviderFields\n  }\n}": typeof types.UpdateIdentityProviderDocument,
    "mutation UpdateSecurityPolicy($input: SecurityPolicyInput!) {\n  updateSecurityPolicy(input: $input) {\n    userType\n    enforcement\n    allowedMethods\n    gracePeriodDays\n    phishingResistantOnly\n    rememberDeviceDays\n    updatedAt\n  }\n}": typeof types.UpdateSecurityPolicyDocument,
    "mutation VerifyAccountDomain($id: ID!) {\n  verifyAccountDomain(id: $id) {\n    ...AccountDomainFields\n  }\n}": typeof types.VerifyAccountDomainDocument,
    "mutation SelectProfile($userId: ID!) {\n  selectProfile(userId: $userId) {\n    ...SessionFields\n  }\n}": typeof types.SelectProfileDocument,
    "mutation SignIn($email: String!, $password: String!) {\n  signIn(email: $email, password: $password, transport: COOKIE) {\n    session {\n      ...SessionFields\n    }\n  }\n}": typeof types.SignInDocument,
    "query SignInOptions($email: String, $accountSlug: String) {\n  signInOptions(email: $email, accountSlug: $accountSlug) {\n    id\n    displayName\n    accountName\n    startPath\n  }\n}": typeof types.SignInOptionsDocument,
    "query AllowedMethods {\n  viewer {\n    id\n    twoFactorMethods\n    allowedTwoFactorMethods\n  }\n}": typeof types.AllowedMethodsDocument,
    "mutation BeginAuthenticatorEnrollment($linkToken: String) {\n  beginAuthenticatorEnrollment(linkToken: $linkToken) {\n    otpauthUri\n    qrCodeDataUrl\n    manualEntryKey\n  }\n}": typeof types.BeginAuthenticatorEnrollmentDocument,
    "mutation BeginPasskeyRegistration {\n  beginPasskeyRegistration\n}": typeof types.BeginPasskeyRegistrationDocument,
    "mutation BeginSmsEnrollment($countryCode: String!, $phoneNumber: String!, $code: String) {\n  beginSmsEnrollment(\n    countryCode: $countryCode\n    phoneNumber: $phoneNumber\n    code: $code\n  )\n}": typeof types.BeginSmsEnrollmentDocument,
    "mutation ConfirmAuthenticatorEnrollment($code: String!) {\n  confirmAuthenticatorEnrollment(code: $code) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}": typeof types.ConfirmAuthenticatorEnrollmentDocument,
    "mutation ConfirmSmsEnrollment($code: String!) {\n  confirmSmsEnrollment(code: $code) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}": typeof types.ConfirmSmsEnrollmentDocument,
    "mutation FinishPasskeyRegistration($name: String!, $response: String!) {\n  finishPasskeyRegistration(name: $name, response: $response) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}": typeof types.FinishPasskeyRegistrationDocument,
    "mutation SetPin($pin: String!, $pinConfirmation: String!) {\n  setPin(pin: $pin, pinConfirmation: $pinConfirmation) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}": typeof types.SetPinDocument,
    "query SmsCountries {\n  viewer {\n    id\n    account {\n      allowedSmsCountries\n      allowAllSmsCountries\n    }\n  }\n}": typeof types.SmsCountriesDocument,
    "mutation SendSmsCode {\n  sendSmsCode\n}": typeof types.SendSmsCodeDocument,
    "mutation VerifySecondFactor($kind: SecondFactorKind!, $code: String!, $rememberBrowser: Boolean!) {\n  verifySecondFactor(kind: $kind, code: $code, rememberBrowser: $rememberBrowser) {\n    ...SessionFields\n  }\n}": typeof types.VerifySecondFactorDocument,
    "mutation EndUserSessions($userId: ID!) {\n  endUserSessions(userId: $userId)\n}": typeof types.EndUserSessionsDocument,
    "mutation ForgetUserRememberedBrowsers($userId: ID!) {\n  forgetUserRememberedBrowsers(userId: $userId)\n}": typeof types.ForgetUserRememberedBrowsersDocument,
    "mutation UnlockTwoFactor($userId: ID!) {\n  unlockTwoFactor(userId: $userId) {\n    ...UserRow\n  }\n}": typeof types.UnlockTwoFactorDocument,
    "query UserDetail($id: ID!) {\n  user(id: $id) {\n    ...UserRow\n    createdAt\n    twoFactorRequired\n    enrollmentDeadline\n    backupCodesRemaining\n  }\n}": typeof types.UserDetailDocument,
    "query UserOversight($id: ID!) {\n  user(id: $id) {\n    id\n    secondFactors {\n      id\n      kind\n      label\n      addedAt\n      lastUsedAt\n      unusedCodes\n    }\n    secondFactorLockout {\n      lockedUntil\n      disabled\n      failedAttempts\n    }\n    sessions {\n      id\n      browser\n      transport\n      createdAt\n      lastSeenAt\n      ip\n    }\n    rememberedBrowsers {\n      id\n      browser\n      createdAt\n      lastUsedAt\n      expiresAt\n    }\n    securityActivity(first: 10) {\n      id\n      action\n      actorUserId\n      actorName\n      targetType\n      targetId\n      targetName\n      ip\n      details\n      createdAt\n    }\n  }\n}": typeof types.UserOversightDocument,
    "mutation CreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    ...UserRow\n  }\n}": typeof types.CreateUserDocument,
    "fragment InvitationState on User {\n  id\n  displayName\n  status\n  invitedAt\n  invitation {\n    sentAt\n    expiresAt\n  }\n}": typeof types.InvitationStateFragmentDoc,
    "mutation RemoveUser($id: ID!) {\n  removeUser(id: $id)\n}": typeof types.RemoveUserDocument,
    "mutation ResendEnrollment($userId: ID!) {\n  resendEnrollment(userId: $userId)\n}": typeof types.ResendEnrollmentDocument,
    "mutation ResendInvitation($userId: ID!) {\n  resendInvitation(userId: $userId) {\n    ...UserRow\n  }\n}": typeof types.ResendInvitationDocument,
    "mutation ResetTwoFactor($userId: ID!, $reason: String!, $code: String, $factorIds: [ID!]) {\n  resetTwoFactor(\n    userId: $userId\n    reason: $reason\n    code: $code\n    factorIds: $factorIds\n  ) {\n    ...UserRow\n  }\n}": typeof types.ResetTwoFactorDocument,
    "mutation RevokeInvitation($userId: ID!) {\n  revokeInvitation(userId: $userId) {\n    ...UserRow\n  }\n}": typeof types.RevokeInvitationDocument,
    "mutation SetUserApps($userId: ID!, $appIds: [ID!]!) {\n  setUserApps(userId: $userId, appIds: $appIds) {\n    ...UserRow\n  }\n}": typeof types.SetUserAppsDocument,
    "mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n  updateUser(id: $id, input: $input) {\n    ...UserRow\n  }\n}": typeof types.UpdateUserDocument,
    "query UserAppChoices {\n  apps {\n    id\n    name\n  }\n}": typeof types.UserAppChoicesDocument,
    "fragment UserRow on User {\n  id\n  displayName\n  email\n  userType\n  isOwner\n  status\n  lastSignInAt\n  apps {\n    id\n    name\n  }\n  requireTwoFactor\n  twoFactorStatus\n  twoFactorMethods\n  ...InvitationState\n}": typeof types.UserRowFragmentDoc,
    "query Users($filter: UsersFilter, $first: Int!, $after: String) {\n  users(filter: $filter, first: $first, after: $after) {\n    nodes {\n      ...UserRow\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n    totalCountIsLowerBound\n  }\n}": typeof types.UsersDocument,
    "query UsersViewer {\n  viewer {\n    id\n    email\n    displayName\n    userType\n    isOwner\n    twoFactorMethods\n  }\n}": typeof types.UsersViewerDocument,
    "mutation BeginPasskeyAuthentication {\n  beginPasskeyAuthentication\n}": typeof types.BeginPasskeyAuthenticationDocument,
    "query Session {\n  session {\n    ...SessionFields\n  }\n}": typeof types.SessionDocument,
    "fragment SessionFields on Session {\n  stage\n  expiresAt\n  identityProviderName\n  profiles {\n    userId\n    accountName\n    displayName\n    userType\n  }\n  user {\n    id\n    displayName\n    userType\n    account {\n      name\n    }\n  }\n  availableSecondFactors\n  rememberBrowserDays\n  enrollment {\n    allowedMethods\n    deadline\n    deadlineMissed\n  }\n}": typeof types.SessionFieldsFragmentDoc,
    "mutation SignOut {\n  signOut\n}": typeof types.SignOutDocument,
};
const documents: Documents = {
    "query AppBasics($id: ID!) {\n  app(id: $id) {\n    id\n    name\n    platform\n  }\n}": types.AppBasicsDocument,
    "query AppReport($id: ID!, $days: Int!) {\n  app(id: $id) {\n    id\n    report(days: $days) {\n      days\n      signInsPerDay {\n        date\n        count\n      }\n      assignedUsers\n      usersWithTwoFactor\n      usersWithPinOnly\n      twoFactorCoverage\n    }\n  }\n}": types.AppReportDocument,
    "query AppSettings($id: ID!) {\n  app(id: $id) {\n    id\n    bundleId\n    previewUrl\n    previewQrCode\n  }\n}": types.AppSettingsDocument,
    "mutation RemoveApp($id: ID!) {\n  removeApp(id: $id)\n}": types.RemoveAppDocument,
    "mutation UpdateApp($id: ID!, $input: UpdateAppInput!) {\n  updateApp(id: $id, input: $input) {\n    id\n    name\n    platform\n    bundleId\n    previewUrl\n    previewQrCode\n  }\n}": types.UpdateAppDocument,
    "query AppList {\n  apps {\n    id\n    name\n    platform\n  }\n}": types.AppListDocument,
    "mutation CreateApp($input: CreateAppInput!) {\n  createApp(input: $input) {\n    id\n    name\n    platform\n  }\n}": types.CreateAppDocument,
    "query AuditEvents($first: Int!, $after: String, $filter: AuditEventsFilter) {\n  auditEvents(first: $first, after: $after, filter: $filter) {\n    totalCount\n    totalCountIsLowerBound\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      action\n      actorUserId\n      actorName\n      targetType\n      targetId\n      targetName\n      ip\n      details\n      createdAt\n    }\n  }\n}": types.AuditEventsDocument,
    "query AuditUserLabel($id: ID!) {\n  user(id: $id) {\n    id\n    displayName\n    email\n  }\n}": types.AuditUserLabelDocument,
    "query AuditUserOptions($search: String) {\n  users(first: 20, filter: {search: $search}) {\n    nodes {\n      id\n      displayName\n      email\n    }\n  }\n}": types.AuditUserOptionsDocument,
    "query TwoFactorCompliance {\n  twoFactorCompliance {\n    userType\n    users\n    enrolled\n    pinOnly\n    byStatus {\n      status\n      count\n    }\n  }\n}": types.TwoFactorComplianceDocument,
    "mutation RequestPasswordReset($email: String!) {\n  requestPasswordReset(email: $email)\n}": types.RequestPasswordResetDocument,
    "query Overview {\n  twoFactorCompliance {\n    userType\n    users\n    enrolled\n    pinOnly\n    byStatus {\n      status\n      count\n    }\n  }\n  accountOverview {\n    usersInGracePeriod(first: 5) {\n      id\n      displayName\n      userType\n      enrollmentDeadline\n    }\n    recentSecurityEvents(first: 10) {\n      id\n      action\n      actorUserId\n      actorName\n      targetType\n      targetId\n      targetName\n      ip\n      details\n      createdAt\n    }\n  }\n  lockedUsers: users(filter: {twoFactorStatus: LOCKED}, first: 5) {\n    totalCount\n    nodes {\n      id\n      displayName\n      userType\n    }\n  }\n  invitedUsers: users(filter: {status: INVITED}, first: 5) {\n    totalCount\n    nodes {\n      id\n      displayName\n      email\n      ...InvitationState\n    }\n  }\n}": types.OverviewDocument,
    "query OwnTwoFactor {\n  viewer {\n    id\n    twoFactorStatus\n    twoFactorMethods\n  }\n}": types.OwnTwoFactorDocument,
    "query Viewer {\n  viewer {\n    id\n    email\n    displayName\n    userType\n    isOwner\n  }\n}": types.ViewerDocument,
    "mutation AcceptInvitation($token: String!, $password: String!) {\n  acceptInvitation(token: $token, password: $password)\n}": types.AcceptInvitationDocument,
    "mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n  changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n}": types.ChangePasswordDocument,
    "mutation ChangePin($currentPin: String!, $newPin: String!, $newPinConfirmation: String!) {\n  changePin(\n    currentPin: $currentPin\n    newPin: $newPin\n    newPinConfirmation: $newPinConfirmation\n  )\n}": types.ChangePinDocument,
    "mutation DisableTwoFactor($code: String!) {\n  disableTwoFactor(code: $code) {\n    id\n  }\n}": types.DisableTwoFactorDocument,
    "mutation ForgetRememberedBrowser($id: ID!) {\n  forgetRememberedBrowser(id: $id)\n}": types.ForgetRememberedBrowserDocument,
    "mutation ForgetRememberedBrowsers {\n  forgetRememberedBrowsers\n}": types.ForgetRememberedBrowsersDocument,
    "query LoginAssured {\n  session {\n    loginAssured\n  }\n}": types.LoginAssuredDocument,
    "query Profile {\n  viewer {\n    id\n    displayName\n    email\n    twoFactorStatus\n    twoFactorMethods\n    twoFactorRequired\n    allowedTwoFactorMethods\n    hasPossessionFactor\n    maskedPhoneNumber\n    backupCodesRemaining\n  }\n}": types.ProfileDocument,
    "query ProfileSecurity {\n  mySessions {\n    id\n    current\n    transport\n    createdAt\n    lastSeenAt\n    ip\n    browser\n  }\n  viewer {\n    id\n    passkeys {\n      id\n      name\n      createdAt\n      lastUsedAt\n      transports\n      backedUp\n      multiDevice\n    }\n    rememberedBrowsers {\n      id\n      browser\n      createdAt\n      lastUsedAt\n      expiresAt\n      current\n    }\n  }\n  login {\n    securityEvents(first: 20) {\n      totalCount\n      nodes {\n        id\n        action\n        ip\n        createdAt\n      }\n    }\n  }\n}": types.ProfileSecurityDocument,
    "mutation RegenerateBackupCodes($code: String!) {\n  regenerateBackupCodes(code: $code)\n}": types.RegenerateBackupCodesDocument,
    "mutation RemovePasskey($id: ID!, $code: String!) {\n  removePasskey(id: $id, code: $code) {\n    id\n  }\n}": types.RemovePasskeyDocument,
    "mutation RenamePasskey($id: ID!, $name: String!) {\n  renamePasskey(id: $id, name: $name) {\n    id\n    name\n  }\n}": types.RenamePasskeyDocument,
    "mutation RevokeSession($id: ID!) {\n  revokeSession(id: $id)\n}": types.RevokeSessionDocument,
    "mutation UpdateProfile($displayName: String!) {\n  updateProfile(input: {displayName: $displayName}) {\n    id\n    displayName\n  }\n}": types.UpdateProfileDocument,
    "mutation ResetPassword($token: String!, $password: String!) {\n  resetPassword(token: $token, password: $password)\n}": types.ResetPasswordDocument,
    "fragment AccountDomainFields on AccountDomain {\n  id\n  domain\n  verified\n  verifiedAt\n  verifiedBy\n  recordName\n  recordValue\n}": types.AccountDomainFieldsFragmentDoc,
    "query AccountDomains {\n  accountDomains {\n    ...AccountDomainFields\n  }\n}": types.AccountDomainsDocument,
    "mutation AddAccountDomain($domain: String!) {\n  addAccountDomain(domain: $domain) {\n    ...AccountDomainFields\n  }\n}": types.AddAccountDomainDocument,
    "mutation CreateIdentityProvider($input: CreateIdentityProviderInput!) {\n  createIdentityProvider(input: $input) {\n    ...IdentityProviderFields\n  }\n}": types.CreateIdentityProviderDocument,
    "fragment IdentityProviderFields on IdentityProvider {\n  id\n  displayName\n  issuerUrl\n  clientId\n  allowedEmailDomains\n  twoFactorPolicy\n  trustedAcrValues\n  waiverUserTypes\n  maxAgeSeconds\n  redirectUri\n  updatedAt\n}": types.IdentityProviderFieldsFragmentDoc,
    "query IdentityProviders {\n  identityProviders {\n    ...IdentityProviderFields\n  }\n}": types.IdentityProvidersDocument,
    "mutation RemoveAccountDomain($id: ID!) {\n  removeAccountDomain(id: $id)\n}": types.RemoveAccountDomainDocument,
    "mutation RemoveIdentityProvider($id: ID!) {\n  removeIdentityProvider(id: $id)\n}": types.RemoveIdentityProviderDocument,
    "query SecurityPolicyImpact($input: SecurityPolicyInput!) {\n  securityPolicyImpact(input: $input) {\n    userType\n    users\n    notEnrolled\n    enrollAtNextSignIn\n    inGracePeriod\n    onlyRemovedMethods\n    withoutPasskey\n    deadline\n    earliestDeadline\n    latestDeadline\n    callerMustEnroll\n    callerDeadline\n  }\n}": types.SecurityPolicyImpactDocument,
    "query SecuritySettings {\n  securityPolicies {\n    userType\n    enforcement\n    allowedMethods\n    gracePeriodDays\n    phishingResistantOnly\n    rememberDeviceDays\n    updatedAt\n  }\n  account {\n    id\n    allowedSmsCountries\n    allowAllSmsCountries\n  }\n}": types.SecuritySettingsDocument,
    "mutation TestIdentityProvider($id: ID!) {\n  testIdentityProvider(id: $id)\n}": types.TestIdentityProviderDocument,
    "mutation UpdateAllowedSmsCountries($countries: [String!]!, $allowAllCountries: Boolean) {\n  updateAllowedSmsCountries(\n    countries: $countries\n    allowAllCountries: $allowAllCountries\n  ) {\n    id\n    allowedSmsCountries\n    allowAllSmsCountries\n  }\n}": types.UpdateAllowedSmsCountriesDocument,
    "mutation UpdateIdentityProvider($id: ID!, $input: UpdateIdentityProviderInput!) {\n  updateIdentityProvider(id: $id, input: $input) {\n    ...IdentityProviderFields\n  }\n}": types.UpdateIdentityProviderDocument,
    "mutation UpdateSecurityPolicy($input: SecurityPolicyInput!) {\n  updateSecurityPolicy(input: $input) {\n    userType\n    enforcement\n    allowedMethods\n    gracePeriodDays\n    phishingResistantOnly\n    rememberDeviceDays\n    updatedAt\n  }\n}": types.UpdateSecurityPolicyDocument,
    "mutation VerifyAccountDomain($id: ID!) {\n  verifyAccountDomain(id: $id) {\n    ...AccountDomainFields\n  }\n}": types.VerifyAccountDomainDocument,
    "mutation SelectProfile($userId: ID!) {\n  selectProfile(userId: $userId) {\n    ...SessionFields\n  }\n}": types.SelectProfileDocument,
    "mutation SignIn($email: String!, $password: String!) {\n  signIn(email: $email, password: $password, transport: COOKIE) {\n    session {\n      ...SessionFields\n    }\n  }\n}": types.SignInDocument,
    "query SignInOptions($email: String, $accountSlug: String) {\n  signInOptions(email: $email, accountSlug: $accountSlug) {\n    id\n    displayName\n    accountName\n    startPath\n  }\n}": types.SignInOptionsDocument,
    "query AllowedMethods {\n  viewer {\n    id\n    twoFactorMethods\n    allowedTwoFactorMethods\n  }\n}": types.AllowedMethodsDocument,
    "mutation BeginAuthenticatorEnrollment($linkToken: String) {\n  beginAuthenticatorEnrollment(linkToken: $linkToken) {\n    otpauthUri\n    qrCodeDataUrl\n    manualEntryKey\n  }\n}": types.BeginAuthenticatorEnrollmentDocument,
    "mutation BeginPasskeyRegistration {\n  beginPasskeyRegistration\n}": types.BeginPasskeyRegistrationDocument,
    "mutation BeginSmsEnrollment($countryCode: String!, $phoneNumber: String!, $code: String) {\n  beginSmsEnrollment(\n    countryCode: $countryCode\n    phoneNumber: $phoneNumber\n    code: $code\n  )\n}": types.BeginSmsEnrollmentDocument,
    "mutation ConfirmAuthenticatorEnrollment($code: String!) {\n  confirmAuthenticatorEnrollment(code: $code) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}": types.ConfirmAuthenticatorEnrollmentDocument,
    "mutation ConfirmSmsEnrollment($code: String!) {\n  confirmSmsEnrollment(code: $code) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}": types.ConfirmSmsEnrollmentDocument,
    "mutation FinishPasskeyRegistration($name: String!, $response: String!) {\n  finishPasskeyRegistration(name: $name, response: $response) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}": types.FinishPasskeyRegistrationDocument,
    "mutation SetPin($pin: String!, $pinConfirmation: String!) {\n  setPin(pin: $pin, pinConfirmation: $pinConfirmation) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}": types.SetPinDocument,
    "query SmsCountries {\n  viewer {\n    id\n    account {\n      allowedSmsCountries\n      allowAllSmsCountries\n    }\n  }\n}": types.SmsCountriesDocument,
    "mutation SendSmsCode {\n  sendSmsCode\n}": types.SendSmsCodeDocument,
    "mutation VerifySecondFactor($kind: SecondFactorKind!, $code: String!, $rememberBrowser: Boolean!) {\n  verifySecondFactor(kind: $kind, code: $code, rememberBrowser: $rememberBrowser) {\n    ...SessionFields\n  }\n}": types.VerifySecondFactorDocument,
    "mutation EndUserSessions($userId: ID!) {\n  endUserSessions(userId: $userId)\n}": types.EndUserSessionsDocument,
    "mutation ForgetUserRememberedBrowsers($userId: ID!) {\n  forgetUserRememberedBrowsers(userId: $userId)\n}": types.ForgetUserRememberedBrowsersDocument,
    "mutation UnlockTwoFactor($userId: ID!) {\n  unlockTwoFactor(userId: $userId) {\n    ...UserRow\n  }\n}": types.UnlockTwoFactorDocument,
    "query UserDetail($id: ID!) {\n  user(id: $id) {\n    ...UserRow\n    createdAt\n    twoFactorRequired\n    enrollmentDeadline\n    backupCodesRemaining\n  }\n}": types.UserDetailDocument,
    "query UserOversight($id: ID!) {\n  user(id: $id) {\n    id\n    secondFactors {\n      id\n      kind\n      label\n      addedAt\n      lastUsedAt\n      unusedCodes\n    }\n    secondFactorLockout {\n      lockedUntil\n      disabled\n      failedAttempts\n    }\n    sessions {\n      id\n      browser\n      transport\n      createdAt\n      lastSeenAt\n      ip\n    }\n    rememberedBrowsers {\n      id\n      browser\n      createdAt\n      lastUsedAt\n      expiresAt\n    }\n    securityActivity(first: 10) {\n      id\n      action\n      actorUserId\n      actorName\n      targetType\n      targetId\n      targetName\n      ip\n      details\n      createdAt\n    }\n  }\n}": types.UserOversightDocument,
    "mutation CreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    ...UserRow\n  }\n}": types.CreateUserDocument,
    "fragment InvitationState on User {\n  id\n  displayName\n  status\n  invitedAt\n  invitation {\n    sentAt\n    expiresAt\n  }\n}": types.InvitationStateFragmentDoc,
    "mutation RemoveUser($id: ID!) {\n  removeUser(id: $id)\n}": types.RemoveUserDocument,
    "mutation ResendEnrollment($userId: ID!) {\n  resendEnrollment(userId: $userId)\n}": types.ResendEnrollmentDocument,
    "mutation ResendInvitation($userId: ID!) {\n  resendInvitation(userId: $userId) {\n    ...UserRow\n  }\n}": types.ResendInvitationDocument,
    "mutation ResetTwoFactor($userId: ID!, $reason: String!, $code: String, $factorIds: [ID!]) {\n  resetTwoFactor(\n    userId: $userId\n    reason: $reason\n    code: $code\n    factorIds: $factorIds\n  ) {\n    ...UserRow\n  }\n}": types.ResetTwoFactorDocument,
    "mutation RevokeInvitation($userId: ID!) {\n  revokeInvitation(userId: $userId) {\n    ...UserRow\n  }\n}": types.RevokeInvitationDocument,
    "mutation SetUserApps($userId: ID!, $appIds: [ID!]!) {\n  setUserApps(userId: $userId, appIds: $appIds) {\n    ...UserRow\n  }\n}": types.SetUserAppsDocument,
    "mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n  updateUser(id: $id, input: $input) {\n    ...UserRow\n  }\n}": types.UpdateUserDocument,
    "query UserAppChoices {\n  apps {\n    id\n    name\n  }\n}": types.UserAppChoicesDocument,
    "fragment UserRow on User {\n  id\n  displayName\n  email\n  userType\n  isOwner\n  status\n  lastSignInAt\n  apps {\n    id\n    name\n  }\n  requireTwoFactor\n  twoFactorStatus\n  twoFactorMethods\n  ...InvitationState\n}": types.UserRowFragmentDoc,
    "query Users($filter: UsersFilter, $first: Int!, $after: String) {\n  users(filter: $filter, first: $first, after: $after) {\n    nodes {\n      ...UserRow\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n    totalCountIsLowerBound\n  }\n}": types.UsersDocument,
    "query UsersViewer {\n  viewer {\n    id\n    email\n    displayName\n    userType\n    isOwner\n    twoFactorMethods\n  }\n}": types.UsersViewerDocument,
    "mutation BeginPasskeyAuthentication {\n  beginPasskeyAuthentication\n}": types.BeginPasskeyAuthenticationDocument,
    "query Session {\n  session {\n    ...SessionFields\n  }\n}": types.SessionDocument,
    "fragment SessionFields on Session {\n  stage\n  expiresAt\n  identityProviderName\n  profiles {\n    userId\n    accountName\n    displayName\n    userType\n  }\n  user {\n    id\n    displayName\n    userType\n    account {\n      name\n    }\n  }\n  availableSecondFactors\n  rememberBrowserDays\n  enrollment {\n    allowedMethods\n    deadline\n    deadlineMissed\n  }\n}": types.SessionFieldsFragmentDoc,
    "mutation SignOut {\n  signOut\n}": types.SignOutDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AppBasics($id: ID!) {\n  app(id: $id) {\n    id\n    name\n    platform\n  }\n}"): (typeof documents)["query AppBasics($id: ID!) {\n  app(id: $id) {\n    id\n    name\n    platform\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AppReport($id: ID!, $days: Int!) {\n  app(id: $id) {\n    id\n    report(days: $days) {\n      days\n      signInsPerDay {\n        date\n        count\n      }\n      assignedUsers\n      usersWithTwoFactor\n      usersWithPinOnly\n      twoFactorCoverage\n    }\n  }\n}"): (typeof documents)["query AppReport($id: ID!, $days: Int!) {\n  app(id: $id) {\n    id\n    report(days: $days) {\n      days\n      signInsPerDay {\n        date\n        count\n      }\n      assignedUsers\n      usersWithTwoFactor\n      usersWithPinOnly\n      twoFactorCoverage\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AppSettings($id: ID!) {\n  app(id: $id) {\n    id\n    bundleId\n    previewUrl\n    previewQrCode\n  }\n}"): (typeof documents)["query AppSettings($id: ID!) {\n  app(id: $id) {\n    id\n    bundleId\n    previewUrl\n    previewQrCode\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RemoveApp($id: ID!) {\n  removeApp(id: $id)\n}"): (typeof documents)["mutation RemoveApp($id: ID!) {\n  removeApp(id: $id)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateApp($id: ID!, $input: UpdateAppInput!) {\n  updateApp(id: $id, input: $input) {\n    id\n    name\n    platform\n    bundleId\n    previewUrl\n    previewQrCode\n  }\n}"): (typeof documents)["mutation UpdateApp($id: ID!, $input: UpdateAppInput!) {\n  updateApp(id: $id, input: $input) {\n    id\n    name\n    platform\n    bundleId\n    previewUrl\n    previewQrCode\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AppList {\n  apps {\n    id\n    name\n    platform\n  }\n}"): (typeof documents)["query AppList {\n  apps {\n    id\n    name\n    platform\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateApp($input: CreateAppInput!) {\n  createApp(input: $input) {\n    id\n    name\n    platform\n  }\n}"): (typeof documents)["mutation CreateApp($input: CreateAppInput!) {\n  createApp(input: $input) {\n    id\n    name\n    platform\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuditEvents($first: Int!, $after: String, $filter: AuditEventsFilter) {\n  auditEvents(first: $first, after: $after, filter: $filter) {\n    totalCount\n    totalCountIsLowerBound\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      action\n      actorUserId\n      actorName\n      targetType\n      targetId\n      targetName\n      ip\n      details\n      createdAt\n    }\n  }\n}"): (typeof documents)["query AuditEvents($first: Int!, $after: String, $filter: AuditEventsFilter) {\n  auditEvents(first: $first, after: $after, filter: $filter) {\n    totalCount\n    totalCountIsLowerBound\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      action\n      actorUserId\n      actorName\n      targetType\n      targetId\n      targetName\n      ip\n      details\n      createdAt\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuditUserLabel($id: ID!) {\n  user(id: $id) {\n    id\n    displayName\n    email\n  }\n}"): (typeof documents)["query AuditUserLabel($id: ID!) {\n  user(id: $id) {\n    id\n    displayName\n    email\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuditUserOptions($search: String) {\n  users(first: 20, filter: {search: $search}) {\n    nodes {\n      id\n      displayName\n      email\n    }\n  }\n}"): (typeof documents)["query AuditUserOptions($search: String) {\n  users(first: 20, filter: {search: $search}) {\n    nodes {\n      id\n      displayName\n      email\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TwoFactorCompliance {\n  twoFactorCompliance {\n    userType\n    users\n    enrolled\n    pinOnly\n    byStatus {\n      status\n      count\n    }\n  }\n}"): (typeof documents)["query TwoFactorCompliance {\n  twoFactorCompliance {\n    userType\n    users\n    enrolled\n    pinOnly\n    byStatus {\n      status\n      count\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RequestPasswordReset($email: String!) {\n  requestPasswordReset(email: $email)\n}"): (typeof documents)["mutation RequestPasswordReset($email: String!) {\n  requestPasswordReset(email: $email)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Overview {\n  twoFactorCompliance {\n    userType\n    users\n    enrolled\n    pinOnly\n    byStatus {\n      status\n      count\n    }\n  }\n  accountOverview {\n    usersInGracePeriod(first: 5) {\n      id\n      displayName\n      userType\n      enrollmentDeadline\n    }\n    recentSecurityEvents(first: 10) {\n      id\n      action\n      actorUserId\n      actorName\n      targetType\n      targetId\n      targetName\n      ip\n      details\n      createdAt\n    }\n  }\n  lockedUsers: users(filter: {twoFactorStatus: LOCKED}, first: 5) {\n    totalCount\n    nodes {\n      id\n      displayName\n      userType\n    }\n  }\n  invitedUsers: users(filter: {status: INVITED}, first: 5) {\n    totalCount\n    nodes {\n      id\n      displayName\n      email\n      ...InvitationState\n    }\n  }\n}"): (typeof documents)["query Overview {\n  twoFactorCompliance {\n    userType\n    users\n    enrolled\n    pinOnly\n    byStatus {\n      status\n      count\n    }\n  }\n  accountOverview {\n    usersInGracePeriod(first: 5) {\n      id\n      displayName\n      userType\n      enrollmentDeadline\n    }\n    recentSecurityEvents(first: 10) {\n      id\n      action\n      actorUserId\n      actorName\n      targetType\n      targetId\n      targetName\n      ip\n      details\n      createdAt\n    }\n  }\n  lockedUsers: users(filter: {twoFactorStatus: LOCKED}, first: 5) {\n    totalCount\n    nodes {\n      id\n      displayName\n      userType\n    }\n  }\n  invitedUsers: users(filter: {status: INVITED}, first: 5) {\n    totalCount\n    nodes {\n      id\n      displayName\n      email\n      ...InvitationState\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OwnTwoFactor {\n  viewer {\n    id\n    twoFactorStatus\n    twoFactorMethods\n  }\n}"): (typeof documents)["query OwnTwoFactor {\n  viewer {\n    id\n    twoFactorStatus\n    twoFactorMethods\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Viewer {\n  viewer {\n    id\n    email\n    displayName\n    userType\n    isOwner\n  }\n}"): (typeof documents)["query Viewer {\n  viewer {\n    id\n    email\n    displayName\n    userType\n    isOwner\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AcceptInvitation($token: String!, $password: String!) {\n  acceptInvitation(token: $token, password: $password)\n}"): (typeof documents)["mutation AcceptInvitation($token: String!, $password: String!) {\n  acceptInvitation(token: $token, password: $password)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n  changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n}"): (typeof documents)["mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n  changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ChangePin($currentPin: String!, $newPin: String!, $newPinConfirmation: String!) {\n  changePin(\n    currentPin: $currentPin\n    newPin: $newPin\n    newPinConfirmation: $newPinConfirmation\n  )\n}"): (typeof documents)["mutation ChangePin($currentPin: String!, $newPin: String!, $newPinConfirmation: String!) {\n  changePin(\n    currentPin: $currentPin\n    newPin: $newPin\n    newPinConfirmation: $newPinConfirmation\n  )\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DisableTwoFactor($code: String!) {\n  disableTwoFactor(code: $code) {\n    id\n  }\n}"): (typeof documents)["mutation DisableTwoFactor($code: String!) {\n  disableTwoFactor(code: $code) {\n    id\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ForgetRememberedBrowser($id: ID!) {\n  forgetRememberedBrowser(id: $id)\n}"): (typeof documents)["mutation ForgetRememberedBrowser($id: ID!) {\n  forgetRememberedBrowser(id: $id)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ForgetRememberedBrowsers {\n  forgetRememberedBrowsers\n}"): (typeof documents)["mutation ForgetRememberedBrowsers {\n  forgetRememberedBrowsers\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LoginAssured {\n  session {\n    loginAssured\n  }\n}"): (typeof documents)["query LoginAssured {\n  session {\n    loginAssured\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Profile {\n  viewer {\n    id\n    displayName\n    email\n    twoFactorStatus\n    twoFactorMethods\n    twoFactorRequired\n    allowedTwoFactorMethods\n    hasPossessionFactor\n    maskedPhoneNumber\n    backupCodesRemaining\n  }\n}"): (typeof documents)["query Profile {\n  viewer {\n    id\n    displayName\n    email\n    twoFactorStatus\n    twoFactorMethods\n    twoFactorRequired\n    allowedTwoFactorMethods\n    hasPossessionFactor\n    maskedPhoneNumber\n    backupCodesRemaining\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProfileSecurity {\n  mySessions {\n    id\n    current\n    transport\n    createdAt\n    lastSeenAt\n    ip\n    browser\n  }\n  viewer {\n    id\n    passkeys {\n      id\n      name\n      createdAt\n      lastUsedAt\n      transports\n      backedUp\n      multiDevice\n    }\n    rememberedBrowsers {\n      id\n      browser\n      createdAt\n      lastUsedAt\n      expiresAt\n      current\n    }\n  }\n  login {\n    securityEvents(first: 20) {\n      totalCount\n      nodes {\n        id\n        action\n        ip\n        createdAt\n      }\n    }\n  }\n}"): (typeof documents)["query ProfileSecurity {\n  mySessions {\n    id\n    current\n    transport\n    createdAt\n    lastSeenAt\n    ip\n    browser\n  }\n  viewer {\n    id\n    passkeys {\n      id\n      name\n      createdAt\n      lastUsedAt\n      transports\n      backedUp\n      multiDevice\n    }\n    rememberedBrowsers {\n      id\n      browser\n      createdAt\n      lastUsedAt\n      expiresAt\n      current\n    }\n  }\n  login {\n    securityEvents(first: 20) {\n      totalCount\n      nodes {\n        id\n        action\n        ip\n        createdAt\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RegenerateBackupCodes($code: String!) {\n  regenerateBackupCodes(code: $code)\n}"): (typeof documents)["mutation RegenerateBackupCodes($code: String!) {\n  regenerateBackupCodes(code: $code)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RemovePasskey($id: ID!, $code: String!) {\n  removePasskey(id: $id, code: $code) {\n    id\n  }\n}"): (typeof documents)["mutation RemovePasskey($id: ID!, $code: String!) {\n  removePasskey(id: $id, code: $code) {\n    id\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RenamePasskey($id: ID!, $name: String!) {\n  renamePasskey(id: $id, name: $name) {\n    id\n    name\n  }\n}"): (typeof documents)["mutation RenamePasskey($id: ID!, $name: String!) {\n  renamePasskey(id: $id, name: $name) {\n    id\n    name\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RevokeSession($id: ID!) {\n  revokeSession(id: $id)\n}"): (typeof documents)["mutation RevokeSession($id: ID!) {\n  revokeSession(id: $id)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateProfile($displayName: String!) {\n  updateProfile(input: {displayName: $displayName}) {\n    id\n    displayName\n  }\n}"): (typeof documents)["mutation UpdateProfile($displayName: String!) {\n  updateProfile(input: {displayName: $displayName}) {\n    id\n    displayName\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResetPassword($token: String!, $password: String!) {\n  resetPassword(token: $token, password: $password)\n}"): (typeof documents)["mutation ResetPassword($token: String!, $password: String!) {\n  resetPassword(token: $token, password: $password)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment AccountDomainFields on AccountDomain {\n  id\n  domain\n  verified\n  verifiedAt\n  verifiedBy\n  recordName\n  recordValue\n}"): (typeof documents)["fragment AccountDomainFields on AccountDomain {\n  id\n  domain\n  verified\n  verifiedAt\n  verifiedBy\n  recordName\n  recordValue\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AccountDomains {\n  accountDomains {\n    ...AccountDomainFields\n  }\n}"): (typeof documents)["query AccountDomains {\n  accountDomains {\n    ...AccountDomainFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AddAccountDomain($domain: String!) {\n  addAccountDomain(domain: $domain) {\n    ...AccountDomainFields\n  }\n}"): (typeof documents)["mutation AddAccountDomain($domain: String!) {\n  addAccountDomain(domain: $domain) {\n    ...AccountDomainFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateIdentityProvider($input: CreateIdentityProviderInput!) {\n  createIdentityProvider(input: $input) {\n    ...IdentityProviderFields\n  }\n}"): (typeof documents)["mutation CreateIdentityProvider($input: CreateIdentityProviderInput!) {\n  createIdentityProvider(input: $input) {\n    ...IdentityProviderFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment IdentityProviderFields on IdentityProvider {\n  id\n  displayName\n  issuerUrl\n  clientId\n  allowedEmailDomains\n  twoFactorPolicy\n  trustedAcrValues\n  waiverUserTypes\n  maxAgeSeconds\n  redirectUri\n  updatedAt\n}"): (typeof documents)["fragment IdentityProviderFields on IdentityProvider {\n  id\n  displayName\n  issuerUrl\n  clientId\n  allowedEmailDomains\n  twoFactorPolicy\n  trustedAcrValues\n  waiverUserTypes\n  maxAgeSeconds\n  redirectUri\n  updatedAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query IdentityProviders {\n  identityProviders {\n    ...IdentityProviderFields\n  }\n}"): (typeof documents)["query IdentityProviders {\n  identityProviders {\n    ...IdentityProviderFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RemoveAccountDomain($id: ID!) {\n  removeAccountDomain(id: $id)\n}"): (typeof documents)["mutation RemoveAccountDomain($id: ID!) {\n  removeAccountDomain(id: $id)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RemoveIdentityProvider($id: ID!) {\n  removeIdentityProvider(id: $id)\n}"): (typeof documents)["mutation RemoveIdentityProvider($id: ID!) {\n  removeIdentityProvider(id: $id)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SecurityPolicyImpact($input: SecurityPolicyInput!) {\n  securityPolicyImpact(input: $input) {\n    userType\n    users\n    notEnrolled\n    enrollAtNextSignIn\n    inGracePeriod\n    onlyRemovedMethods\n    withoutPasskey\n    deadline\n    earliestDeadline\n    latestDeadline\n    callerMustEnroll\n    callerDeadline\n  }\n}"): (typeof documents)["query SecurityPolicyImpact($input: SecurityPolicyInput!) {\n  securityPolicyImpact(input: $input) {\n    userType\n    users\n    notEnrolled\n    enrollAtNextSignIn\n    inGracePeriod\n    onlyRemovedMethods\n    withoutPasskey\n    deadline\n    earliestDeadline\n    latestDeadline\n    callerMustEnroll\n    callerDeadline\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SecuritySettings {\n  securityPolicies {\n    userType\n    enforcement\n    allowedMethods\n    gracePeriodDays\n    phishingResistantOnly\n    rememberDeviceDays\n    updatedAt\n  }\n  account {\n    id\n    allowedSmsCountries\n    allowAllSmsCountries\n  }\n}"): (typeof documents)["query SecuritySettings {\n  securityPolicies {\n    userType\n    enforcement\n    allowedMethods\n    gracePeriodDays\n    phishingResistantOnly\n    rememberDeviceDays\n    updatedAt\n  }\n  account {\n    id\n    allowedSmsCountries\n    allowAllSmsCountries\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TestIdentityProvider($id: ID!) {\n  testIdentityProvider(id: $id)\n}"): (typeof documents)["mutation TestIdentityProvider($id: ID!) {\n  testIdentityProvider(id: $id)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateAllowedSmsCountries($countries: [String!]!, $allowAllCountries: Boolean) {\n  updateAllowedSmsCountries(\n    countries: $countries\n    allowAllCountries: $allowAllCountries\n  ) {\n    id\n    allowedSmsCountries\n    allowAllSmsCountries\n  }\n}"): (typeof documents)["mutation UpdateAllowedSmsCountries($countries: [String!]!, $allowAllCountries: Boolean) {\n  updateAllowedSmsCountries(\n    countries: $countries\n    allowAllCountries: $allowAllCountries\n  ) {\n    id\n    allowedSmsCountries\n    allowAllSmsCountries\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateIdentityProvider($id: ID!, $input: UpdateIdentityProviderInput!) {\n  updateIdentityProvider(id: $id, input: $input) {\n    ...IdentityProviderFields\n  }\n}"): (typeof documents)["mutation UpdateIdentityProvider($id: ID!, $input: UpdateIdentityProviderInput!) {\n  updateIdentityProvider(id: $id, input: $input) {\n    ...IdentityProviderFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateSecurityPolicy($input: SecurityPolicyInput!) {\n  updateSecurityPolicy(input: $input) {\n    userType\n    enforcement\n    allowedMethods\n    gracePeriodDays\n    phishingResistantOnly\n    rememberDeviceDays\n    updatedAt\n  }\n}"): (typeof documents)["mutation UpdateSecurityPolicy($input: SecurityPolicyInput!) {\n  updateSecurityPolicy(input: $input) {\n    userType\n    enforcement\n    allowedMethods\n    gracePeriodDays\n    phishingResistantOnly\n    rememberDeviceDays\n    updatedAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation VerifyAccountDomain($id: ID!) {\n  verifyAccountDomain(id: $id) {\n    ...AccountDomainFields\n  }\n}"): (typeof documents)["mutation VerifyAccountDomain($id: ID!) {\n  verifyAccountDomain(id: $id) {\n    ...AccountDomainFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SelectProfile($userId: ID!) {\n  selectProfile(userId: $userId) {\n    ...SessionFields\n  }\n}"): (typeof documents)["mutation SelectProfile($userId: ID!) {\n  selectProfile(userId: $userId) {\n    ...SessionFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SignIn($email: String!, $password: String!) {\n  signIn(email: $email, password: $password, transport: COOKIE) {\n    session {\n      ...SessionFields\n    }\n  }\n}"): (typeof documents)["mutation SignIn($email: String!, $password: String!) {\n  signIn(email: $email, password: $password, transport: COOKIE) {\n    session {\n      ...SessionFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SignInOptions($email: String, $accountSlug: String) {\n  signInOptions(email: $email, accountSlug: $accountSlug) {\n    id\n    displayName\n    accountName\n    startPath\n  }\n}"): (typeof documents)["query SignInOptions($email: String, $accountSlug: String) {\n  signInOptions(email: $email, accountSlug: $accountSlug) {\n    id\n    displayName\n    accountName\n    startPath\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AllowedMethods {\n  viewer {\n    id\n    twoFactorMethods\n    allowedTwoFactorMethods\n  }\n}"): (typeof documents)["query AllowedMethods {\n  viewer {\n    id\n    twoFactorMethods\n    allowedTwoFactorMethods\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BeginAuthenticatorEnrollment($linkToken: String) {\n  beginAuthenticatorEnrollment(linkToken: $linkToken) {\n    otpauthUri\n    qrCodeDataUrl\n    manualEntryKey\n  }\n}"): (typeof documents)["mutation BeginAuthenticatorEnrollment($linkToken: String) {\n  beginAuthenticatorEnrollment(linkToken: $linkToken) {\n    otpauthUri\n    qrCodeDataUrl\n    manualEntryKey\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BeginPasskeyRegistration {\n  beginPasskeyRegistration\n}"): (typeof documents)["mutation BeginPasskeyRegistration {\n  beginPasskeyRegistration\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BeginSmsEnrollment($countryCode: String!, $phoneNumber: String!, $code: String) {\n  beginSmsEnrollment(\n    countryCode: $countryCode\n    phoneNumber: $phoneNumber\n    code: $code\n  )\n}"): (typeof documents)["mutation BeginSmsEnrollment($countryCode: String!, $phoneNumber: String!, $code: String) {\n  beginSmsEnrollment(\n    countryCode: $countryCode\n    phoneNumber: $phoneNumber\n    code: $code\n  )\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConfirmAuthenticatorEnrollment($code: String!) {\n  confirmAuthenticatorEnrollment(code: $code) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}"): (typeof documents)["mutation ConfirmAuthenticatorEnrollment($code: String!) {\n  confirmAuthenticatorEnrollment(code: $code) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConfirmSmsEnrollment($code: String!) {\n  confirmSmsEnrollment(code: $code) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}"): (typeof documents)["mutation ConfirmSmsEnrollment($code: String!) {\n  confirmSmsEnrollment(code: $code) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation FinishPasskeyRegistration($name: String!, $response: String!) {\n  finishPasskeyRegistration(name: $name, response: $response) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}"): (typeof documents)["mutation FinishPasskeyRegistration($name: String!, $response: String!) {\n  finishPasskeyRegistration(name: $name, response: $response) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SetPin($pin: String!, $pinConfirmation: String!) {\n  setPin(pin: $pin, pinConfirmation: $pinConfirmation) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}"): (typeof documents)["mutation SetPin($pin: String!, $pinConfirmation: String!) {\n  setPin(pin: $pin, pinConfirmation: $pinConfirmation) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SmsCountries {\n  viewer {\n    id\n    account {\n      allowedSmsCountries\n      allowAllSmsCountries\n    }\n  }\n}"): (typeof documents)["query SmsCountries {\n  viewer {\n    id\n    account {\n      allowedSmsCountries\n      allowAllSmsCountries\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SendSmsCode {\n  sendSmsCode\n}"): (typeof documents)["mutation SendSmsCode {\n  sendSmsCode\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation VerifySecondFactor($kind: SecondFactorKind!, $code: String!, $rememberBrowser: Boolean!) {\n  verifySecondFactor(kind: $kind, code: $code, rememberBrowser: $rememberBrowser) {\n    ...SessionFields\n  }\n}"): (typeof documents)["mutation VerifySecondFactor($kind: SecondFactorKind!, $code: String!, $rememberBrowser: Boolean!) {\n  verifySecondFactor(kind: $kind, code: $code, rememberBrowser: $rememberBrowser) {\n    ...SessionFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EndUserSessions($userId: ID!) {\n  endUserSessions(userId: $userId)\n}"): (typeof documents)["mutation EndUserSessions($userId: ID!) {\n  endUserSessions(userId: $userId)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ForgetUserRememberedBrowsers($userId: ID!) {\n  forgetUserRememberedBrowsers(userId: $userId)\n}"): (typeof documents)["mutation ForgetUserRememberedBrowsers($userId: ID!) {\n  forgetUserRememberedBrowsers(userId: $userId)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UnlockTwoFactor($userId: ID!) {\n  unlockTwoFactor(userId: $userId) {\n    ...UserRow\n  }\n}"): (typeof documents)["mutation UnlockTwoFactor($userId: ID!) {\n  unlockTwoFactor(userId: $userId) {\n    ...UserRow\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UserDetail($id: ID!) {\n  user(id: $id) {\n    ...UserRow\n    createdAt\n    twoFactorRequired\n    enrollmentDeadline\n    backupCodesRemaining\n  }\n}"): (typeof documents)["query UserDetail($id: ID!) {\n  user(id: $id) {\n    ...UserRow\n    createdAt\n    twoFactorRequired\n    enrollmentDeadline\n    backupCodesRemaining\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UserOversight($id: ID!) {\n  user(id: $id) {\n    id\n    secondFactors {\n      id\n      kind\n      label\n      addedAt\n      lastUsedAt\n      unusedCodes\n    }\n    secondFactorLockout {\n      lockedUntil\n      disabled\n      failedAttempts\n    }\n    sessions {\n      id\n      browser\n      transport\n      createdAt\n      lastSeenAt\n      ip\n    }\n    rememberedBrowsers {\n      id\n      browser\n      createdAt\n      lastUsedAt\n      expiresAt\n    }\n    securityActivity(first: 10) {\n      id\n      action\n      actorUserId\n      actorName\n      targetType\n      targetId\n      targetName\n      ip\n      details\n      createdAt\n    }\n  }\n}"): (typeof documents)["query UserOversight($id: ID!) {\n  user(id: $id) {\n    id\n    secondFactors {\n      id\n      kind\n      label\n      addedAt\n      lastUsedAt\n      unusedCodes\n    }\n    secondFactorLockout {\n      lockedUntil\n      disabled\n      failedAttempts\n    }\n    sessions {\n      id\n      browser\n      transport\n      createdAt\n      lastSeenAt\n      ip\n    }\n    rememberedBrowsers {\n      id\n      browser\n      createdAt\n      lastUsedAt\n      expiresAt\n    }\n    securityActivity(first: 10) {\n      id\n      action\n      actorUserId\n      actorName\n      targetType\n      targetId\n      targetName\n      ip\n      details\n      createdAt\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    ...UserRow\n  }\n}"): (typeof documents)["mutation CreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    ...UserRow\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment InvitationState on User {\n  id\n  displayName\n  status\n  invitedAt\n  invitation {\n    sentAt\n    expiresAt\n  }\n}"): (typeof documents)["fragment InvitationState on User {\n  id\n  displayName\n  status\n  invitedAt\n  invitation {\n    sentAt\n    expiresAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RemoveUser($id: ID!) {\n  removeUser(id: $id)\n}"): (typeof documents)["mutation RemoveUser($id: ID!) {\n  removeUser(id: $id)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResendEnrollment($userId: ID!) {\n  resendEnrollment(userId: $userId)\n}"): (typeof documents)["mutation ResendEnrollment($userId: ID!) {\n  resendEnrollment(userId: $userId)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResendInvitation($userId: ID!) {\n  resendInvitation(userId: $userId) {\n    ...UserRow\n  }\n}"): (typeof documents)["mutation ResendInvitation($userId: ID!) {\n  resendInvitation(userId: $userId) {\n    ...UserRow\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResetTwoFactor($userId: ID!, $reason: String!, $code: String, $factorIds: [ID!]) {\n  resetTwoFactor(\n    userId: $userId\n    reason: $reason\n    code: $code\n    factorIds: $factorIds\n  ) {\n    ...UserRow\n  }\n}"): (typeof documents)["mutation ResetTwoFactor($userId: ID!, $reason: String!, $code: String, $factorIds: [ID!]) {\n  resetTwoFactor(\n    userId: $userId\n    reason: $reason\n    code: $code\n    factorIds: $factorIds\n  ) {\n    ...UserRow\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RevokeInvitation($userId: ID!) {\n  revokeInvitation(userId: $userId) {\n    ...UserRow\n  }\n}"): (typeof documents)["mutation RevokeInvitation($userId: ID!) {\n  revokeInvitation(userId: $userId) {\n    ...UserRow\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SetUserApps($userId: ID!, $appIds: [ID!]!) {\n  setUserApps(userId: $userId, appIds: $appIds) {\n    ...UserRow\n  }\n}"): (typeof documents)["mutation SetUserApps($userId: ID!, $appIds: [ID!]!) {\n  setUserApps(userId: $userId, appIds: $appIds) {\n    ...UserRow\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n  updateUser(id: $id, input: $input) {\n    ...UserRow\n  }\n}"): (typeof documents)["mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n  updateUser(id: $id, input: $input) {\n    ...UserRow\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UserAppChoices {\n  apps {\n    id\n    name\n  }\n}"): (typeof documents)["query UserAppChoices {\n  apps {\n    id\n    name\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment UserRow on User {\n  id\n  displayName\n  email\n  userType\n  isOwner\n  status\n  lastSignInAt\n  apps {\n    id\n    name\n  }\n  requireTwoFactor\n  twoFactorStatus\n  twoFactorMethods\n  ...InvitationState\n}"): (typeof documents)["fragment UserRow on User {\n  id\n  displayName\n  email\n  userType\n  isOwner\n  status\n  lastSignInAt\n  apps {\n    id\n    name\n  }\n  requireTwoFactor\n  twoFactorStatus\n  twoFactorMethods\n  ...InvitationState\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Users($filter: UsersFilter, $first: Int!, $after: String) {\n  users(filter: $filter, first: $first, after: $after) {\n    nodes {\n      ...UserRow\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n    totalCountIsLowerBound\n  }\n}"): (typeof documents)["query Users($filter: UsersFilter, $first: Int!, $after: String) {\n  users(filter: $filter, first: $first, after: $after) {\n    nodes {\n      ...UserRow\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n    totalCountIsLowerBound\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersViewer {\n  viewer {\n    id\n    email\n    displayName\n    userType\n    isOwner\n    twoFactorMethods\n  }\n}"): (typeof documents)["query UsersViewer {\n  viewer {\n    id\n    email\n    displayName\n    userType\n    isOwner\n    twoFactorMethods\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BeginPasskeyAuthentication {\n  beginPasskeyAuthentication\n}"): (typeof documents)["mutation BeginPasskeyAuthentication {\n  beginPasskeyAuthentication\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Session {\n  session {\n    ...SessionFields\n  }\n}"): (typeof documents)["query Session {\n  session {\n    ...SessionFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment SessionFields on Session {\n  stage\n  expiresAt\n  identityProviderName\n  profiles {\n    userId\n    accountName\n    displayName\n    userType\n  }\n  user {\n    id\n    displayName\n    userType\n    account {\n      name\n    }\n  }\n  availableSecondFactors\n  rememberBrowserDays\n  enrollment {\n    allowedMethods\n    deadline\n    deadlineMissed\n  }\n}"): (typeof documents)["fragment SessionFields on Session {\n  stage\n  expiresAt\n  identityProviderName\n  profiles {\n    userId\n    accountName\n    displayName\n    userType\n  }\n  user {\n    id\n    displayName\n    userType\n    account {\n      name\n    }\n  }\n  availableSecondFactors\n  rememberBrowserDays\n  enrollment {\n    allowedMethods\n    deadline\n    deadlineMissed\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SignOut {\n  signOut\n}"): (typeof documents)["mutation SignOut {\n  signOut\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;