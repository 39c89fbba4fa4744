import { SecondFactorKind } from '@twofold/shared';

/**
 * One factor a profile holds, as an administrator names it (`SecondFactorInfo.id`,
 * `resetTwoFactor(factorIds)`): its kind and the row behind it. A PIN and a set of backup codes
 * are one per profile, so their row is the profile itself.
 */
export interface FactorRef {
  kind: SecondFactorKind;
  rowId: string;
}

const prefixes: Record<SecondFactorKind, string> = {
  [SecondFactorKind.AUTHENTICATOR_APP]: 'app',
  [SecondFactorKind.SMS]: 'sms',
  [SecondFactorKind.PIN]: 'pin',
  [SecondFactorKind.BACKUP_CODE]: 'backup-codes',
  [SecondFactorKind.PASSKEY]: 'passkey',
};

const kindOfPrefix = new Map(
  Object.entries(prefixes).map(([kind, prefix]) => [prefix, kind as SecondFactorKind]),
);

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The opaque id of a factor: `app:<uuid>`, `sms:<uuid>`, `pin:<user id>`, `backup-codes:<user id>`, `passkey:<uuid>`. */
export function factorIdOf(ref: FactorRef): string {
  return `${prefixes[ref.kind]}:${ref.rowId}`;
}

/** The factor an id names, or null for anything `factorIdOf` never made. */
export function parseFactorId(id: string): FactorRef | null {
  const colon = id.indexOf(':');
  if (colon < 0) return null;
  const kind = kindOfPrefix.get(id.slice(0, colon));
  const rowId = id.slice(colon + 1);
  if (!kind || !uuidPattern.test(rowId)) return null;
  return { kind, rowId: rowId.toLowerCase() };
}
