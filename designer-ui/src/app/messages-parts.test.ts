import { describe, expect, it } from 'vitest';
import { MESSAGES } from './messages';
import { ADMIN_MESSAGES } from './messages-admin';
import { RULE_MESSAGES } from './messages-rules';
import { WORKSPACE_MESSAGES } from './messages-workspace';

describe('message tables spread into MESSAGES', () => {
  it('keep their own keys (none is overridden by another table)', () => {
    for (const part of [RULE_MESSAGES, WORKSPACE_MESSAGES, ADMIN_MESSAGES]) {
      for (const [key, text] of Object.entries(part)) {
        expect(MESSAGES[key as keyof typeof MESSAGES], key).toBe(text);
      }
    }
  });
});
