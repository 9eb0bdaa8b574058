// Sign-in, the user menu and the admin screens (users, roles, API keys): issue 11's identity API.
// The user records themselves are read and written with documents built from the `user` entity's
// metadata (record-documents.ts), so a field the server adds (e.g. `roles`) needs no change here.

const SESSION_PARTS = /* GraphQL */ `
  fragment SessionParts on AuthSession {
    accessToken
    refreshToken
    expiresIn
  }
`;

export const SIGN_IN = /* GraphQL */ `
  mutation SignIn($username: String!, $password: String!) {
    signIn(username: $username, password: $password) {
      ...SessionParts
    }
  }
  ${SESSION_PARTS}
`;

export const REFRESH_SESSION = /* GraphQL */ `
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      ...SessionParts
    }
  }
  ${SESSION_PARTS}
`;

export const SIGN_OUT = /* GraphQL */ `
  mutation SignOut {
    signOut
  }
`;

export const CHANGE_PASSWORD = /* GraphQL */ `
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      ...SessionParts
    }
  }
  ${SESSION_PARTS}
`;

export const SET_USER_PASSWORD = /* GraphQL */ `
  mutation SetUserPassword($username: String!, $password: String!) {
    setUserPassword(username: $username, password: $password)
  }
`;

const API_KEY_PARTS = /* GraphQL */ `
  fragment ApiKeyParts on ApiKey {
    id
    name
    role
    prefix
    createdBy
    createdAt
    lastUsedAt
    revokedAt
  }
`;

export const API_KEYS = /* GraphQL */ `
  query ApiKeys {
    apiKeys {
      ...ApiKeyParts
    }
  }
  ${API_KEY_PARTS}
`;

export const CREATE_API_KEY = /* GraphQL */ `
  mutation CreateApiKey($name: String!, $role: String!) {
    createApiKey(name: $name, role: $role) {
      key
      apiKey {
        ...ApiKeyParts
      }
    }
  }
  ${API_KEY_PARTS}
`;

export const REVOKE_API_KEY = /* GraphQL */ `
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id)
  }
`;

export const ROLES = /* GraphQL */ `
  query Roles {
    definitions(kind: "role")
  }
`;

export const NOTIFICATION_RECEIVED = /* GraphQL */ `
  subscription NotificationReceived {
    notificationReceived {
      id
    }
  }
`;
