import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { MyPermissionsQuery, RecordPermissionsQuery } from '../../api/generated';
import { METADATA_KEY, useMetadata, type Metadata } from '../../api/metadata';
import { MY_PERMISSIONS, RECORD_PERMISSIONS } from '../../api/operations';
import type { EntityDefinition } from '../../metamodel';
import { useClient } from '../ClientContext';
import { entityAccess, recordAccess, visibleMetadata, type EntityAccess, type MyPermissions } from './permission-model';

/** Under the metadata's key, so a publish or rollback (which may change roles) refreshes it too. */
export const PERMISSIONS_KEY = [...METADATA_KEY, 'myPermissions'] as const;

/** What the signed-in user may do (`myPermissions`); the cache is cleared at sign-out. */
export function usePermissions() {
  const client = useClient();
  return useQuery({
    queryKey: PERMISSIONS_KEY,
    queryFn: ({ signal }) =>
      client.request<MyPermissionsQuery>(MY_PERMISSIONS, undefined, signal).then((d): MyPermissions => {
        if (!d.myPermissions) throw new Error('myPermissions answered null');
        return d.myPermissions;
      }),
    staleTime: 60_000,
  });
}

/** The published metadata cut to what the user may read ({@link visibleMetadata}); pending until both are known. */
export function useVisibleMetadata(): {
  data: Metadata | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => void;
} {
  const metadata = useMetadata();
  const permissions = usePermissions();
  const data = useMemo(
    () => (metadata.data && permissions.data ? visibleMetadata(metadata.data, permissions.data) : undefined),
    [metadata.data, permissions.data],
  );
  return {
    data,
    isPending: metadata.isPending || permissions.isPending,
    isError: metadata.isError || permissions.isError,
    error: metadata.error ?? permissions.error,
    refetch: () => {
      void metadata.refetch();
      void permissions.refetch();
    },
  };
}

/** The user's rights on the entity (all false while unknown). */
export function useEntityAccess(entity: EntityDefinition | undefined): EntityAccess | undefined {
  const permissions = usePermissions();
  return useMemo(
    () => (entity && permissions.data ? entityAccess(permissions.data, entity) : undefined),
    [entity, permissions.data],
  );
}

/** The user's rights on one stored record (`recordPermissions`), the entity's while they load. */
export function useRecordAccess(entity: EntityDefinition, base: EntityAccess, id: string | undefined): EntityAccess {
  const client = useClient();
  const rights = useQuery({
    queryKey: ['record', entity.name, id, 'permissions'],
    enabled: Boolean(id),
    queryFn: ({ signal }) =>
      client
        .request<RecordPermissionsQuery>(RECORD_PERMISSIONS, { entity: entity.name, id }, signal)
        .then((d) => d.recordPermissions ?? undefined),
  });
  return useMemo(() => recordAccess(entity, base, rights.data), [entity, base, rights.data]);
}
