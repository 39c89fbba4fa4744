import {
  formatDateTime,
  platformLabels,
  providerTwoFactorPolicyLabels,
  twoFactorMethodLabels,
  twoFactorStatusLabels,
  userStatusLabels,
  userTypeLabels,
} from '../../lib/labels';

/** One line of an event's details: a change (from, to) or a fact (value). */
export type DetailLine =
  | { kind: 'change'; label: string; from: string; to: string }
  | { kind: 'fact'; label: string; value: string };

const enforcementLabels: Record<string, string> = {
  OFF: 'Off',
  OPTIONAL: 'Optional',
  REQUIRED: 'Required',
};

/** The words for a field the server records (anything else reads as its name, spaced out). */
const fieldLabels: Record<string, string> = {
  displayName: 'Name',
  name: 'Name',
  email: 'Email',
  userType: 'User type',
  isOwner: 'Owner',
  status: 'Status',
  requireTwoFactor: 'Two-factor authentication required',
  twoFactorDeadline: 'Set-up deadline',
  twoFactorStatus: 'Two-factor status',
  platform: 'Platform',
  bundleId: 'Bundle ID',
  previewUrl: 'Preview URL',
  apps: 'Apps',
  added: 'Apps added',
  removed: 'Apps removed',
  enforcement: 'Two-factor authentication',
  allowedMethods: 'Allowed methods',
  gracePeriodDays: 'Grace period (days)',
  deadlinesFixed: 'Deadlines set',
  countries: 'SMS countries',
  allowAllCountries: 'Every country allowed',
  previouslyAllowAllCountries: 'Every country allowed before',
  twoFactorPolicy: 'Second-factor rule',
  trustedAcrValues: 'Trusted ACR values',
  waiverUserTypes: 'User types without a Twofold second factor',
  confirmedRequiredTypes: 'Confirmed for types that require a second factor',
  maxAgeSeconds: 'Maximum sign-in age (seconds)',
  allowedEmailDomains: 'Email domains',
  issuerUrl: 'Issuer URL',
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  method: 'Method',
  reason: 'Reason',
  provider: 'Identity provider',
  domain: 'Domain',
  via: 'Through',
  search: 'Search',
  userId: 'User',
  action: 'Action',
  from: 'From',
  to: 'To',
  filter: 'Filter',
  factorIds: 'Factors',
};

/** Words for the values of fields whose values are codes. */
const valueLabels: Record<string, Record<string, string>> = {
  userType: userTypeLabels,
  waiverUserTypes: userTypeLabels,
  status: userStatusLabels,
  twoFactorStatus: twoFactorStatusLabels,
  platform: platformLabels,
  enforcement: enforcementLabels,
  allowedMethods: twoFactorMethodLabels,
  method: twoFactorMethodLabels,
  twoFactorPolicy: providerTwoFactorPolicyLabels,
};

/** "maxAgeSeconds" → "Max age seconds", for a field this console has no words for yet. */
function spacedOut(field: string): string {
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

export function fieldLabel(field: string): string {
  return fieldLabels[field] ?? spacedOut(field);
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A recorded value in words: codes by their labels, instants in the reader's time zone. */
export function formatValue(field: string, value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const label = valueLabels[field]?.[value];
    if (label) return label;
    if (isoInstant.test(value)) return formatDateTime(value);
    return value === '' ? 'none' : value;
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? 'none' : value.map((item) => formatValue(field, item)).join(', ');
  }
  if (isRecord(value)) {
    const parts = Object.entries(value)
      .filter(([, inner]) => inner !== null && inner !== undefined)
      .map(([key, inner]) => `${fieldLabel(key)}: ${formatValue(key, inner)}`);
    return parts.length === 0 ? 'none' : parts.join('; ');
  }
  return JSON.stringify(value);
}

/** `{ from, to }` as the server records one field's change. */
function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return isRecord(value) && 'from' in value && 'to' in value;
}

/** Keys that only repeat what `changes` (or `old`/`new`) say. */
const restating = new Set(['changes', 'changed', 'old', 'new']);

/**
 * What an event's details say, line by line: each change from what to what (`changes`, or a
 * policy's `old` and `new`), fields changed without their values (`fields`, a secret's name),
 * then the other facts.
 */
export function detailLines(details: Record<string, unknown> | null | undefined): DetailLine[] {
  if (!details) return [];
  const lines: DetailLine[] = [];
  const changed = new Set<string>();
  const change = (field: string, from: unknown, to: unknown) => {
    changed.add(field);
    lines.push({
      kind: 'change',
      label: fieldLabel(field),
      from: formatValue(field, from),
      to: formatValue(field, to),
    });
  };
  if (isRecord(details.changes)) {
    for (const [field, value] of Object.entries(details.changes)) {
      if (isChange(value)) change(field, value.from, value.to);
    }
  }
  if (isRecord(details.new)) {
    const before = isRecord(details.old) ? details.old : {};
    for (const [field, value] of Object.entries(details.new)) {
      if (JSON.stringify(before[field]) !== JSON.stringify(value)) {
        change(field, before[field], value);
      }
    }
  }
  for (const [key, value] of Object.entries(details)) {
    if (restating.has(key) || value === null || value === undefined) continue;
    if (key === 'fields') {
      // names whose values the log does not keep (a secret), or events from before it kept them
      const others = Array.isArray(value)
        ? value.filter((field): field is string => typeof field === 'string' && !changed.has(field))
        : [];
      if (others.length > 0) {
        lines.push({
          kind: 'fact',
          label: 'Also changed',
          value: others.map(fieldLabel).join(', '),
        });
      }
      continue;
    }
    if (changed.has(key) || (changed.has('apps') && (key === 'added' || key === 'removed'))) {
      continue;
    }
    lines.push({ kind: 'fact', label: fieldLabel(key), value: formatValue(key, value) });
  }
  // events from before changes were recorded: the names of what changed
  if (lines.length === 0 && Array.isArray(details.changed)) {
    const names = details.changed.filter((field): field is string => typeof field === 'string');
    if (names.length > 0) {
      lines.push({ kind: 'fact', label: 'Changed', value: names.map(fieldLabel).join(', ') });
    }
  }
  return lines;
}
