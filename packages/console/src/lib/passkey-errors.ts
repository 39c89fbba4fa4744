import { ErrorCode, ErrorReason } from '@twofold/shared';
import { type ApiError, triesLeft } from './api-error';

/**
 * What each refusal of a passkey means to the person at the browser: the server tells the cases
 * apart by `extensions.reason` (docs/design.md, Passkeys and remembered browsers in the console).
 */
export const passkeyReasonMessages: Partial<Record<ErrorReason, string>> = {
  [ErrorReason.PASSKEY_CHALLENGE_INVALID]:
    'This passkey prompt is no longer valid (it was used, or a newer one replaced it) — try again.',
  [ErrorReason.PASSKEY_CHALLENGE_EXPIRED]:
    'The passkey prompt expired after 5 minutes — try again.',
  [ErrorReason.PASSKEY_ORIGIN]:
    'The passkey answered for another web address than this console’s: open the console at its own address.',
  [ErrorReason.PASSKEY_RP_ID]:
    'That passkey belongs to another site than this console: use a passkey made here.',
  [ErrorReason.PASSKEY_USER_NOT_VERIFIED]:
    'Your device did not check it is you (PIN, fingerprint or face), which Twofold requires — try again.',
  [ErrorReason.PASSKEY_UNKNOWN_CREDENTIAL]:
    'That passkey is not one of yours here (it may have been removed): use another passkey or method.',
  [ErrorReason.PASSKEY_COUNTER_REGRESSION]:
    'That passkey was refused: its counter went backwards, which can mean it was copied. Use another method and tell an administrator.',
  [ErrorReason.PASSKEY_SIGNATURE]:
    'That passkey’s signature did not check out — try again, or use another method.',
  [ErrorReason.PASSKEY_MALFORMED]:
    'The browser’s passkey answer could not be read — try again, or use another browser.',
  [ErrorReason.PASSKEY_ALREADY_REGISTERED]:
    'This passkey is registered already: use another device or security key.',
};

/**
 * An `explain` for every call that sends a passkey's answer: a refused passkey reads as its
 * reason, and a wrong answer that the lockout counted still says how many tries are left.
 */
export function explainPasskeyError(error: ApiError): ApiError {
  const sentence = error.reason ? passkeyReasonMessages[error.reason] : undefined;
  if (!sentence) return error;
  const counted =
    error.code === ErrorCode.INVALID_CODE && error.attemptsRemaining !== undefined
      ? ` ${triesLeft(error.attemptsRemaining, error.retryAfterSeconds)}`
      : '';
  return { ...error, message: `${sentence}${counted}` };
}
