import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@apollo/client/react';
import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { accountDomainSchema, ErrorCode } from '@twofold/shared';
import { type AccountDomainFieldsFragment, AccountDomainsDocument } from '@twofold/shared/graphql';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { QueryState } from '../../../components/QueryState';
import { showServerErrors } from '../../../lib/form-errors';
import {
  useAddAccountDomain,
  useRemoveAccountDomain,
  useVerifyAccountDomain,
} from '../useAccountDomains';
import { FormError } from '../../../components/FormError';

type Domain = AccountDomainFieldsFragment;

const addSchema = z.object({ domain: accountDomainSchema });

/** One value to publish, with a button that copies it. */
function CopyableValue({ label, value }: { label: string; value: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Text size="sm" w={48} c="dimmed">
        {label}
      </Text>
      <Code fz="sm" style={{ wordBreak: 'break-all' }}>
        {value}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button
            size="xs"
            variant="light"
            onClick={copy}
            aria-label={`Copy ${label.toLowerCase()}`}
          >
            {copied ? 'Copied' : 'Copy'}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

function AddDomainForm() {
  const add = useAddAccountDomain();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<z.input<typeof addSchema>, unknown, z.output<typeof addSchema>>({
    resolver: zodResolver(addSchema),
    defaultValues: { domain: '' },
  });
  const onSubmit = handleSubmit(async ({ domain }) => {
    const result = await add.call(domain);
    if (result.ok) {
      reset({ domain: '' });
      return;
    }
    // a conflict names `domain` as its field; show the sentence under the input
    if (result.error.fields.length === 0 && result.error.code === ErrorCode.CONFLICT) {
      setError('domain', { message: result.error.message });
      return;
    }
    showServerErrors(result.error, ['domain'], setError);
  });
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Add domain">
      <Stack gap="xs">
        <FormError title="Not added" message={errors.root?.message} />
        <Group align="flex-start" gap="xs">
          <TextInput
            label="Domain"
            placeholder="example.com"
            autoComplete="off"
            style={{ flex: 1, minWidth: 200 }}
            error={errors.domain?.message}
            {...register('domain')}
          />
          <Button type="submit" mt={25} loading={add.loading}>
            Add domain
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DomainRow({
  domain,
  editable,
  onRemove,
}: {
  domain: Domain;
  editable: boolean;
  onRemove: (domain: Domain) => void;
}) {
  const verify = useVerifyAccountDomain();
  const [error, setError] = useState<string | null>(null);
  const onVerify = async () => {
    setError(null);
    const result = await verify.call(domain.id);
    if (!result.ok) setError(result.error.message);
  };
  return (
    <Paper withBorder p="sm" component="article" aria-label={domain.domain}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <Text fw={500}>{domain.domain}</Text>
            {/* the dot variant keeps the word black: Mantine's green text on its tint is below AA */}
            <Badge
              variant="dot"
              color={domain.verified ? 'green' : 'gray'}
              tt="none"
              style={{
                backgroundColor: `var(--mantine-color-${domain.verified ? 'green' : 'gray'}-light)`,
              }}
            >
              {domain.verified
                ? `Verified${domain.verifiedBy === 'OPERATOR' ? ' by the operator' : ''}`
                : 'Not verified'}
            </Badge>
          </Group>
          {editable && (
            <Group gap="xs">
              {!domain.verified && (
                <Button
                  size="xs"
                  loading={verify.loading}
                  aria-label={`Verify ${domain.domain}`}
                  onClick={() => void onVerify()}
                >
                  Verify
                </Button>
              )}
              <Button
                size="xs"
                variant="light"
                color="red"
                aria-label={`Remove ${domain.domain}`}
                onClick={() => onRemove(domain)}
              >
                Remove
              </Button>
            </Group>
          )}
        </Group>
        {!domain.verified && (
          <Stack gap={4}>
            <Text size="sm">Publish this TXT record in the domain’s DNS:</Text>
            <CopyableValue label="Name" value={domain.recordName} />
            <CopyableValue label="Value" value={domain.recordValue} />
          </Stack>
        )}
        {error && (
          <Alert color="red" role="alert" title="Verification failed">
            {error}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/** Asks before removing a domain: its providers stop appearing for its emails. */
function RemoveDomainDialog({ domain, onClose }: { domain: Domain; onClose: () => void }) {
  const remove = useRemoveAccountDomain();
  const [error, setError] = useState<string | null>(null);
  const onRemove = async () => {
    setError(null);
    const result = await remove.call(domain);
    if (result.ok) onClose();
    else setError(result.error.message);
  };
  return (
    <Modal opened onClose={onClose} title={`Remove ${domain.domain}?`}>
      <Stack gap="sm">
        {error && (
          <Alert color="red" role="alert" title="Not removed">
            {error}
          </Alert>
        )}
        <Text>
          People typing an email of {domain.domain} on the sign-in page are no longer offered the
          account’s identity providers. Adding it again needs a new verification.
        </Text>
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={onClose} disabled={remove.loading} data-autofocus>
            Cancel
          </Button>
          <Button color="red" loading={remove.loading} onClick={() => void onRemove()}>
            Remove domain
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * The email domains the account proves it holds: owners add, verify and remove them;
 * administrators read them.
 */
export function DomainsCard({ editable }: { editable: boolean }) {
  const domainsQuery = useQuery(AccountDomainsDocument);
  const [removing, setRemoving] = useState<Domain | null>(null);
  const domains = domainsQuery.data?.accountDomains;

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="domains-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="domains-heading">
          Domains
        </Title>
        <Text size="sm">
          Prove the email domains of your users. Once a domain is verified, the identity providers
          that allow it are offered on the sign-in page to anyone typing an email of it; until then
          they appear only on the account’s own sign-in address.
        </Text>
        {!editable && (
          <Text size="sm" c="dimmed">
            Only the account owner can add, verify or remove domains.
          </Text>
        )}
        <QueryState
          query={domainsQuery}
          errorTitle="The domains could not be loaded"
          loadingLabel="Loading the domains"
          select={(data) => data.accountDomains}
        >
          {(domains) =>
            domains.length === 0 ? (
              <Text size="sm">No domain yet.</Text>
            ) : (
              <Stack gap="xs">
                {domains.map((domain) => (
                  <DomainRow
                    key={domain.id}
                    domain={domain}
                    editable={editable}
                    onRemove={setRemoving}
                  />
                ))}
              </Stack>
            )
          }
        </QueryState>
        {editable && domains && <AddDomainForm />}
      </Stack>
      {removing && <RemoveDomainDialog domain={removing} onClose={() => setRemoving(null)} />}
    </Paper>
  );
}
