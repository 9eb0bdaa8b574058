import { useQuery } from '@tanstack/react-query';
import { ROLES } from '../../api/admin-operations';
import type { RolesQuery } from '../../api/generated';
import { useClient } from '../../app/ClientContext';
import type { RoleDefinition } from '../../metamodel';

/** The published roles; refetched with the metadata after a publish. */
export function useRoles() {
  const client = useClient();
  return useQuery({
    queryKey: ['metadata', 'roles'],
    queryFn: ({ signal }) =>
      client.request<RolesQuery>(ROLES, undefined, signal).then((d) => (d.definitions ?? []) as RoleDefinition[]),
  });
}

/** The built-in role that grants everything (no definition exists for it). */
export const ADMIN_ROLE = 'admin';

/** The role editor's URL for a draft key, `published:<name>` or `new`. */
export const roleHref = (key: string) => `/admin/roles/${encodeURIComponent(key)}`;
