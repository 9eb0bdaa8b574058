import { useQuery } from '@tanstack/react-query';
import { useClient } from '../app/ClientContext';
import type { FormDefinition } from '../metamodel/generated/form';
import type { FormsQuery } from './generated';
import { FORMS } from './operations';

/** The published forms; refetched with the metadata after a publish (their key starts with `metadata`). */
export function useForms() {
  const client = useClient();
  return useQuery({
    queryKey: ['metadata', 'forms'],
    queryFn: ({ signal }) =>
      client.request<FormsQuery>(FORMS, undefined, signal).then((d) => d.definitions as FormDefinition[]),
  });
}

/** The form record pages of `entity` use: the one marked default (the server allows one per entity). */
export function defaultForm(forms: readonly FormDefinition[] | undefined, entity: string): FormDefinition | undefined {
  return forms?.find((f) => f.entity === entity && f.default === true);
}
