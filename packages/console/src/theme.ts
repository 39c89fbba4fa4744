import { Alert, createTheme, type CSSVariablesResolver } from '@mantine/core';
import classes from './theme.module.css';

export const theme = createTheme({
  primaryColor: 'indigo',
  // WCAG AA: white labels on filled buttons need the darker shade (indigo 6 is 4.0:1)
  primaryShade: 8,
  defaultRadius: 'md',
  components: {
    // a light alert's coloured title is below 4.5:1 on its tinted background: titles use the text
    // colour, the border and background still tell the kind
    Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-text)' } } }),
    // the close buttons are icons: screen readers need their names. Plain objects, not
    // `Modal.extend`: importing a component here would put it (and its popover code) in the
    // first page's JavaScript
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    // a titled notification's description is gray 6 (3.3:1 on white): the dimmed colour instead
    Notification: {
      defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } },
      styles: { description: { color: 'var(--mantine-color-dimmed)' } },
    },
    // every input (text, password, select, number, tags…) is an Input inside: 16 px text and
    // 44 px height on phones, once for all (theme.module.css)
    Input: { classNames: { wrapper: classes.inputWrapper } },
  },
});

/** Darker dimmed and error text than Mantine's defaults, so both reach 4.5:1 on white. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
    // labels of light buttons stay above 4.5:1 on their tint, hovered included
    '--mantine-color-indigo-light-color': 'var(--mantine-color-indigo-9)',
    '--mantine-primary-color-light-color': 'var(--mantine-color-indigo-9)',
    '--mantine-color-indigo-light-hover': 'var(--mantine-color-indigo-1)',
    '--mantine-primary-color-light-hover': 'var(--mantine-color-indigo-1)',
    '--mantine-color-red-light-color': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
