import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { paths } from '../../../session/paths';

/**
 * Where 2FA is optional and the profile has not turned it on (OPTIONAL_OFF), its home page asks
 * it to, whatever its user type (docs/design.md, The overview). A section, not an alert: nothing
 * went wrong, and a screen reader need not be interrupted.
 */
export function TwoFactorNudge() {
  return (
    <Paper
      p={{ base: 'md', sm: 'lg' }}
      radius="md"
      bg="var(--mantine-color-blue-light)"
      component="section"
      aria-labelledby="two-factor-nudge"
    >
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h4" id="two-factor-nudge">
          Protect your sign-in with two-factor authentication
        </Title>
        <Text size="sm">
          It is optional for you, and off. With it on, a stolen password is not enough to sign in as
          you: you also confirm with a code from your phone. It takes about a minute.
        </Text>
        {/* the label may wrap on a narrow phone rather than leave the box */}
        <Button
          component={Link}
          to={paths.twoFactorSetup}
          maw="100%"
          styles={{
            root: { height: 'auto', minHeight: 36, paddingBlock: 8 },
            inner: { height: 'auto' },
            label: { whiteSpace: 'normal', height: 'auto', lineHeight: 1.3 },
          }}
        >
          Set up two-factor authentication
        </Button>
      </Stack>
    </Paper>
  );
}
