// The toasts' code, in a chunk of its own (see Toasts).
export { Notifications } from '@mantine/notifications';
