/**
 * Accounts in moto: an Organization with member accounts and OUs, and clients that act inside a
 * member account (moto files resources under the account an AssumeRole session belongs to).
 */
import {
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  ListRootsCommand,
  MoveAccountCommand,
} from '@aws-sdk/client-organizations';
import { clientsInAccount } from '../../bench/moto.js';
import type { ClientFactory } from '../../src/collect/clients.js';
import type { MotoHandle } from './moto.js';

/** moto's default account, which creates the organization and so is its management account. */
export const MANAGEMENT = '123456789012';

export function clientsIn(moto: MotoHandle, accountId: string): Promise<ClientFactory> {
  return clientsInAccount(moto.endpoint, accountId, { maxAttempts: 2 });
}

export interface SeededOrg {
  rootId: string;
  ou(name: string): string;
  account(name: string): string;
}

/**
 * An organization from a tree: `{ Prod: { Web: ['web'] , accounts: ['payments'] } }` style is
 * overkill for the tests, so: a list of [account name, OU path below the root ('' = the root)].
 */
export async function seedOrg(
  moto: MotoHandle,
  accounts: Array<[name: string, ouPath: string]>,
): Promise<SeededOrg> {
  const org = moto.clients('us-east-1').organizations;
  await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
  const ous = new Map<string, string>([['', rootId]]);
  const ouOf = async (path: string): Promise<string> => {
    const hit = ous.get(path);
    if (hit) return hit;
    const cut = path.lastIndexOf('/');
    const parent = await ouOf(cut < 0 ? '' : path.slice(0, cut));
    const name = path.slice(cut + 1);
    const out = await org.send(
      new CreateOrganizationalUnitCommand({ ParentId: parent, Name: name }),
    );
    ous.set(path, out.OrganizationalUnit!.Id!);
    return out.OrganizationalUnit!.Id!;
  };
  const ids = new Map<string, string>();
  for (const [name, path] of accounts) {
    const out = await org.send(
      new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }),
    );
    const id = out.CreateAccountStatus!.AccountId!;
    ids.set(name, id);
    if (path) {
      await org.send(
        new MoveAccountCommand({
          AccountId: id,
          SourceParentId: rootId,
          DestinationParentId: await ouOf(path),
        }),
      );
    }
  }
  return {
    rootId,
    ou: (path) => ous.get(path)!,
    account: (name) => ids.get(name)!,
  };
}
