import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { ApiError } from './api-error';

/**
 * Shows a refused submission on the form: each per-field message under its input (the server
 * names fields by their path in the mutation, `input.email`), the rest in the form's root alert —
 * no alert when every message found its input.
 */
export function showServerErrors<T extends FieldValues>(
  error: ApiError,
  fields: readonly string[],
  setError: UseFormSetError<T>,
): void {
  const unplaced = error.fields.filter((fieldError) => {
    const field = fieldError.field.replace(/^input\./, '');
    if (!fields.includes(field)) return true;
    setError(field as Path<T>, { message: fieldError.message });
    return false;
  });
  if (unplaced.length === 0 && error.fields.length > 0) return;
  setError('root', {
    message: [error.message, ...unplaced.map((f) => `${f.field}: ${f.message}`)].join(' '),
  });
}
