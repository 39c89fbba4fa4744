import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { securityPolicyInputSchema, toFieldErrors } from '@twofold/shared';
import type { Enforcement, SecuritySettingsQuery, TwoFactorMethod } from '@twofold/shared/graphql';
import { useId, useState } from 'react';
import { formatDateTime, twoFactorMethodLabels, userTypeLabels } from '../../../lib/labels';
import { describeImpact, describeRemembering, type Impact, isStricter } from '../impact';
import { usePolicyImpact, useUpdatePolicy } from '../useSecurity';

export type Policy = SecuritySettingsQuery['securityPolicies'][number];

const enforcementOptions: { value: Enforcement; label: string }[] = [
  { value: 'OFF', label: 'Off' },
  { value: 'OPTIONAL', label: 'Optional' },
  { value: 'REQUIRED', label: 'Required' },
];
const methods: TwoFactorMethod[] = ['PASSKEY', 'AUTHENTICATOR_APP', 'SMS', 'PIN'];

interface Draft {
  enforcement: Enforcement;
  allowedMethods: TwoFactorMethod[];
  gracePeriodDays: number | string;
  phishingResistantOnly: boolean;
  rememberDeviceDays: number | string;
}

function draftOf(policy: Policy): Draft {
  return {
    enforcement: policy.enforcement,
    allowedMethods: [...policy.allowedMethods],
    gracePeriodDays: policy.gracePeriodDays,
    phishingResistantOnly: policy.phishingResistantOnly,
    rememberDeviceDays: policy.rememberDeviceDays,
  };
}

/** A number field's value as the schema reads it: empty is not a number (and not 0). */
const numberOf = (value: number | string) => (value === '' ? Number.NaN : Number(value));

/** Phishing-resistant only means "a passkey": it needs Passkey among the allowed methods. */
const allowsPasskey = (methods: readonly string[]) => methods.includes('PASSKEY');

/** The server's field errors by the form's field names (`input.allowedMethods` → `allowedMethods`). */
function fieldErrorsOf(fields: readonly { field: string; message: string }[]) {
  return Object.fromEntries(fields.map((f) => [f.field.replace(/^input\./, ''), f.message]));
}

function sameRule(policy: Policy, draft: Draft): boolean {
  return (
    policy.enforcement === draft.enforcement &&
    Number(draft.gracePeriodDays) === policy.gracePeriodDays &&
    policy.phishingResistantOnly === draft.phishingResistantOnly &&
    Number(draft.rememberDeviceDays) === policy.rememberDeviceDays &&
    policy.allowedMethods.length === draft.allowedMethods.length &&
    policy.allowedMethods.every((m) => draft.allowedMethods.includes(m))
  );
}

/**
 * One user type's 2FA rule. Owners edit it; before anything is saved the page asks the server
 * what the rule would do to the type's users and says it in words, then asks for confirmation.
 * Administrators see the same card read-only. SMS cannot be offered while the account allows no
 * SMS country (`smsCountryAllowed` false): the card says so and links to the country list.
 */
