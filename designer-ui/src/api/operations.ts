// The designer's GraphQL operations. `npm run codegen` checks them against src/api/schema.graphql
// and writes their result and variable types to src/api/generated.ts.

const DRAFT_PARTS = /* GraphQL */ `
  fragment DraftParts on MetadataDraft {
    key
    kind
    name
    definition
    baseVersion
    revision
    updatedAt
    updatedBy
  }
`;

const PUBLISH_PARTS = /* GraphQL */ `
  fragment PublishParts on PublishResult {
    version
    applied
    changes
    problems {
      code
      path
      message
      line
      column
    }
  }
`;

export const METADATA = /* GraphQL */ `
  query Metadata {
    metadataVersion
    definitions(kind: "entity")
    entityApis {
      entity
      typeName
      single
      list
      deletedList
      aggregate
      create
      createMany
      importMany
      update
      delete
      restore
      related {
        entity
        field
        connection
      }
    }
  }
`;

export const DRAFTS = /* GraphQL */ `
  query Drafts {
    metadataDrafts {
      ...DraftParts
    }
  }
  ${DRAFT_PARTS}
`;

export const SAVE_DRAFT = /* GraphQL */ `
  mutation SaveDraft($definition: JSON!, $replaces: String, $revision: Int) {
    saveMetadataDraft(definition: $definition, replaces: $replaces, revision: $revision) {
      ...DraftParts
    }
  }
  ${DRAFT_PARTS}
`;

export const DISCARD_DRAFT = /* GraphQL */ `
  mutation DiscardDraft($key: String!) {
    discardMetadataDraft(key: $key)
  }
`;

export const PUBLISH_DRAFTS = /* GraphQL */ `
  mutation PublishDrafts($dryRun: Boolean) {
    publishMetadataDrafts(dryRun: $dryRun) {
      ...PublishParts
    }
  }
  ${PUBLISH_PARTS}
`;

export const VERSIONS = /* GraphQL */ `
  query Versions {
    metadataVersion
    metadataVersions {
      version
      publishedAt
      publishedBy
      restoredFrom
      summary
    }
  }
`;

export const RESTORE_VERSION = /* GraphQL */ `
  mutation RestoreVersion($version: Int!) {
    restoreMetadataVersion(version: $version) {
      ...PublishParts
    }
  }
  ${PUBLISH_PARTS}
`;

export const EXPRESSION_FUNCTIONS = /* GraphQL */ `
  query ExpressionFunctions {
    expressionFunctions {
      name
      usage
      description
      clock
    }
  }
`;

export const VERSION_DEFINITIONS = /* GraphQL */ `
  query VersionDefinitions($version: Int!) {
    metadataVersionDefinitions(version: $version)
  }
`;

export const DUPLICATE_CANDIDATES = /* GraphQL */ `
  query DuplicateCandidates($entity: String!, $data: JSON!, $id: ID) {
    duplicateCandidates(entity: $entity, data: $data, id: $id) {
      rule
      action
      id
      score
      matched
    }
  }
`;

const VIEW_PARTS = /* GraphQL */ `
  fragment ViewParts on SavedView {
    id
    name
    shared
    settings
    createdBy
  }
`;

export const SAVED_VIEWS = /* GraphQL */ `
  query SavedViews($entity: String!) {
    savedViews(entity: $entity) {
      ...ViewParts
    }
  }
  ${VIEW_PARTS}
`;

export const SAVE_VIEW = /* GraphQL */ `
  mutation SaveView($entity: String!, $name: String!, $shared: Boolean, $settings: JSON!) {
    saveView(entity: $entity, name: $name, shared: $shared, settings: $settings) {
      ...ViewParts
    }
  }
  ${VIEW_PARTS}
`;

export const DELETE_VIEW = /* GraphQL */ `
  mutation DeleteView($id: ID!) {
    deleteView(id: $id)
  }
`;

export const NOTIFICATIONS = /* GraphQL */ `
  query Notifications($unreadOnly: Boolean) {
    notifications(unreadOnly: $unreadOnly) {
      id
      kind
      title
      body
      entity
      recordId
      read
      createdAt
    }
  }
`;

export const MARK_READ = /* GraphQL */ `
  mutation MarkRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids)
  }
`;

export const MATCHING_RULES = /* GraphQL */ `
  query MatchingRules {
    definitions(kind: "matchingRule")
  }
`;

export const FORMS = /* GraphQL */ `
  query Forms {
    definitions(kind: "form")
  }
`;

const FIELD_PERMISSION_PARTS = /* GraphQL */ `
  fragment FieldPermissionParts on FieldPermission {
    field
    read
    write
  }
`;

export const MY_PERMISSIONS = /* GraphQL */ `
  query MyPermissions {
    myPermissions {
      user
      admin
      capabilities
      entities {
        entity
        create
        read
        update
        delete
        fields {
          ...FieldPermissionParts
        }
      }
    }
  }
  ${FIELD_PERMISSION_PARTS}
`;

export const RECORD_PERMISSIONS = /* GraphQL */ `
  query RecordPermissions($entity: String!, $id: ID!) {
    recordPermissions(entity: $entity, id: $id) {
      read
      update
      delete
      fields {
        ...FieldPermissionParts
      }
    }
  }
  ${FIELD_PERMISSION_PARTS}
`;
