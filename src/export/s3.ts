/**
 * An evidence bundle under an S3 prefix. Writing evidence is the one thing besides
 * `export security-hub` that writes to AWS, and only when --evidence names an s3:// URL.
 */
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { CredentialsError, InputFileError, UsageError } from '../errors.js';
import { hashedChunks } from '../evidence/hash.js';
import type { BundleStore } from '../evidence/store.js';
import { writeChunks } from '../report-io/write-chunks.js';
import { sanitizeForTerminal } from '../util/terminal.js';

export interface S3Location {
  bucket: string;
  /** Without a trailing slash; '' for the bucket's root. */
  prefix: string;
}

export function parseS3Url(url: string): S3Location {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!m) throw new UsageError(`"${sanitizeForTerminal(url)}" is not an s3://bucket/prefix URL`);
  return { bucket: m[1]!, prefix: (m[2] ?? '').replace(/\/+$/, '') };
}

export interface S3StoreOptions {
  region?: string;
  endpointUrl?: string;
  credentials?: AwsCredentialIdentityProvider;
}

function describe(err: unknown): string {
  const e = err as { name?: string; message?: string };
  // The message comes from AWS (or whatever answers at the endpoint): no escape sequences.
  return sanitizeForTerminal(`${e.name ?? 'Error'}: ${e.message ?? String(err)}`);
}

function awsFailure(what: string, err: unknown): never {
  const name = (err as { name?: string }).name ?? '';
  if (/Credential|ExpiredToken|InvalidAccessKeyId|SignatureDoesNotMatch/.test(name)) {
    throw new CredentialsError(`${what}: ${describe(err)}`);
  }
  throw new InputFileError(`${what}: ${describe(err)}`);
}

export function s3Store(url: string, opts: S3StoreOptions = {}): BundleStore {
  const { bucket, prefix } = parseS3Url(url);
  const client = new S3Client({
    region: opts.region ?? 'us-east-1',
    // The bucket's region is not known in advance: follow S3's redirect to it.
    followRegionRedirects: true,
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    // Emulators (moto) serve buckets by path, not by virtual host.
    ...(opts.endpointUrl ? { endpoint: opts.endpointUrl, forcePathStyle: true } : {}),
  });
  const key = (name: string) => (prefix ? `${prefix}/${name}` : name);
  const location = `s3://${bucket}${prefix ? `/${prefix}` : ''}`;
  const store: BundleStore = {
    location,
    async write(name, content) {
      try {
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: key(name), Body: content }));
      } catch (err) {
        awsFailure(`${location}/${name}: cannot write`, err);
      }
    },
    async writeChunks(name, chunks) {
      // S3 needs the length of a streamed body up front: the pieces go to a local file first.
      const dir = mkdtempSync(join(tmpdir(), 'apigw-audit-upload-'));
      try {
        const file = join(dir, 'object');
        const hashed = hashedChunks(chunks);
        writeChunks(file, hashed.chunks);
        const result = hashed.result();
        try {
          await client.send(
            new PutObjectCommand({
              Bucket: bucket,
              Key: key(name),
              Body: createReadStream(file),
              ContentLength: result.size,
            }),
          );
        } catch (err) {
          awsFailure(`${location}/${name}: cannot write`, err);
        }
        return result;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async read(name) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key(name) }));
        return Buffer.from(await out.Body!.transformToByteArray());
      } catch (err) {
        if (err instanceof NoSuchKey) return undefined;
        return awsFailure(`${location}/${name}: cannot read`, err);
      }
    },
    async list() {
      const names: string[] = [];
      const start = prefix ? `${prefix}/` : '';
      let token: string | undefined;
      do {
        try {
          const page = await client.send(
            new ListObjectsV2Command({ Bucket: bucket, Prefix: start, ContinuationToken: token }),
          );
          for (const o of page.Contents ?? []) if (o.Key) names.push(o.Key.slice(start.length));
          token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } catch (err) {
          awsFailure(`${location}: cannot list`, err);
        }
      } while (token);
      return names.sort();
    },
    // A prefix exists once an object is under it: listing is the whole answer, and a missing
    // bucket or a denied ListBucket fails here, before the scan.
    existing: () => store.list(),
  };
  return store;
}
