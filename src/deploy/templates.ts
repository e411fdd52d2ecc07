/**
 * The CloudFormation templates of deploy/, generated (by `npm run gen:docs`) so that their IAM
 * policies come from the slice table like docs/permissions.md: the member role grants exactly the
 * read-only policy of `scanPolicy()` (what `apigw-audit iam-policy` prints), and the listing function exactly the Organizations
 * actions a `--org` scan makes. A test checks the committed files are these and that cfn-lint
 * accepts them (it validates the state machine definition against the States Language schema).
 */
import { organizationsActions, scanPolicy } from '../iam/least-privilege.js';

type Json = Record<string, unknown>;

const sub = (s: string) => ({ 'Fn::Sub': s });
const ref = (name: string) => ({ Ref: name });
const getAtt = (resource: string, attr: string) => ({ 'Fn::GetAtt': [resource, attr] });

/** The handlers' entry points inside the artifact (scripts/build-lambda.mjs). */
export const HANDLERS = {
  listAccounts: 'dist/src/lambda/handlers.listAccounts',
  scanAccount: 'dist/src/lambda/handlers.scanAccount',
  merge: 'dist/src/lambda/handlers.merge',
} as const;

export const LAMBDA_RUNTIME = 'nodejs22.x';
export const MEMBER_ROLE_DEFAULT = 'ApigwAuditMemberRole';

const bucketArn = getAtt('EvidenceBucket', 'Arn');
const objectsUnder = (prefix: string) => sub(`\${EvidenceBucket.Arn}/${prefix}`);

function trust(service: string): Json {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
      },
    ],
  };
}

function logsTo(logGroup: string): Json {
  return {
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: sub(`\${${logGroup}.Arn}:*`),
  };
}

function role(service: string, statements: Json[]): Json {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: trust(service),
      Policies: [
        {
          PolicyName: 'least-privilege',
          PolicyDocument: { Version: '2012-10-17', Statement: statements },
        },
      ],
    },
  };
}

const writeRuns: Json = {
  Effect: 'Allow',
  Action: 's3:PutObject',
  Resource: objectsUnder('runs/*'),
};
const encrypt: Json = {
  Effect: 'Allow',
  Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
  Resource: getAtt('EvidenceKey', 'Arn'),
};

function fn(
  handler: string,
  roleName: string,
  logGroup: string,
  timeout: number,
  memory: number,
): Json {
  return {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Runtime: LAMBDA_RUNTIME,
      Architectures: ['arm64'],
      Handler: handler,
      Code: { S3Bucket: ref('ArtifactBucket'), S3Key: ref('ArtifactKey') },
      Role: getAtt(roleName, 'Arn'),
      Timeout: timeout,
      MemorySize: memory,
      LoggingConfig: { LogGroup: ref(logGroup), LogFormat: 'JSON' },
      Environment: {
        Variables: {
          EVIDENCE_BUCKET: ref('EvidenceBucket'),
          MEMBER_ROLE_NAME: ref('MemberRoleName'),
          EXTERNAL_ID: ref('ExternalId'),
          REGIONS: ref('Regions'),
          ACCOUNTS: ref('Accounts'),
          EXCLUDE_ACCOUNTS: ref('ExcludeAccounts'),
          CONCURRENCY: '4',
          FORMATS: ref('Formats'),
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      },
    },
  };
}

const logGroup = (): Json => ({
  Type: 'AWS::Logs::LogGroup',
  DeletionPolicy: 'Retain',
  UpdateReplacePolicy: 'Retain',
  Properties: { RetentionInDays: 365 },
});

const LAMBDA_RETRY = [
  {
    ErrorEquals: [
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
      'Lambda.TooManyRequestsException',
    ],
    IntervalSeconds: 2,
    MaxAttempts: 4,
    BackoffRate: 2,
    JitterStrategy: 'FULL',
  },
];

