/**
 * The one description of a catalog entry's fields (CheckInfo: a check's meta plus what the
 * engine derives) from which the `checks` part of schemas/report.schema.json is generated.
 * The mapped type makes the compiler reject a field missing here, a field CheckInfo does not
 * have, and a field whose optionality differs from CheckInfo's.
 */
import { FAMILY_IDS } from './families.js';
import type { CheckInfo } from './types.js';

type SchemaFragment = Record<string, unknown>;

interface FieldSpec {
  schema: SchemaFragment;
  description: string;
  /**
   * The report schema version that added the field: reports written before it lack the field,
   * so the schema does not require it and they still validate.
   */
  since?: string;
}

type Fields = {
  [K in keyof CheckInfo]-?: FieldSpec &
    (undefined extends CheckInfo[K] ? { optional: true } : { optional?: never });
};

const stringArray = { type: 'array', items: { type: 'string' } };

export const CHECK_INFO_FIELDS: Fields = {
  id: {
    schema: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
    description: 'Stable check id; suppressions and SARIF rules refer to it.',
  },
  title: {
    schema: { type: 'string', minLength: 1 },
    description: 'The compliant state the check looks for.',
  },
  family: {
    schema: { enum: [...FAMILY_IDS] },
    description: 'The catalog section the check belongs to.',
    since: '1.1.0',
  },
  severity: { schema: { $ref: '#/definitions/severity' }, description: 'Severity of a FAIL.' },
  resourceType: {
    schema: { type: 'string' },
    description: 'CloudFormation-style type of the resources it gives results for.',
  },
  description: { schema: { type: 'string' }, description: 'What the check examines.' },
  risk: { schema: { type: 'string' }, description: 'Why a FAIL matters.' },
  appliesTo: {
    schema: { type: 'string' },
    description: 'The resources the check gives results for.',
    optional: true,
  },
  failWhen: {
    schema: { type: 'string' },
    description: 'When a result is FAIL.',
    optional: true,
  },
  notFlagged: {
    schema: { type: 'string' },
    description: 'What it deliberately does not flag where other tools do.',
    optional: true,
  },
  remediation: { schema: { $ref: '#/definitions/remediation' }, description: 'How to fix a FAIL.' },
  references: {
    schema: {
      type: 'array',
      items: {
        type: 'object',
        required: ['title', 'url'],
        additionalProperties: false,
        properties: { title: { type: 'string' }, url: { type: 'string', format: 'uri' } },
      },
    },
    description: 'Documentation behind the check.',
  },
  reads: { schema: stringArray, description: 'Snapshot slices the check reads.' },
  anchors: {
    schema: stringArray,
    description: "Other tools' rules it corresponds to, FSBP controls first.",
  },
  docsPath: { schema: { type: 'string' }, description: 'Its documentation page in the package.' },
  compliance: {
    schema: { $ref: '#/definitions/compliance' },
    description: 'Framework id to the controls the check supports (from compliance/*.json).',
  },
};

/** The JSON Schema of report.checks. */
export function checksSchema(): SchemaFragment {
  const entries = Object.entries(CHECK_INFO_FIELDS) as Array<
    [string, FieldSpec & { optional?: true }]
  >;
  return {
    type: 'object',
    additionalProperties: {
      type: 'object',
      required: entries.filter(([, f]) => !f.optional && !f.since).map(([k]) => k),
      additionalProperties: false,
      properties: Object.fromEntries(
        entries.map(([k, f]) => [k, { ...f.schema, description: f.description }]),
      ),
    },
    description: 'The catalog metadata of every check that ran, by check id.',
  };
}
