import { describe, expect, it } from 'vitest';
import { GraphQLRequestError } from '../../api/graphql';
import { recordErrors } from './record-errors';

describe('recordErrors', () => {
  it('puts each validation problem at its field and rule failures on top', () => {
    const error = new GraphQLRequestError('graphql', '2 处问题', 200, [
      {
        message: '2 处问题',
        extensions: {
          code: 'VALIDATION_FAILED',
          problems: [
            { field: 'name', code: 'REQUIRED', message: '名称为必填项' },
            { field: null, code: 'RULE', rule: 'topicShort', message: '主题不能超过 20 个字' },
          ],
        },
      },
    ]);
    const found = recordErrors(error, ['name', 'topic']);
    expect(found.byField.get('name')).toEqual(['名称为必填项']);
    expect(found.general).toEqual(['主题不能超过 20 个字']);
  });

  it('uses extensions.field when there are no problems, and keeps other errors general', () => {
    const error = new GraphQLRequestError('graphql', 'x', 200, [
      { message: 'phone is taken', extensions: { code: 'VALIDATION_FAILED', field: 'phone' } },
      { message: 'Variable "$input" got invalid value', extensions: { classification: 'ValidationError' } },
    ]);
    const found = recordErrors(error, ['phone']);
    expect(found.byField.get('phone')).toEqual(['phone is taken']);
    expect(found.general).toEqual(['Variable "$input" got invalid value']);
  });

  it('treats a network failure as general, and no error as nothing', () => {
    expect(recordErrors(new GraphQLRequestError('network', 'Failed to fetch'), []).general).toEqual([
      'Failed to fetch',
    ]);
    expect(recordErrors(undefined, [])).toEqual({ byField: new Map(), general: [] });
  });
});
