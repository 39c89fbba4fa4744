import { Button, Divider, Stack, Text } from '@mantine/core';
import type { SignInOptionsQuery } from '@twofold/shared/graphql';
import { useId } from 'react';

type SignInOption = SignInOptionsQuery['signInOptions'][number];

function OptionButton({ option, showAccount }: { option: SignInOption; showAccount: boolean }) {
  const accountId = useId();
  return (
    <Stack gap={2}>
      {/* a plain form POST: the server starts a sign-in only for a same-origin POST (a link on
          another site must not sign this browser in), then sends the browser on to the provider */}
      <form method="post" action={option.startPath}>
        <input type="hidden" name="provider" value={option.id} />
        <Button
          type="submit"
          variant="default"
          fullWidth
          aria-describedby={showAccount ? accountId : undefined}
        >
          Sign in with {option.displayName}
        </Button>
      </form>
      {showAccount && (
        <Text id={accountId} size="xs" c="dimmed" ta="center">
          {option.accountName}
        </Text>
      )}
    </Stack>
  );
}

/** "Sign in with <provider>" buttons under the password form; nothing when none is offered. */
export function SignInOptions({ options }: { options: readonly SignInOption[] }) {
  if (options.length === 0) return null;
  // the account name only tells options apart when they belong to different accounts
  const showAccount = new Set(options.map((option) => option.accountName)).size > 1;
  return (
    <Stack gap="sm" mt="md">
      <Divider label="or" labelPosition="center" />
      {options.map((option) => (
        <OptionButton key={option.id} option={option} showAccount={showAccount} />
      ))}
    </Stack>
  );
}