export function PolicyCard({
  policy,
  editable,
  smsCountryAllowed,
}: {
  policy: Policy;
  editable: boolean;
  smsCountryAllowed: boolean;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(policy));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [impact, setImpact] = useState<Impact | null>(null);
  const [error, setError] = useState<string | null>(null);
  const preview = usePolicyImpact();
  const save = useUpdatePolicy();
  const headingId = useId();
  const label = userTypeLabels[policy.userType];
  const dirty = !sameRule(policy, draft);
  const smsNeedsCountry = !smsCountryAllowed && draft.allowedMethods.includes('SMS');

  const input = () => ({
    userType: policy.userType,
    enforcement: draft.enforcement,
    allowedMethods: draft.allowedMethods,
    gracePeriodDays: numberOf(draft.gracePeriodDays),
    phishingResistantOnly: draft.phishingResistantOnly,
    rememberDeviceDays: numberOf(draft.rememberDeviceDays),
  });
  const passkeyAllowed = allowsPasskey(draft.allowedMethods);

  const review = async () => {
    setError(null);
    const parsed = securityPolicyInputSchema.safeParse(input());
    if (!parsed.success) {
      setErrors(Object.fromEntries(toFieldErrors(parsed.error).map((f) => [f.field, f.message])));
      return;
    }
    setErrors({});
    const result = await preview.call(input());
    if (result.ok) {
      setImpact(result.data);
      return;
    }
    setError(result.error.message);
    setErrors(fieldErrorsOf(result.error.fields));
  };

  const confirm = async () => {
    const result = await save.call(input());
    if (!result.ok) {
      setError(result.error.message);
      setImpact(null);
      setErrors(fieldErrorsOf(result.error.fields));
      return;
    }
    setImpact(null);
  };

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2} size="h3" id={headingId}>
              {label}s
            </Title>
            <Text size="xs" c="dimmed">
              Last changed {formatDateTime(policy.updatedAt)}
            </Text>
          </Stack>
          {!editable && <Badge variant="light">Read only</Badge>}
        </Group>

        <Stack gap={4}>
          <Text size="sm" fw={500} id={`${headingId}-enforcement`}>
            Two-factor authentication
          </Text>
          <SegmentedControl
            aria-labelledby={`${headingId}-enforcement`}
            data={enforcementOptions}
            value={draft.enforcement}
            disabled={!editable}
            onChange={(value) => setDraft({ ...draft, enforcement: value })}
          />
        </Stack>

        <Checkbox.Group
          label="Allowed methods"
          value={draft.allowedMethods}
          onChange={(value) =>
            // without Passkey there is nothing phishing-resistant to insist on
            setDraft({
              ...draft,
              allowedMethods: value,
              phishingResistantOnly: draft.phishingResistantOnly && allowsPasskey(value),
            })
          }
          error={errors.allowedMethods}
        >
          <Stack gap={6} mt={6}>
            {methods.map((method) => (
              <Checkbox
                key={method}
                value={method}
                label={twoFactorMethodLabels[method]}
                disabled={!editable}
              />
            ))}
          </Stack>
        </Checkbox.Group>

        <Switch
          label="Phishing-resistant only"
          description={
            passkeyAllowed
              ? 'Users must sign in with a passkey: a code can be typed into a fake page, a passkey only answers this site.'
              : 'Allow Passkey first: only a passkey resists phishing.'
          }
          checked={draft.phishingResistantOnly}
          onChange={(event) =>
            setDraft({ ...draft, phishingResistantOnly: event.currentTarget.checked })
          }
          disabled={!editable || !passkeyAllowed}
          error={errors.phishingResistantOnly}
        />

        {smsNeedsCountry && (
          <Alert color="yellow" title="SMS needs a country">
            <Text size="sm">
              Text messages may go to no country yet, so nobody could set up SMS.{' '}
              <Anchor href="#sms-countries">Choose the SMS countries</Anchor>
              {editable ? ' first, or leave SMS out.' : '.'}
            </Text>
          </Alert>
        )}

        {draft.enforcement === 'REQUIRED' && (
          <NumberInput
            label="Grace period (days)"
            description="Days users may still sign in without two-factor authentication once it becomes required; 0 means at their next sign-in."
            min={0}
            max={365}
            allowDecimal={false}
            value={draft.gracePeriodDays}
            onChange={(value) => setDraft({ ...draft, gracePeriodDays: value })}
            error={errors.gracePeriodDays}
            disabled={!editable}
            w={260}
          />
        )}

        <NumberInput
          label="Remember a browser for (days)"
          description="After a second factor, the browser may skip it for this many days; 0 turns it off."
          min={0}
          max={90}
          allowDecimal={false}
          value={draft.rememberDeviceDays}
          onChange={(value) => setDraft({ ...draft, rememberDeviceDays: value })}
          error={errors.rememberDeviceDays}
          disabled={!editable}
          w={260}
        />

        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}

        {editable && (
          <Group gap="xs">
            <Button
              onClick={() => void review()}
              disabled={!dirty || smsNeedsCountry}
              loading={preview.loading}
            >
              Review and save
            </Button>
            {dirty && (
              <Button variant="default" onClick={() => setDraft(draftOf(policy))}>
                Discard changes
              </Button>
            )}
          </Group>
        )}
      </Stack>

      <Modal
        opened={impact !== null}
        onClose={() => setImpact(null)}
        title={`Save the rule for ${label}s?`}
        size="lg"
      >
        {impact && (
          <Stack gap="md">
            <Text size="sm">
              {isStricter(policy, draft)
                ? 'This rule asks more of users than the current one.'
                : 'This rule asks no more of users than the current one.'}
            </Text>
            <List spacing="xs" aria-label="Impact">
              {[...describeImpact(impact), describeRemembering(policy, draft)].map(
                (line) => line && <List.Item key={line}>{line}</List.Item>,
              )}
            </List>
            <Text size="sm" c="dimmed">
              Signed-in users feel the change at their next request. Deadlines already set never
              move.
            </Text>
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setImpact(null)}>
                Cancel
              </Button>
              <Button onClick={() => void confirm()} loading={save.loading}>
                Save rule
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}
