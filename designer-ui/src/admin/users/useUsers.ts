import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SET_USER_PASSWORD } from '../../api/admin-operations';
import type { SetUserPasswordMutation } from '../../api/generated';
import { useMetadata, type EntityApi } from '../../api/metadata';
import { useClient } from '../../app/ClientContext';
import type { EntityDefinition } from '../../metamodel';
import { createDocument, listDocument, updateDocument } from '../../workspace/record-documents';
import { adminFields, type UserRow } from './user-admin';

export const USERS_KEY = ['admin', 'users'] as const;

/** The built-in `user` entity and its API names from the published metadata. */
export function useUserEntity(): { user?: EntityDefinition; api?: EntityApi; error: unknown; loading: boolean } {
  const metadata = useMetadata();
  const user = metadata.data?.entities.find((e) => e.name === 'user');
  return { user, api: metadata.data?.apis.get('user'), error: metadata.error, loading: metadata.isPending };
}

/** The most users one page shows (the server's page limit). */
export const USERS_PAGE = 100;

/**
 * The first {@link USERS_PAGE} users by username whose username contains `search`, with how many
 * match, read with a document built from the entity's metadata.
 */
export function useUsers(user: EntityDefinition | undefined, api: EntityApi | undefined, search: string) {
  const client = useClient();
  const term = search.trim();
  return useQuery({
    queryKey: [...USERS_KEY, api?.list, term],
    enabled: Boolean(user && api),
    queryFn: ({ signal }) =>
      client
        .request<{ rows: { totalCount: number; nodes: UserRow[] } | null }>(
          listDocument(api!, adminFields(user!)),
          {
            first: USERS_PAGE,
            orderBy: [{ username: 'ASC' }],
            ...(term ? { filter: { username: { contains: term } } } : {}),
          },
          signal,
        )
        .then((d) => ({ total: d.rows?.totalCount ?? 0, rows: d.rows?.nodes ?? [] })),
  });
}

/** The user record was saved but its password was refused (e.g. too short): the next save updates it. */
export class PasswordNotSet extends Error {
  constructor(
    readonly saved: { id: string; version: number },
    readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'PasswordNotSet';
  }
}

/** Creates a user (and sets the password when one is given) or updates one; answers the saved record's id and version. */
export function useSaveUser(api: EntityApi | undefined) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (v: {
      input: Record<string, unknown>;
      row?: { id: string; version: number };
      password?: string;
      username: string;
    }) => {
      const { record } = v.row
        ? await client.request<{ record: { id: string; version: number } }>(updateDocument(api!), {
            id: v.row.id,
            version: v.row.version,
            patch: v.input,
          })
        : await client.request<{ record: { id: string; version: number } }>(createDocument(api!), { input: v.input });
      if (v.password) {
        try {
          await client.request<SetUserPasswordMutation>(SET_USER_PASSWORD, {
            username: v.username,
            password: v.password,
          });
        } catch (cause) {
          throw new PasswordNotSet(record, cause);
        }
      }
      return record;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

/** Administrators: sets a user's password (the user's sessions end). */
export function useSetPassword() {
  const client = useClient();
  return useMutation({
    mutationFn: (v: { username: string; password: string }) =>
      client.request<SetUserPasswordMutation>(SET_USER_PASSWORD, v),
  });
}
