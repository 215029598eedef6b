import {
  accountRule,
  addressRules,
  clientRules,
  exceededRule,
  globalRule,
  type ActionLimits,
} from './rate-limit-policy';

const limits: ActionLimits = { perIp: 3, perSubnet: 10, perAccount: 2, global: 100 };

describe('rate-limit rules', () => {
  it('counts a request against its address, its subnet and one shard of the global limit', () => {
    expect(clientRules('redeem', limits, '203.0.113.9', 2, 8)).toEqual([
      { key: 'redeem:ip:203.0.113.9', limit: 3 },
      { key: 'redeem:subnet:203.0.113.0/24', limit: 10 },
      { key: 'redeem:global:2', limit: 13 },
    ]);
  });

  it('keeps the global limit apart from the address rules, for actions that count it only on dead values', () => {
    expect(addressRules('redeem', limits, '203.0.113.9').map((rule) => rule.key)).toEqual([
      'redeem:ip:203.0.113.9',
      'redeem:subnet:203.0.113.0/24',
    ]);
    expect(globalRule('redeem', limits, 5, 8)).toEqual({ key: 'redeem:global:5', limit: 13 });
    expect(globalRule('redeem', limits, 0, 1).key).not.toBe(accountRule('redeem', limits, 'global:0').key);
  });

  it('keeps the counters of different actions apart', () => {
    const keys = (action: 'redeem' | 'step_up') =>
      clientRules(action, limits, '203.0.113.9', 0, 1).map((rule) => rule.key);
    expect(keys('redeem')).not.toEqual(expect.arrayContaining(keys('step_up')));
  });

  it('reports the first rule whose counter went past its limit, not one that reached it', () => {
    const rules = clientRules('redeem', limits, '203.0.113.9', 0, 1);
    const hits = (ip: number, subnet: number) =>
      new Map([
        ['redeem:ip:203.0.113.9', ip],
        ['redeem:subnet:203.0.113.0/24', subnet],
        ['redeem:global:0', 1],
      ]);
    expect(exceededRule(rules, hits(3, 10))).toBeUndefined();
    expect(exceededRule(rules, hits(4, 4))?.key).toBe('redeem:ip:203.0.113.9');
    expect(exceededRule(rules, hits(1, 11))?.key).toBe('redeem:subnet:203.0.113.0/24');
  });

  it('limits an account once a request resolves to one', () => {
    expect(accountRule('redeem', limits, 'legacy-1')).toEqual({ key: 'redeem:account:legacy-1', limit: 2 });
  });
});
