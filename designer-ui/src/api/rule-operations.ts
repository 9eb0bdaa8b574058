// The rule designers' GraphQL operations (assignment rules, pools, matching-rule previews), kept apart
// from operations.ts so each designer's operations merge cleanly; codegen reads both.

const PROBLEM_PARTS = /* GraphQL */ `
  fragment PreviewProblem on Problem {
    code
    path
    message
    line
    column
  }
`;

export const ASSIGNMENT_RULES = /* GraphQL */ `
  query AssignmentRules {
    definitions(kind: "assignmentRule")
  }
`;

export const POOLS = /* GraphQL */ `
  query Pools {
    definitions(kind: "pool")
  }
`;

export const DIRECTORY = /* GraphQL */ `
  query Directory {
    users(first: 100) {
      nodes {
        username
        name
        status
      }
    }
    teams(first: 100) {
      nodes {
        code
        name
      }
    }
  }
`;

export const ASSIGNMENT_PREVIEW = /* GraphQL */ `
  query AssignmentPreview($rule: JSON!, $limit: Int) {
    assignmentPreview(rule: $rule, limit: $limit) {
      problems {
        ...PreviewProblem
      }
      outcomes {
        id
        ownerBefore
        owner
        values
        trace {
          entry
          strategy
          why
          target {
            type
            key
          }
        }
      }
    }
  }
  ${PROBLEM_PARTS}
`;

export const MATCHING_PREVIEW = /* GraphQL */ `
  query MatchingPreview($rule: JSON!, $limit: Int) {
    matchingPreview(rule: $rule, limit: $limit) {
      problems {
        ...PreviewProblem
      }
      flagged {
        id
        values
        duplicateOfId
        duplicateOfValues
        score
        matched
      }
    }
  }
  ${PROBLEM_PARTS}
`;
