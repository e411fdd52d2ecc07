import { describe } from 'vitest';
import check from '../../checks/rest-execution-logging.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, restApi, restStage, snapshot } from '../helpers/snapshot.js';

const stageWith = (methodSettings: Record<string, { loggingLevel?: string }>) =>
  restStage({ stageName: 'prod', methodSettings });

describe('rest-execution-logging', () => {
  checkTable(check, [
    { name: 'no REST APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'an API with no stage: not applicable',
      snapshot: snapshot([region({ restApis: [restApi({ id: 'a1', name: 'orders' })] })]),
      expect: [],
    },
    {
      name: 'ERROR at */*: PASS',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              stages: [stageWith({ '*/*': { loggingLevel: 'ERROR' } })],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'PASS',
          evidence: { 'methodSettings["*/*"].loggingLevel': 'ERROR' },
        },
      ],
    },
    {
      name: 'INFO at */* and an override that raises nothing below it: PASS',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              stages: [
                stageWith({
                  '*/*': { loggingLevel: 'ERROR' },
                  '~1orders/POST': { loggingLevel: 'INFO' },
                }),
              ],
            }),
          ],
        }),
      ]),
      expect: [{ resource: 'orders/prod', status: 'PASS' }],
    },
    {
      name: 'no method settings at all: FAIL',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({ id: 'a1', name: 'orders', stages: [restStage({ stageName: 'prod' })] }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'FAIL',
          severity: 'medium',
          evidence: { 'methodSettings["*/*"].loggingLevel': null },
        },
      ],
    },
    {
      name: 'OFF at */*: FAIL',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              stages: [stageWith({ '*/*': { loggingLevel: 'OFF' } })],
            }),
          ],
        }),
      ]),
      expect: [{ resource: 'orders/prod', status: 'FAIL', message: 'OFF' }],
    },
    {
      name: 'a method override to OFF: FAIL naming the method',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              stages: [
                stageWith({
                  '*/*': { loggingLevel: 'INFO' },
                  '~1orders~1{id}/GET': { loggingLevel: 'OFF' },
                }),
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'FAIL',
          evidence: { methodsWithLoggingOff: ['GET /orders/{id}'] },
        },
      ],
    },
    {
      name: 'many APIs and stages across regions: one result each',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              stages: [
                stageWith({ '*/*': { loggingLevel: 'INFO' } }),
                restStage({ stageName: 'dev' }),
              ],
            }),
            restApi({
              id: 'a2',
              name: 'users',
              stages: [stageWith({ '*/*': { loggingLevel: 'ERROR' } })],
            }),
          ],
        }),
        region(
          { restApis: [restApi({ id: 'b1', name: 'billing', stages: [stageWith({})] })] },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'orders/prod', status: 'PASS' },
        { resource: 'orders/dev', status: 'FAIL' },
        { resource: 'users/prod', status: 'PASS' },
        { resource: 'billing/prod', status: 'FAIL' },
      ],
    },
    {
      name: 'stages that failed to collect: ERROR for that API, others still assessed',
      snapshot: snapshot(
        [
          region({
            restApis: [
              restApi({ id: 'a1', name: 'orders', stages: undefined }),
              restApi({
                id: 'a2',
                name: 'users',
                stages: [stageWith({ '*/*': { loggingLevel: 'ERROR' } })],
              }),
            ],
          }),
        ],
        [collectionError({ slice: 'restApi.stages', resourceId: 'a1' })],
      ),
      expect: [
        {
          resource: 'orders',
          status: 'ERROR',
          message: 'apigateway:GetStages failed (AccessDeniedException',
        },
        { resource: 'users/prod', status: 'PASS' },
      ],
    },
    {
      name: 'the REST API listing failed: ERROR for the region',
      snapshot: snapshot(
        [region({ restApis: undefined })],
        [collectionError({ slice: 'restApis', operation: 'GetRestApis' })],
      ),
      expect: [
        { resource: 'REST APIs in eu-west-1', status: 'ERROR', evidence: { missing: 'restApis' } },
      ],
    },
  ]);
});
