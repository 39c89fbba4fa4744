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
    "mutation RequestPasswordReset($email: String!) {\n  requestPasswordReset(email: $email)\n}": typeof types.RequestPasswordResetDocument,
    "query Viewer {\n  viewer {\n    id\n    email\n    displayName\n    userType\n    isOwner\n    hasPossessionFactor\n    twoFactorMethods\n  }\n}": typeof types.ViewerDocument,
    "mutation AcceptInvitation($token: String!, $password: String!) {\n  acceptInvitation(token: $token, password: $password)\n}": typeof types.AcceptInvitationDocument,
    "mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n  changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n}": typeof types.ChangePasswordDocument,
    "mutation ChangePin($currentPin: String!, $newPin: String!, $newPinConfirmation: String!) {\n  changePin(\n    currentPin: $currentPin\n    newPin: $newPin\n    newPinConfirmation: $newPinConfirmation\n  )\n}": typeof types.ChangePinDocument,
    "mutation DisableTwoFactor($code: String!) {\n  disableTwoFactor(code: $code) {\n    id\n  }\n}": typeof types.DisableTwoFactorDocument,
    "query Profile {\n  viewer {\n    id\n    displayName\n    email\n    twoFactorStatus\n    twoFactorMethods\n    allowedTwoFactorMethods\n    hasPossessionFactor\n    maskedPhoneNumber\n    backupCodesRemaining\n  }\n}": typeof types.ProfileDocument,
    "query ProfileSecurity {\n  mySessions {\n    id\n    current\n    transport\n    createdAt\n    lastSeenAt\n    ip\n    userAgent\n  }\n  login {\n    securityEvents(first: 20) {\n      totalCount\n      nodes {\n        id\n        action\n        ip\n        createdAt\n      }\n    }\n  }\n}": typeof types.ProfileSecurityDocument,
    "mutation RegenerateBackupCodes($code: String!) {\n  regenerateBackupCodes(code: $code)\n}": typeof types.RegenerateBackupCodesDocument,
    "mutation RevokeSession($id: ID!) {\n  revokeSession(id: $id)\n}": typeof types.RevokeSessionDocument,
    "mutation UpdateProfile($displayName: String!) {\n  updateProfile(input: {displayName: $displayName}) {\n    id\n    displayName\n  }\n}": typeof types.UpdateProfileDocument,
    "mutation ResetPassword($token: String!, $password: String!) {\n  resetPassword(token: $token, password: $password)\n}": typeof types.ResetPasswordDocument,
    "mutation SelectProfile($userId: ID!) {\n  selectProfile(userId: $userId) {\n    ...SessionFields\n  }\n}": typeof types.SelectProfileDocument,
    "query ApiStatus {\n  apiInfo {\n    name\n    version\n  }\n}": typeof types.ApiStatusDocument,
    "mutation SignIn($email: String!, $password: String!) {\n  signIn(email: $email, password: $password, transport: COOKIE) {\n    session {\n      ...SessionFields\n    }\n  }\n}": typeof types.SignInDocument,
    "query AllowedMethods {\n  viewer {\n    id\n    twoFactorMethods\n    allowedTwoFactorMethods\n  }\n}": typeof types.AllowedMethodsDocument,
    "mutation BeginAuthenticatorEnrollment($linkToken: String) {\n  beginAuthenticatorEnrollment(linkToken: $linkToken) {\n    otpauthUri\n    qrCodeDataUrl\n    manualEntryKey\n  }\n}": typeof types.BeginAuthenticatorEnrollmentDocument,
    "mutation BeginSmsEnrollment($countryCode: String!, $phoneNumber: String!, $code: String) {\n  beginSmsEnrollment(\n    countryCode: $countryCode\n    phoneNumber: $phoneNumber\n    code: $code\n  )\n}": typeof types.BeginSmsEnrollmentDocument,
    "mutation ConfirmAuthenticatorEnrollment($code: String!) {\n  confirmAuthenticatorEnrollment(code: $code) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}": typeof types.ConfirmAuthenticatorEnrollmentDocument,
    "mutation ConfirmSmsEnrollment($code: String!) {\n  confirmSmsEnrollment(code: $code) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}": typeof types.ConfirmSmsEnrollmentDocument,
    "mutation SetPin($pin: String!, $pinConfirmation: String!) {\n  setPin(pin: $pin, pinConfirmation: $pinConfirmation) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}": typeof types.SetPinDocument,
    "query SmsCountries {\n  viewer {\n    id\n    account {\n      allowedSmsCountries\n    }\n  }\n}": typeof types.SmsCountriesDocument,
    "mutation SendSmsCode {\n  sendSmsCode\n}": typeof types.SendSmsCodeDocument,
    "mutation VerifySecondFactor($kind: SecondFactorKind!, $code: String!) {\n  verifySecondFactor(kind: $kind, code: $code) {\n    ...SessionFields\n  }\n}": typeof types.VerifySecondFactorDocument,
    "query Session {\n  session {\n    ...SessionFields\n  }\n}": typeof types.SessionDocument,
    "fragment SessionFields on Session {\n  stage\n  expiresAt\n  profiles {\n    userId\n    accountName\n    displayName\n    userType\n  }\n  user {\n    id\n    displayName\n    userType\n    account {\n      name\n    }\n  }\n  availableSecondFactors\n  enrollment {\n    allowedMethods\n    deadline\n  }\n}": typeof types.SessionFieldsFragmentDoc,
    "mutation SignOut {\n  signOut\n}": typeof types.SignOutDocument,
};
const documents: Documents = {
    "mutation RequestPasswordReset($email: String!) {\n  requestPasswordReset(email: $email)\n}": types.RequestPasswordResetDocument,
    "query Viewer {\n  viewer {\n    id\n    email\n    displayName\n    userType\n    isOwner\n    hasPossessionFactor\n    twoFactorMethods\n  }\n}": types.ViewerDocument,
    "mutation AcceptInvitation($token: String!, $password: String!) {\n  acceptInvitation(token: $token, password: $password)\n}": types.AcceptInvitationDocument,
    "mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n  changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n}": types.ChangePasswordDocument,
    "mutation ChangePin($currentPin: String!, $newPin: String!, $newPinConfirmation: String!) {\n  changePin(\n    currentPin: $currentPin\n    newPin: $newPin\n    newPinConfirmation: $newPinConfirmation\n  )\n}": types.ChangePinDocument,
    "mutation DisableTwoFactor($code: String!) {\n  disableTwoFactor(code: $code) {\n    id\n  }\n}": types.DisableTwoFactorDocument,
    "query Profile {\n  viewer {\n    id\n    displayName\n    email\n    twoFactorStatus\n    twoFactorMethods\n    allowedTwoFactorMethods\n    hasPossessionFactor\n    maskedPhoneNumber\n    backupCodesRemaining\n  }\n}": types.ProfileDocument,
    "query ProfileSecurity {\n  mySessions {\n    id\n    current\n    transport\n    createdAt\n    lastSeenAt\n    ip\n    userAgent\n  }\n  login {\n    securityEvents(first: 20) {\n      totalCount\n      nodes {\n        id\n        action\n        ip\n        createdAt\n      }\n    }\n  }\n}": types.ProfileSecurityDocument,
    "mutation RegenerateBackupCodes($code: String!) {\n  regenerateBackupCodes(code: $code)\n}": types.RegenerateBackupCodesDocument,
    "mutation RevokeSession($id: ID!) {\n  revokeSession(id: $id)\n}": types.RevokeSessionDocument,
    "mutation UpdateProfile($displayName: String!) {\n  updateProfile(input: {displayName: $displayName}) {\n    id\n    displayName\n  }\n}": types.UpdateProfileDocument,
    "mutation ResetPassword($token: String!, $password: String!) {\n  resetPassword(token: $token, password: $password)\n}": types.ResetPasswordDocument,
    "mutation SelectProfile($userId: ID!) {\n  selectProfile(userId: $userId) {\n    ...SessionFields\n  }\n}": types.SelectProfileDocument,
    "query ApiStatus {\n  apiInfo {\n    name\n    version\n  }\n}": types.ApiStatusDocument,
    "mutation SignIn($email: String!, $password: String!) {\n  signIn(email: $email, password: $password, transport: COOKIE) {\n    session {\n      ...SessionFields\n    }\n  }\n}": types.SignInDocument,
    "query AllowedMethods {\n  viewer {\n    id\n    twoFactorMethods\n    allowedTwoFactorMethods\n  }\n}": types.AllowedMethodsDocument,
    "mutation BeginAuthenticatorEnrollment($linkToken: String) {\n  beginAuthenticatorEnrollment(linkToken: $linkToken) {\n    otpauthUri\n    qrCodeDataUrl\n    manualEntryKey\n  }\n}": types.BeginAuthenticatorEnrollmentDocument,
    "mutation BeginSmsEnrollment($countryCode: String!, $phoneNumber: String!, $code: String) {\n  beginSmsEnrollment(\n    countryCode: $countryCode\n    phoneNumber: $phoneNumber\n    code: $code\n  )\n}": types.BeginSmsEnrollmentDocument,
    "mutation ConfirmAuthenticatorEnrollment($code: String!) {\n  confirmAuthenticatorEnrollment(code: $code) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}": types.ConfirmAuthenticatorEnrollmentDocument,
    "mutation ConfirmSmsEnrollment($code: String!) {\n  confirmSmsEnrollment(code: $code) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}": types.ConfirmSmsEnrollmentDocument,
    "mutation SetPin($pin: String!, $pinConfirmation: String!) {\n  setPin(pin: $pin, pinConfirmation: $pinConfirmation) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}": types.SetPinDocument,
    "query SmsCountries {\n  viewer {\n    id\n    account {\n      allowedSmsCountries\n    }\n  }\n}": types.SmsCountriesDocument,
    "mutation SendSmsCode {\n  sendSmsCode\n}": types.SendSmsCodeDocument,
    "mutation VerifySecondFactor($kind: SecondFactorKind!, $code: String!) {\n  verifySecondFactor(kind: $kind, code: $code) {\n    ...SessionFields\n  }\n}": types.VerifySecondFactorDocument,
    "query Session {\n  session {\n    ...SessionFields\n  }\n}": types.SessionDocument,
    "fragment SessionFields on Session {\n  stage\n  expiresAt\n  profiles {\n    userId\n    accountName\n    displayName\n    userType\n  }\n  user {\n    id\n    displayName\n    userType\n    account {\n      name\n    }\n  }\n  availableSecondFactors\n  enrollment {\n    allowedMethods\n    deadline\n  }\n}": types.SessionFieldsFragmentDoc,
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
export function graphql(source: "mutation RequestPasswordReset($email: String!) {\n  requestPasswordReset(email: $email)\n}"): (typeof documents)["mutation RequestPasswordReset($email: String!) {\n  requestPasswordReset(email: $email)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Viewer {\n  viewer {\n    id\n    email\n    displayName\n    userType\n    isOwner\n    hasPossessionFactor\n    twoFactorMethods\n  }\n}"): (typeof documents)["query Viewer {\n  viewer {\n    id\n    email\n    displayName\n    userType\n    isOwner\n    hasPossessionFactor\n    twoFactorMethods\n  }\n}"];
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
export function graphql(source: "query Profile {\n  viewer {\n    id\n    displayName\n    email\n    twoFactorStatus\n    twoFactorMethods\n    allowedTwoFactorMethods\n    hasPossessionFactor\n    maskedPhoneNumber\n    backupCodesRemaining\n  }\n}"): (typeof documents)["query Profile {\n  viewer {\n    id\n    displayName\n    email\n    twoFactorStatus\n    twoFactorMethods\n    allowedTwoFactorMethods\n    hasPossessionFactor\n    maskedPhoneNumber\n    backupCodesRemaining\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProfileSecurity {\n  mySessions {\n    id\n    current\n    transport\n    createdAt\n    lastSeenAt\n    ip\n    userAgent\n  }\n  login {\n    securityEvents(first: 20) {\n      totalCount\n      nodes {\n        id\n        action\n        ip\n        createdAt\n      }\n    }\n  }\n}"): (typeof documents)["query ProfileSecurity {\n  mySessions {\n    id\n    current\n    transport\n    createdAt\n    lastSeenAt\n    ip\n    userAgent\n  }\n  login {\n    securityEvents(first: 20) {\n      totalCount\n      nodes {\n        id\n        action\n        ip\n        createdAt\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RegenerateBackupCodes($code: String!) {\n  regenerateBackupCodes(code: $code)\n}"): (typeof documents)["mutation RegenerateBackupCodes($code: String!) {\n  regenerateBackupCodes(code: $code)\n}"];
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
export function graphql(source: "mutation SelectProfile($userId: ID!) {\n  selectProfile(userId: $userId) {\n    ...SessionFields\n  }\n}"): (typeof documents)["mutation SelectProfile($userId: ID!) {\n  selectProfile(userId: $userId) {\n    ...SessionFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ApiStatus {\n  apiInfo {\n    name\n    version\n  }\n}"): (typeof documents)["query ApiStatus {\n  apiInfo {\n    name\n    version\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SignIn($email: String!, $password: String!) {\n  signIn(email: $email, password: $password, transport: COOKIE) {\n    session {\n      ...SessionFields\n    }\n  }\n}"): (typeof documents)["mutation SignIn($email: String!, $password: String!) {\n  signIn(email: $email, password: $password, transport: COOKIE) {\n    session {\n      ...SessionFields\n    }\n  }\n}"];
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
export function graphql(source: "mutation SetPin($pin: String!, $pinConfirmation: String!) {\n  setPin(pin: $pin, pinConfirmation: $pinConfirmation) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}"): (typeof documents)["mutation SetPin($pin: String!, $pinConfirmation: String!) {\n  setPin(pin: $pin, pinConfirmation: $pinConfirmation) {\n    backupCodes\n    session {\n      ...SessionFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SmsCountries {\n  viewer {\n    id\n    account {\n      allowedSmsCountries\n    }\n  }\n}"): (typeof documents)["query SmsCountries {\n  viewer {\n    id\n    account {\n      allowedSmsCountries\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SendSmsCode {\n  sendSmsCode\n}"): (typeof documents)["mutation SendSmsCode {\n  sendSmsCode\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation VerifySecondFactor($kind: SecondFactorKind!, $code: String!) {\n  verifySecondFactor(kind: $kind, code: $code) {\n    ...SessionFields\n  }\n}"): (typeof documents)["mutation VerifySecondFactor($kind: SecondFactorKind!, $code: String!) {\n  verifySecondFactor(kind: $kind, code: $code) {\n    ...SessionFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Session {\n  session {\n    ...SessionFields\n  }\n}"): (typeof documents)["query Session {\n  session {\n    ...SessionFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment SessionFields on Session {\n  stage\n  expiresAt\n  profiles {\n    userId\n    accountName\n    displayName\n    userType\n  }\n  user {\n    id\n    displayName\n    userType\n    account {\n      name\n    }\n  }\n  availableSecondFactors\n  enrollment {\n    allowedMethods\n    deadline\n  }\n}"): (typeof documents)["fragment SessionFields on Session {\n  stage\n  expiresAt\n  profiles {\n    userId\n    accountName\n    displayName\n    userType\n  }\n  user {\n    id\n    displayName\n    userType\n    account {\n      name\n    }\n  }\n  availableSecondFactors\n  enrollment {\n    allowedMethods\n    deadline\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SignOut {\n  signOut\n}"): (typeof documents)["mutation SignOut {\n  signOut\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;