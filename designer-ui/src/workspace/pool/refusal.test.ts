import { describe, expect, it } from 'vitest';
import { GraphQLRequestError } from '../../api/graphql';
import { refusalOf } from './refusal';

describe('refusalOf', () => {
  it("reads the server's refusal and its message", () => {
    const error = new GraphQLRequestError('graphql', 'x', 200, [
      { message: '你今天已从“公海”领取 1 条客户记录，已达每日上限 1 条', extensions: { code: 'CLAIM_REFUSED' } },
    ]);
    expect(refusalOf(error)).toEqual({
      code: 'CLAIM_REFUSED',
      message: '你今天已从“公海”领取 1 条客户记录，已达每日上限 1 条',
    });
  });

  it('leaves outages and unknown failures to the error panel', () => {
    expect(refusalOf(new GraphQLRequestError('network', 'down'))).toBeUndefined();
    expect(
      refusalOf(new GraphQLRequestError('graphql', 'x', 200, [{ message: 'boom', extensions: { code: 'INTERNAL' } }])),
    ).toBeUndefined();
    expect(refusalOf(new Error('x'))).toBeUndefined();
  });
});
