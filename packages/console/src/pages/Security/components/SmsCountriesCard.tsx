import {
  Alert,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
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

/**
 * The countries whose phone numbers users may link for SMS codes. An empty list allows no
 * country. An account that allowed every country before a list was needed keeps "every country"
 * until the owner narrows it; it cannot be turned back on.
 */
export function SmsCountriesCard({
  countries,
  allowAll,
  editable,
}: {
  countries: readonly string[];
  allowAll: boolean;
  editable: boolean;
}) {
  const [value, setValue] = useState<string[]>([...countries]);
  const [everyCountry, setEveryCountry] = useState(allowAll);
  const [error, setError] = useState<string | null>(null);
  const save = useUpdateSmsCountries();
  const options = useMemo(() => regionOptions(), []);
  const dirty =
    everyCountry !== allowAll ||
    value.length !== countries.length ||
    value.some((c) => !countries.includes(c));

  const submit = async () => {
    setError(null);
    const result = await save.call(value, everyCountry);
    if (!result.ok) setError(result.error.fields[0]?.message ?? result.error.message);
  };

  return (
    <Paper
      withBorder
      p="lg"
      component="section"
      id="sms-countries"
      aria-labelledby="sms-countries-heading"
    >
      <Stack gap="sm">
        <Title order={2} size="h3" id="sms-countries-heading">
          SMS countries
        </Title>
        <Text size="sm">
          Users can link phone numbers of these countries to receive codes by text message.
          {!allowAll && countries.length === 0
            ? ' None is allowed yet, so nobody can set up SMS.'
            : ' Numbers already linked keep receiving sign-in codes when you remove their country.'}
        </Text>
        {allowAll && (
          <Alert color="blue" title="Every country, kept from before">
            Text messages could go to every country before a list had to be chosen, and users of
            this account relied on it. Untick it and choose countries to narrow it: once narrowed,
            every country cannot be turned back on.
          </Alert>
        )}
        {allowAll && (
          <Checkbox
            label="Every country (kept from before)"
            checked={everyCountry}
            onChange={(event) => setEveryCountry(event.currentTarget.checked)}
            disabled={!editable}
          />
        )}
        <MultiSelect
          label="Allowed countries"
          description={everyCountry ? 'Not in effect while every country is allowed.' : undefined}
          data={options}
          value={value}
          onChange={setValue}
          searchable
          clearable
          disabled={!editable || everyCountry}
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
