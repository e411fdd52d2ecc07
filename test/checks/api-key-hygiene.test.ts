import { describe } from 'vitest';
import check from '../../checks/api-key-hygiene.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, snapshot } from '../helpers/snapshot.js';

describe('api-key-hygiene', () => {
  checkTable(check, [
    { name: 'no API keys: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'an enabled key in a plan: PASS',
      snapshot: snapshot([
        region({
          apiKeys: [{ id: 'k1', name: 'partner-a', enabled: true }],
          usagePlans: [{ id: 'up1', name: 'gold', keyIds: ['k1'] }],
        }),
      ]),
      expect: [{ resource: 'partner-a', status: 'PASS', evidence: { usagePlans: ['gold'] } }],
    },
    {
      name: 'an enabled key in no plan (even with legacy stage keys): FAIL',
      snapshot: snapshot([
        region({
          apiKeys: [{ id: 'k1', name: 'old', enabled: true, stageKeys: ['a1/prod'] }],
          usagePlans: [{ id: 'up1', name: 'gold', keyIds: ['k2'] }],
        }),
      ]),
      expect: [
        {
          resource: 'old',
          status: 'FAIL',
          severity: 'low',
          evidence: { usagePlans: [], stageKeys: ['a1/prod'] },
        },
      ],
    },
    {
      name: 'disabled keys are not applicable',
      snapshot: snapshot([
        region({
          apiKeys: [
            { id: 'k1', name: 'off', enabled: false },
            { id: 'k2', name: 'unknown' },
          ],
        }),
      ]),
      expect: [],
    },
    {
      name: 'many keys across regions',
      snapshot: snapshot([
        region({
          apiKeys: [
            { id: 'k1', name: 'a', enabled: true },
            { id: 'k2', name: 'b', enabled: true },
          ],
          usagePlans: [{ id: 'up1', keyIds: ['k1'] }],
        }),
        region({ apiKeys: [{ id: 'k3', name: 'c', enabled: true }] }, 'us-east-1'),
      ]),
      expect: [
        { resource: 'a', status: 'PASS' },
        { resource: 'b', status: 'FAIL' },
        { resource: 'c', status: 'FAIL' },
      ],
    },
    {
      name: 'usage plans not collected, or a plan whose keys were not read: ERROR',
      snapshot: snapshot(
        [
          region({ apiKeys: [{ id: 'k1', name: 'a', enabled: true }], usagePlans: undefined }),
          region(
            {
              apiKeys: [
                { id: 'k2', name: 'b', enabled: true },
                { id: 'k3', name: 'c', enabled: true },
              ],
              usagePlans: [
                { id: 'up1', keyIds: undefined },
                { id: 'up2', keyIds: ['k3'] },
              ],
            },
            'us-east-1',
          ),
        ],
        [collectionError({ slice: 'usagePlans', operation: 'GetUsagePlans' })],
      ),
      expect: [
        { resource: 'a', status: 'ERROR', evidence: { missing: 'usagePlans' } },
        { resource: 'b', status: 'ERROR', evidence: { missing: 'usagePlans', resourceId: 'up1' } },
        { resource: 'c', status: 'PASS' },
      ],
    },
    {
      name: 'GetApiKeys failed: ERROR for the region',
      snapshot: snapshot(
        [region({ apiKeys: undefined })],
        [collectionError({ slice: 'apiKeys', operation: 'GetApiKeys' })],
      ),
      expect: [{ resource: 'API keys in eu-west-1', status: 'ERROR' }],
    },
  ]);
});