/** The States Language definition: list, fan out (Distributed Map), merge, alert. */
export function stateMachineDefinition(): Json {
  return {
    Comment:
      'apigw-audit: list the organization, scan each account in its own Lambda run, merge, alert on new high or critical findings',
    StartAt: 'ListAccounts',
    States: {
      ListAccounts: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: {
          FunctionName: '${ListAccountsFunctionArn}',
          Payload: { 'runId.$': '$$.Execution.Name' },
        },
        ResultSelector: {
          'runId.$': '$.Payload.runId',
          'count.$': 'States.ArrayLength($.Payload.accounts)',
        },
        ResultPath: '$.list',
        Retry: LAMBDA_RETRY,
        Next: 'ScanAccounts',
      },
      ScanAccounts: {
        Type: 'Map',
        Label: 'ScanAccounts',
        // The account list is read from S3, so a large organization does not meet the state
        // payload limit (256 KB).
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'JSON' },
          Parameters: {
            Bucket: '${EvidenceBucket}',
            'Key.$': "States.Format('runs/{}/accounts.json', $.list.runId)",
          },
        },
        ItemSelector: { 'runId.$': '$.list.runId', 'account.$': '$$.Map.Item.Value' },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'ScanAccount',
          States: {
            ScanAccount: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Parameters: { FunctionName: '${ScanAccountFunctionArn}', 'Payload.$': '$' },
              OutputPath: '$.Payload',
              Retry: LAMBDA_RETRY,
              End: true,
            },
          },
        },
        MaxConcurrencyPath: '$.maxConcurrency',
        ToleratedFailureCountPath: '$.toleratedFailureCount',
        // Each account's report is in S3; merge reads them there.
        ResultPath: null,
        Next: 'Merge',
      },
      Merge: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: {
          FunctionName: '${MergeFunctionArn}',
          Payload: { 'runId.$': '$.list.runId' },
        },
        ResultSelector: { 'result.$': '$.Payload' },
        ResultPath: '$.merge',
        Retry: LAMBDA_RETRY,
        Next: 'AnyNewHighOrCritical',
      },
      AnyNewHighOrCritical: {
        Type: 'Choice',
        Choices: [
          {
            Variable: '$.merge.result.newHighOrCritical',
            NumericGreaterThan: 0,
            Next: 'Notify',
          },
        ],
        Default: 'Done',
      },
      Notify: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sns:publish',
        Parameters: {
          TopicArn: '${AlertTopicArn}',
          Subject: 'apigw-audit: new high or critical findings',
          'Message.$': '$.merge.result',
        },
        End: true,
      },
      Done: { Type: 'Succeed' },
    },
  };
}

