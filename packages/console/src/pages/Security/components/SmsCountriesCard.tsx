import { Button, Group, MultiSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { useUpdateSmsCountries } from '../useSecurity';

/** Every ISO 3166-1 alpha-2 region the browser can name, as "Belgium (BE)". */
function regionOptions(): { value: string; label: string }[] {
  const names = new Intl.DisplayNames(undefined, { type: 'region' });
  const options: { value: string; label: string }[] = [];
  for (let a = 65; a <= 90; a += 1) {
    for (let b = 65; b <= 90; b += 1) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (name && name !== code) options.push({ value: code, label: `${name} (${code})` });
    }
  }
  return options.sort((x, y) => x.label.localeCompare(y.label));
}

/** The countries whose phone numbers users may register for SMS codes (DESIGN §6). */
export function SmsCountriesCard({
  countries,
  editable,
}: {
  countries: readonly string[];
  editable: boolean;
}) {
  const [value, setValue] = useState<string[]>([...countries]);
  const [error, setError] = useState<string | null>(null);
  const save = useUpdateSmsCountries();
  const options = useMemo(regionOptions, []);
  const dirty = value.length !== countries.length || value.some((c) => !countries.includes(c));

  const submit = async () => {
    setError(null);
    const result = await save.call(value);
    if (!result.ok) {
      setError(result.error.fields[0]?.message ?? result.error.message);
      return;
    }
    notifications.show({ color: 'green', message: 'The SMS countries are saved.' });
  };

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="sms-countries-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="sms-countries-heading">
          SMS countries
        </Title>
        <Text size="sm">
          Users can receive codes by text message only at phone numbers of these countries.
          {countries.length === 0 ? ' None is allowed yet, so nobody can set up SMS.' : ''}
        </Text>
        <MultiSelect
          label="Allowed countries"
          data={options}
          value={value}
          onChange={setValue}
          searchable
          clearable
          disabled={!editable}
          nothingFoundMessage="No country by that name"
          error={error}
          maw={560}
        />
        {editable && (
          <Group>
            <Button onClick={() => void submit()} disabled={!dirty} loading={save.loading}>
              Save countries
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
