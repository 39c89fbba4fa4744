import { Box, VisuallyHidden } from '@mantine/core';

/**
 * A label that shows less of itself where a row of tabs or a table row must fit: `short` on phones
 * (below Mantine's `sm`), `wide` (by default `full`) above. `full` is always its accessible name,
 * and both visible forms are part of it, so a voice command naming what is seen still finds it.
 */
export function ShortLabel({
  full,
  wide = full,
  short,
}: {
  full: string;
  wide?: string;
  short: string;
}) {
  return (
    <>
      <Box component="span" visibleFrom="sm" aria-hidden>
        {wide}
      </Box>
      <Box component="span" hiddenFrom="sm" aria-hidden>
        {short}
      </Box>
      <VisuallyHidden>{full}</VisuallyHidden>
    </>
  );
}
