import { Button, type ButtonProps } from '@mantine/core';
import { useSignOut } from '../session/useSignOut';

export function SignOutButton(props: ButtonProps) {
  const { signOut, loading } = useSignOut();
  return (
    <Button variant="default" loading={loading} onClick={() => void signOut()} {...props}>
      Sign out
    </Button>
  );
}
