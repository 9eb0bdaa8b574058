/** The workspace's strings for the pool, merges and the customer 360 page; spread into MESSAGES. */
export const WORKSPACE_MESSAGES = {
  navPools: { 'zh-CN': '公海', en: 'Pools' },
  poolHeading: { 'zh-CN': '公海', en: 'Pool' },
  poolEmpty: { 'zh-CN': '公海里没有记录。', en: 'The pool is empty.' },
  enteredAt: { 'zh-CN': '进入时间', en: 'In the pool since' },
  previousOwner: { 'zh-CN': '原负责人', en: 'Previous owner' },
  claim: { 'zh-CN': '领取', en: 'Claim' },
  claimed: { 'zh-CN': '已领取，你现在是负责人', en: 'Claimed: you are the owner now' },
  release: { 'zh-CN': '退回公海', en: 'Give back' },
  released: { 'zh-CN': '已退回公海', en: 'Given back to the pool' },
  claimedHere: { 'zh-CN': '刚领取的记录', en: 'Records you just claimed' },
  rulePerDay: { 'zh-CN': '每人每天最多领取 {{count}} 条', en: 'At most {{count}} claims per person a day' },
  ruleHeld: { 'zh-CN': '每人最多持有 {{count}} 条', en: 'At most {{count}} records held per person' },
  ruleCooldown: {
    'zh-CN': '退回后 {{count}} 天内原负责人不能再领取',
    en: 'The previous owner waits {{count}} day(s) to claim again',
  },
} as const satisfies Record<string, Record<'zh-CN' | 'en', string>>;
