/**
 * Private custom domains beyond the account's own: the ones other accounts share with it, and the
 * access associations that say which VPC endpoints may reach private domains. moto has neither
 * (it ignores resourceOwner and lacks the associations), so aws-sdk-client-mock answers.
 */
import {
  GetBasePathMappingsCommand,
  GetDomainNameAccessAssociationsCommand,
  GetDomainNamesCommand,
} from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, awsError, useMockAws } from '../helpers/mock-aws.js';

const aws = useMockAws();
const OWNER = '444455556666';
const shared = {
  domainName: 'api.internal.example',
  domainNameId: 'abc123',
  domainNameArn: `arn:aws:apigateway:eu-west-1:${OWNER}:/domainnames/api.internal.example+abc123`,
  endpointConfiguration: { types: ['PRIVATE' as const] },
};
const association = (owner: string, vpce: string) => ({
  domainNameAccessAssociationArn: `arn:aws:apigateway:eu-west-1:${owner}:/domainnameaccessassociations/domainname/api.internal.example+abc123/vpcesource/${vpce}`,
  domainNameArn: shared.domainNameArn,
  accessAssociationSourceType: 'VPCE' as const,
  accessAssociationSource: vpce,
});

describe('shared and private custom domains', () => {
  it('lists domains shared by other accounts after the own, and both sides of the associations', async () => {
    aws.m.apigateway
      .on(GetDomainNamesCommand, { resourceOwner: 'OTHER_ACCOUNTS' })
      .resolves({ items: [shared] });
    const mine = association(ACCOUNT, 'vpce-0aaa');
    aws.m.apigateway
      .on(GetDomainNameAccessAssociationsCommand, { resourceOwner: 'SELF' })
      .resolves({ items: [mine] })
      .on(GetDomainNameAccessAssociationsCommand, { resourceOwner: 'OTHER_ACCOUNTS' })
      .resolves({ items: [association(OWNER, 'vpce-0bbb'), mine] });

    const snap = await aws.scan(['eu-west-1']);
    const region = snap.accounts[0]!.regions[0]!;
    // Listed after the own domains, with no mappings: those are the owner's.
    expect(region.domainNames).toEqual([{ ...shared, basePathMappings: [] }]);
    expect(aws.m.apigateway.commandCalls(GetBasePathMappingsCommand)).toHaveLength(0);
    expect(region.domainNameAccessAssociations!.map((a) => a.accessAssociationSource)).toEqual([
      'vpce-0aaa',
      'vpce-0bbb',
    ]);
    expect(snap.stats!.calls['apigateway:GetDomainNameAccessAssociations']).toBe(2);
  });

  it('one side of the associations failing leaves the slice undefined, with its error', async () => {
    aws.m.apigateway
      .on(GetDomainNameAccessAssociationsCommand, { resourceOwner: 'OTHER_ACCOUNTS' })
      .rejects(awsError('AccessDeniedException'));
    const snap = await aws.scan(['eu-west-1']);
    expect(snap.accounts[0]!.regions[0]!.domainNameAccessAssociations).toBeUndefined();
    expect(snap.collectionErrors).toEqual([
      expect.objectContaining({
        slice: 'domainNameAccessAssociations',
        operation: 'GetDomainNameAccessAssociations',
        errorCode: 'AccessDeniedException',
      }),
    ]);
  });
});