export function auditStackTemplate(): Json {
  const orgActions = organizationsActions();
  const stateMachineArn = sub(
    'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${AWS::StackName}-audit',
  );
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description:
      'apigw-audit scheduled audit: EventBridge Scheduler -> Step Functions (Distributed Map over the organization accounts, one Lambda scan each) -> merged report, HTML and evidence bundle in a locked S3 bucket; SNS on new high or critical findings. Generated by npm run gen:docs.',
    Parameters: {
      ArtifactBucket: {
        Type: 'String',
        Description: 'S3 bucket holding the Lambda artifact (npm run build:lambda)',
      },
      ArtifactKey: { Type: 'String', Default: 'apigw-audit-lambda.zip' },
      MemberRoleName: {
        Type: 'String',
        Default: MEMBER_ROLE_DEFAULT,
        Description: 'The role deploy/member-role.json creates in every member account',
      },
      ExternalId: { Type: 'String', MinLength: 2, MaxLength: 1224, NoEcho: true },
      Regions: { Type: 'String', Default: 'all', Description: '"all" or a comma-separated list' },
      Accounts: {
        Type: 'String',
        Default: '',
        Description: 'Account or OU IDs to keep (empty: all)',
      },
      ExcludeAccounts: {
        Type: 'String',
        Default: '',
        Description: 'Account or OU IDs to leave out',
      },
      Formats: { Type: 'String', Default: 'json,html,sarif,ocsf,md' },
      ScheduleExpression: { Type: 'String', Default: 'cron(0 3 * * ? *)' },
      MaxConcurrency: {
        Type: 'Number',
        Default: 40,
        MinValue: 1,
        MaxValue: 10000,
        Description: 'Accounts scanned at once (Distributed Map child executions)',
      },
      ToleratedFailureCount: {
        Type: 'Number',
        Default: 5,
        MinValue: 0,
        Description: 'Account scans that may fail (after retries) before the run fails',
      },
      RetentionDays: {
        Type: 'Number',
        Default: 365,
        MinValue: 1,
        Description: 'Object Lock (governance mode) retention of every report and evidence file',
      },
    },
    Resources: {
      EvidenceKey: {
        Type: 'AWS::KMS::Key',
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          Description: 'apigw-audit evidence bucket and alert topic',
          EnableKeyRotation: true,
          KeyPolicy: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'AccountAdministers',
                Effect: 'Allow',
                Principal: { AWS: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') },
                Action: 'kms:*',
                Resource: '*',
              },
            ],
          },
        },
      },
      EvidenceBucket: {
        Type: 'AWS::S3::Bucket',
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          VersioningConfiguration: { Status: 'Enabled' },
          ObjectLockEnabled: true,
          ObjectLockConfiguration: {
            ObjectLockEnabled: 'Enabled',
            Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: ref('RetentionDays') } },
          },
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              {
                ServerSideEncryptionByDefault: {
                  SSEAlgorithm: 'aws:kms',
                  KMSMasterKeyID: getAtt('EvidenceKey', 'Arn'),
                },
                BucketKeyEnabled: true,
              },
            ],
          },
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        },
      },
      EvidenceBucketPolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: ref('EvidenceBucket'),
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'TlsOnly',
                Effect: 'Deny',
                Principal: '*',
                Action: 's3:*',
                Resource: [bucketArn, objectsUnder('*')],
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              },
            ],
          },
        },
      },
      AlertTopic: {
        Type: 'AWS::SNS::Topic',
        Properties: { KmsMasterKeyId: ref('EvidenceKey') },
      },
      ListAccountsLogs: logGroup(),
      ScanAccountLogs: logGroup(),
      MergeLogs: logGroup(),
      ListAccountsRole: role('lambda.amazonaws.com', [
        { Effect: 'Allow', Action: orgActions, Resource: '*' },
        writeRuns,
        encrypt,
        logsTo('ListAccountsLogs'),
      ]),
      ScanAccountRole: role('lambda.amazonaws.com', [
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Resource: sub('arn:${AWS::Partition}:iam::*:role/${MemberRoleName}'),
        },
        // The checks' configuration (suppressions, expectPrivate...), when the bucket has one.
        { Effect: 'Allow', Action: 's3:GetObject', Resource: objectsUnder('config.json') },
        writeRuns,
        encrypt,
        logsTo('ScanAccountLogs'),
      ]),
      MergeRole: role('lambda.amazonaws.com', [
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: objectsUnder('runs/*') },
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: objectsUnder('latest.json'),
        },
        writeRuns,
        encrypt,
        logsTo('MergeLogs'),
      ]),
      ListAccountsFunction: fn(
        HANDLERS.listAccounts,
        'ListAccountsRole',
        'ListAccountsLogs',
        300,
        512,
      ),
      // One account per invocation: its regions must fit in Lambda's 15 minutes.
      ScanAccountFunction: fn(
        HANDLERS.scanAccount,
        'ScanAccountRole',
        'ScanAccountLogs',
        900,
        1024,
      ),
      MergeFunction: fn(HANDLERS.merge, 'MergeRole', 'MergeLogs', 900, 3008),
      StateMachineRole: role('states.amazonaws.com', [
        {
          Effect: 'Allow',
          Action: 'lambda:InvokeFunction',
          Resource: [
            getAtt('ListAccountsFunction', 'Arn'),
            getAtt('ScanAccountFunction', 'Arn'),
            getAtt('MergeFunction', 'Arn'),
          ],
        },
        // A Distributed Map runs its items as child executions of this state machine.
        { Effect: 'Allow', Action: 'states:StartExecution', Resource: stateMachineArn },
        {
          Effect: 'Allow',
          Action: ['states:DescribeExecution', 'states:StopExecution'],
          Resource: sub(
            'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${AWS::StackName}-audit/*',
          ),
        },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: objectsUnder('runs/*') },
        { Effect: 'Allow', Action: 'sns:Publish', Resource: ref('AlertTopic') },
        encrypt,
      ]),
      StateMachine: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          StateMachineName: sub('${AWS::StackName}-audit'),
          StateMachineType: 'STANDARD',
          RoleArn: getAtt('StateMachineRole', 'Arn'),
          Definition: stateMachineDefinition(),
          DefinitionSubstitutions: {
            ListAccountsFunctionArn: getAtt('ListAccountsFunction', 'Arn'),
            ScanAccountFunctionArn: getAtt('ScanAccountFunction', 'Arn'),
            MergeFunctionArn: getAtt('MergeFunction', 'Arn'),
            EvidenceBucket: ref('EvidenceBucket'),
            AlertTopicArn: ref('AlertTopic'),
          },
        },
      },
      SchedulerRole: role('scheduler.amazonaws.com', [
        { Effect: 'Allow', Action: 'states:StartExecution', Resource: ref('StateMachine') },
      ]),
      Schedule: {
        Type: 'AWS::Scheduler::Schedule',
        Properties: {
          Description: 'Starts the apigw-audit run',
          ScheduleExpression: ref('ScheduleExpression'),
          FlexibleTimeWindow: { Mode: 'OFF' },
          Target: {
            Arn: ref('StateMachine'),
            RoleArn: getAtt('SchedulerRole', 'Arn'),
            Input: sub(
              '{"maxConcurrency": ${MaxConcurrency}, "toleratedFailureCount": ${ToleratedFailureCount}}',
            ),
          },
        },
      },
    },
    Outputs: {
      ScanRoleArn: {
        Description: 'The role deploy/member-role.json must trust (its AuditRoleArn parameter)',
        Value: getAtt('ScanAccountRole', 'Arn'),
      },
      EvidenceBucketName: { Value: ref('EvidenceBucket') },
      AlertTopicArn: { Value: ref('AlertTopic') },
      StateMachineArn: { Value: ref('StateMachine') },
    },
  };
}

export function memberRoleTemplate(): Json {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description:
      'apigw-audit member account role (deploy as a StackSet to every account): the read-only policy of the audit, trusting only the audit stack scan role with an external ID. Generated by npm run gen:docs.',
    Parameters: {
      AuditRoleArn: {
        Type: 'String',
        AllowedPattern: '^arn:aws[a-z-]*:iam::\\d{12}:role/.+$',
        Description: 'ScanRoleArn output of the audit stack',
      },
      ExternalId: { Type: 'String', MinLength: 2, MaxLength: 1224, NoEcho: true },
      RoleName: { Type: 'String', Default: MEMBER_ROLE_DEFAULT },
    },
    Resources: {
      MemberRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: ref('RoleName'),
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: ref('AuditRoleArn') },
                Action: 'sts:AssumeRole',
                Condition: { StringEquals: { 'sts:ExternalId': ref('ExternalId') } },
              },
            ],
          },
          Policies: [{ PolicyName: 'apigw-audit-read-only', PolicyDocument: scanPolicy() }],
        },
      },
    },
    Outputs: { MemberRoleArn: { Value: getAtt('MemberRole', 'Arn') } },
  };
}
