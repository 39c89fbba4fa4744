import { ErrorCode, ErrorReason, SessionStage } from '@twofold/shared';
import { DomainError, ForbiddenError, UnauthenticatedError } from '../errors';
import type { Caller } from '../modules/auth/caller';
import { hasPermission } from '../modules/auth/permissions';
import type { GuardRule } from './access';

function stageError(stage: SessionStage): DomainError {
  switch (stage) {
    case SessionStage.SECOND_FACTOR:
      return new DomainError(ErrorCode.SECOND_FACTOR_REQUIRED, 'Verify your second factor first');
    case SessionStage.ENROLLMENT:
      return new DomainError(
        ErrorCode.ENROLLMENT_REQUIRED,
        'Set up two-factor authentication first',
      );
    case SessionStage.PROFILE_SELECTION:
      return new ForbiddenError('Select a profile first', ErrorReason.PROFILE_NOT_SELECTED);
    case SessionStage.ACTIVE:
      return new ForbiddenError('Not available once signed in', ErrorReason.WRONG_STAGE);
  }
}

/**
 * Throws unless `caller` may use what `rule` (a session rule) guards: the one check behind every
 * guarded GraphQL field (wiring/guard.ts) and the HTTP routes that answer as they do (exports).
 */
export function checkRule(
  rule: Extract<GuardRule, { kind: 'session' }>,
  caller: Caller | null,
): asserts caller is Caller {
  if (!caller) throw new UnauthenticatedError();
  if (!rule.stages.includes(caller.stage)) throw stageError(caller.stage);
  if (
    rule.permission !== undefined &&
    (!caller.user || !hasPermission(caller.user, rule.permission))
  ) {
    throw new ForbiddenError();
  }
}
