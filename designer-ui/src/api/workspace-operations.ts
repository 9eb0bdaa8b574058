// The workspace's GraphQL operations for the pool, merges and the customer 360 page, kept apart from
// operations.ts so each part's operations merge cleanly; codegen reads both.

export const POOL_RECORDS = /* GraphQL */ `
  query PoolRecords($pool: String!, $first: Int, $after: ID) {
    poolRecords(pool: $pool, first: $first, after: $after) {
      id
      entity
      enteredAt
      previousOwner
      values
    }
  }
`;

export const CLAIM_RECORD = /* GraphQL */ `
  mutation ClaimRecord($pool: String!, $id: ID!) {
    claimRecord(pool: $pool, id: $id) {
      id
      ownerId
    }
  }
`;

export const RECYCLE_POOL = /* GraphQL */ `
  mutation RecyclePool($pool: String!) {
    recyclePool(pool: $pool)
  }
`;

export const RELEASE_RECORD = /* GraphQL */ `
  mutation ReleaseRecord($pool: String!, $id: ID!) {
    releaseRecord(pool: $pool, id: $id) {
      id
      ownerId
    }
  }
`;

const MERGE_RESULT = /* GraphQL */ `
  fragment MergeResultParts on MergeResult {
    mergeId
    survivorId
    mergedIds
    repointed
    undone
    keptFields
  }
`;

export const MERGE_RECORDS = /* GraphQL */ `
  mutation MergeRecords($entity: String!, $survivorId: ID!, $mergedIds: [ID!]!, $fields: [MergeFieldChoice!]) {
    mergeRecords(entity: $entity, survivorId: $survivorId, mergedIds: $mergedIds, fields: $fields) {
      ...MergeResultParts
    }
  }
  ${MERGE_RESULT}
`;

export const UNDO_MERGE = /* GraphQL */ `
  mutation UndoMerge($mergeId: ID!) {
    undoMerge(mergeId: $mergeId) {
      ...MergeResultParts
    }
  }
  ${MERGE_RESULT}
`;

export const MERGE_HISTORY = /* GraphQL */ `
  query MergeHistory($id: ID!) {
    mergeHistory(id: $id) {
      mergeId
      survivorId
      mergedIds
      mergedBy
      mergedAt
      undone
      undoneBy
      undoneAt
    }
  }
`;

export const RECORD_HISTORY = /* GraphQL */ `
  query RecordHistory($entity: String!, $id: ID!, $first: Int!) {
    recordHistory(entity: $entity, id: $id, first: $first) {
      entries {
        id
        operation
        version
        actor
        at
        path
        changes {
          field
          before
          after
        }
        ownerBefore
        ownerAfter
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const ASSIGNMENT_TRACE = /* GraphQL */ `
  query AssignmentTraceOf($id: ID!) {
    assignmentTrace(id: $id) {
      assignedAt
      rule
      entry
      strategy
      owner
      why
      target {
        type
        key
      }
    }
  }
`;

export const RUN_ASSIGNMENT = /* GraphQL */ `
  mutation RunAssignment($entity: String!, $ids: [ID!], $dryRun: Boolean) {
    runAssignment(entity: $entity, ids: $ids, dryRun: $dryRun) {
      id
      ownerBefore
      owner
      trace {
        rule
        entry
      }
    }
  }
`;
