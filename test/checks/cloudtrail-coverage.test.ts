import { describe } from 'vitest';
import check from '../../checks/cloudtrail-coverage.js';
import { checkTable } from '../helpers/check-table.js';
import { ACCOUNT, collectionError, region, restApi, snapshot, v2Api } from '../helpers/snapshot.js';
import type { TrailSnapshot } from '../../src/snapshot/types.js';

const ALL_MGMT = { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] };
const trail = (parts: Partial<TrailSnapshot> = {}): TrailSnapshot => ({
  Name: 'org-trail',
  TrailARN: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-trail`,
  HomeRegion: 'us-east-1',
  IsMultiRegionTrail: true,
  status: { IsLogging: true },
  eventSelectors: ALL_MGMT,
  ...parts,
});
const withApi = { restApis: [restApi({ id: 'a1', name: 'orders' })] };
const R = `${ACCOUNT}/eu-west-1`;

describe('cloudtrail-coverage', () => {
  checkTable(check, [
    { name: 'a region with no API: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'a logging multi-region trail with all management events: PASS',
      snapshot: snapshot([region({ ...withApi, trails: [trail()] })]),
      expect: [
        {
          resource: R,
          status: 'PASS',
          evidence: { apis: 1 },
        },
      ],
    },
    {
      name: 'single-region trail homed here, WriteOnly: PASS',
      snapshot: snapshot([
        region({
          ...withApi,
          trails: [
            trail({
              IsMultiRegionTrail: false,
              HomeRegion: 'eu-west-1',
              eventSelectors: {
                EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }],
              },
            }),
          ],
        }),
      ]),
      expect: [{ resource: R, status: 'PASS' }],
    },
    {
      name: 'advanced selectors on Management (organization trail, v2 API only): PASS',
      snapshot: snapshot([
        region({
          v2Apis: [v2Api({ ApiId: 'web' })],
          trails: [
            trail({
              IsOrganizationTrail: true,
              eventSelectors: {
                AdvancedEventSelectors: [
                  {
                    Name: 'mgmt',
                    FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }],
                  },
                ],
              },
            }),
          ],
        }),
      ]),
      expect: [{ resource: R, status: 'PASS' }],
    },
    {
      name: 'no trail at all: FAIL',
      snapshot: snapshot([region({ ...withApi, trails: [] })]),
      expect: [{ resource: R, status: 'FAIL', severity: 'medium', evidence: { trails: [] } }],
    },
    {
      name: 'trails that do not qualify: stopped, other region, read-only, data events only: FAIL',
      snapshot: snapshot([
        region({
          ...withApi,
          trails: [
            trail({ Name: 'stopped', status: { IsLogging: false } }),
            trail({ Name: 'elsewhere', IsMultiRegionTrail: false, HomeRegion: 'us-east-1' }),
            trail({
              Name: 'reads',
              eventSelectors: {
                EventSelectors: [{ ReadWriteType: 'ReadOnly', IncludeManagementEvents: true }],
              },
            }),
            trail({
              Name: 'data',
              eventSelectors: {
                EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: false }],
              },
            }),
            trail({
              Name: 'adv-read',
              eventSelectors: {
                AdvancedEventSelectors: [
                  {
                    FieldSelectors: [
                      { Field: 'eventCategory', Equals: ['Management'] },
                      { Field: 'readOnly', Equals: ['true'] },
                    ],
                  },
                ],
              },
            }),
          ],
        }),
      ]),
      expect: [{ resource: R, status: 'FAIL' }],
    },
    {
      name: 'one covering trail proves coverage even when another trail lacks status',
      snapshot: snapshot([
        region({ ...withApi, trails: [trail({ Name: 'x', status: undefined }), trail()] }),
      ]),
      expect: [{ resource: R, status: 'PASS' }],
    },
    {
      name: 'a candidate trail whose status was not collected: ERROR',
      snapshot: snapshot(
        [region({ ...withApi, trails: [trail({ status: undefined })] })],
        [
          collectionError({
            slice: 'trail.status',
            service: 'cloudtrail',
            operation: 'GetTrailStatus',
            resourceId: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-trail`,
          }),
        ],
      ),
      expect: [{ resource: R, status: 'ERROR', evidence: { missing: 'trail.status' } }],
    },
    {
      name: 'a candidate trail whose selectors were not collected: ERROR',
      snapshot: snapshot([region({ ...withApi, trails: [trail({ eventSelectors: undefined })] })]),
      expect: [{ resource: R, status: 'ERROR', evidence: { missing: 'trail.eventSelectors' } }],
    },
    {
      name: 'a stopped trail is not a candidate even without selectors: FAIL',
      snapshot: snapshot([
        region({
          ...withApi,
          trails: [trail({ status: { IsLogging: false }, eventSelectors: undefined })],
        }),
      ]),
      expect: [{ resource: R, status: 'FAIL' }],
    },
    {
      name: 'many regions: one result per region holding an API',
      snapshot: snapshot([
        region({ ...withApi, trails: [trail()] }),
        region({ ...withApi, trails: [] }, 'us-east-1'),
        region({ trails: [] }, 'eu-central-1'),
      ]),
      expect: [
        { resource: R, status: 'PASS' },
        { resource: `${ACCOUNT}/us-east-1`, status: 'FAIL' },
      ],
    },
    {
      name: 'DescribeTrails failed: ERROR',
      snapshot: snapshot(
        [region({ ...withApi, trails: undefined })],
        [collectionError({ slice: 'trails', service: 'cloudtrail', operation: 'DescribeTrails' })],
      ),
      expect: [{ resource: R, status: 'ERROR', evidence: { missing: 'trails' } }],
    },
    {
      name: 'the API listings failed and no API is known: ERROR',
      snapshot: snapshot(
        [region({ restApis: [], v2Apis: undefined, trails: [] })],
        [collectionError({ slice: 'v2Apis', service: 'apigatewayv2', operation: 'GetApis' })],
      ),
      expect: [{ resource: R, status: 'ERROR', evidence: { missing: 'v2Apis' } }],
    },
  ]);
});
