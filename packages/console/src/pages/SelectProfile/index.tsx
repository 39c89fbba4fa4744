import { Alert, Badge, Container, Group, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { PageLoader } from '../../components/PageLoader';
import { SignOutButton } from '../../components/SignOutButton';
import { userTypeLabels } from '../../lib/labels';
import { useSession } from '../../session/useSession';
import { useSelectProfile } from './useSelectProfile';
import classes from './SelectProfile.module.css';

export function SelectProfilePage() {
  const { data } = useSession();
  const { call: selectProfile, loading } = useSelectProfile();
  const [choice, setChoice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const profiles = data?.session?.profiles;
  if (!profiles) return <PageLoader />;

  const choose = async (userId: string) => {
    setChoice(userId);
    setError(null);
    const result = await selectProfile(userId);
    if (!result.ok) setError(result.error.message);
    setChoice(null);
  };

  return (
    <Container size={520} py="xl">
      <Stack gap="md">
        <div>
          <Title order={1}>Choose a profile</Title>
          <Text c="dimmed" size="sm">
            Your login belongs to several accounts or roles. Which one do you want to use now?
          </Text>
        </div>
        {error && (
          <Alert color="red" role="alert" title="Could not open this profile">
            {error}
          </Alert>
        )}
        <Stack gap="xs" component="ul" className={classes.list}>
          {profiles.map((profile) => (
            <li key={profile.userId}>
              <UnstyledButton
                className={classes.profile}
                disabled={loading}
                aria-busy={choice === profile.userId}
                onClick={() => void choose(profile.userId)}
              >
                <Group justify="space-between" wrap="nowrap">
                  <div>
                    <Text fw={600}>{profile.accountName}</Text>
                    <Text size="sm">{profile.displayName}</Text>
                  </div>
                  <Badge variant="light">{userTypeLabels[profile.userType]}</Badge>
                </Group>
              </UnstyledButton>
            </li>
          ))}
        </Stack>
        <Group justify="flex-end">
          <SignOutButton />
        </Group>
      </Stack>
    </Container>
  );
}
