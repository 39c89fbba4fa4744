import {
  Alert,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';

/** Shown once after the first enrollment: copy, download, print, and "I have saved them". */
export function BackupCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  const text = `Twofold backup codes — each works once\n\n${codes.join('\n')}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'twofold-backup-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Stack gap="md">
      <Title order={2}>Save your backup codes</Title>
      <Text>
        If you lose your second factor, each of these codes signs you in once. They are shown only
        now: keep them somewhere safe.
      </Text>
      <SimpleGrid cols={2} spacing="xs" aria-label="Backup codes">
        {codes.map((code) => (
          <Code key={code} fz="md" ta="center">
            {code}
          </Code>
        ))}
      </SimpleGrid>
      <Group gap="xs">
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button variant="light" onClick={copy}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
        <Button variant="light" onClick={download}>
          Download .txt
        </Button>
        <Button variant="light" onClick={() => window.print()}>
          Print
        </Button>
      </Group>
      <Checkbox
        label="I have saved them"
        checked={saved}
        onChange={(event) => setSaved(event.currentTarget.checked)}
      />
      {!saved && (
        <Alert color="yellow" variant="light">
          Confirm you saved the codes to continue.
        </Alert>
      )}
      <Button disabled={!saved} onClick={onDone}>
        Continue
      </Button>
    </Stack>
  );
}
