import { describe } from 'vitest';
import check from '../../checks/usage-plan-limits.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, snapshot } from '../helpers/snapshot.js';

describe('usage-plan-limits', () => {
  checkTable(check, [
    { name: 'no usage plans: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'throttle and quota: PASS',
      snapshot: snapshot([
        region({
          usagePlans: [
            {
              id: 'up1',
              name: 'gold',
              throttle: { rateLimit: 100, burstLimit: 200 },
              quota: { limit: 10000, period: 'DAY', offset: 0 },
            },
          ],
        }),
      ]),
      expect: [
        {
          resource: 'gold',
          status: 'PASS',
          evidence: {
            throttle: { rateLimit: 100, burstLimit: 200 },
            quota: { limit: 10000, period: 'DAY', offset: 0 },
          },
        },
      ],
    },
    {
      name: 'no throttle, no quota, or neither (empty objects as moto returns them): FAIL',
      snapshot: snapshot([
        region({
          usagePlans: [
            { id: 'up1', name: 'no-throttle', quota: { limit: 10, period: 'DAY' } },
            { id: 'up2', name: 'no-quota', throttle: { rateLimit: 10 } },
            { id: 'up3', name: 'nothing', throttle: {}, quota: {} },
          ],
        }),
      ]),
      expect: [
        {
          resource: 'no-throttle',
          status: 'FAIL',
          severity: 'low',
          message: 'no throttle',
          evidence: { throttle: null },
        },
        { resource: 'no-quota', status: 'FAIL', message: 'no quota', evidence: { quota: null } },
        { resource: 'nothing', status: 'FAIL', message: 'no throttle and no quota' },
      ],
    },
    {
      name: 'many plans across regions',
      snapshot: snapshot([
        region({
          usagePlans: [
            {
              id: 'up1',
              name: 'gold',
              throttle: { burstLimit: 5 },
              quota: { limit: 1, period: 'MONTH' },
            },
          ],
        }),
        region({ usagePlans: [{ id: 'up9', name: 'free' }] }, 'us-east-1'),
      ]),
      expect: [
        { resource: 'gold', status: 'PASS' },
        { resource: 'free', status: 'FAIL' },
      ],
    },
    {
      name: 'GetUsagePlans failed: ERROR for the region',
      snapshot: snapshot(
        [region({ usagePlans: undefined })],
        [collectionError({ slice: 'usagePlans', operation: 'GetUsagePlans' })],
      ),
      expect: [
        {
          resource: 'usage plans in eu-west-1',
          status: 'ERROR',
          evidence: { missing: 'usagePlans' },
        },
      ],
    },
  ]);
});
