import { defineCheck } from './lib/define.js';
import { isClassicWebAclArn, restStageWebAcls, webAclRef } from './lib/waf.js';

export default defineCheck({
  meta: {
    id: 'waf-logging',
    title: 'Web ACLs protecting REST stages log the requests they inspect',
    family: 'exposure',
    severity: 'low',
    resourceType: 'AWS::WAFv2::WebACL',
    description:
      'For each web ACL associated with a REST API stage, whether wafv2:GetLoggingConfiguration ' +
      'returns a logging configuration (to CloudWatch Logs, S3 or Firehose). WAF Classic ACLs are ' +
      'not read further and are MANUAL.',
    risk:
      'Without WAF logs there is no record of which requests were blocked or allowed and why: ' +
      'attacks cannot be investigated, and false positives cannot be tuned away safely.',
    remediation: {
      text:
        'Enable logging on the web ACL to a destination whose name starts with aws-waf-logs-, and ' +
        'redact sensitive fields such as the Authorization header.',
      cli:
        'aws wafv2 put-logging-configuration --logging-configuration ' +
        'ResourceArn=<web-acl-arn>,LogDestinationConfigs=<aws-waf-logs-destination-arn>',
    },
    references: [
      {
        title: 'Logging web ACL traffic (AWS WAF)',
        url: 'https://docs.aws.amazon.com/waf/latest/developerguide/logging.html',
      },
    ],
    reads: ['restApis', 'restApi.stages', 'webAcls', 'webAcl.loggingConfiguration'],
    anchors: [],
  },
  evaluate(ctx) {
    for (const entry of restStageWebAcls(ctx)) {
      const resource = webAclRef(entry.scope, entry.arn, entry.acl);
      const stages = entry.stages;
      if (entry.acl?.kind === 'waf-classic' || isClassicWebAclArn(entry.arn)) {
        ctx.manual(
          resource,
          'WAF Classic web ACL: its logging configuration is not read; check it in the WAF ' +
            'Classic console, and migrate the ACL to AWS WAF',
          { kind: 'waf-classic', webAclArn: entry.arn, stages },
        );
        continue;
      }
      if (!entry.scope.region.webAcls) {
        ctx.error(resource, 'webAcls');
        continue;
      }
      if (!entry.acl) {
        ctx.error(resource, 'webAcls', entry.arn);
        continue;
      }
      const logging = entry.acl.loggingConfiguration;
      if (logging === undefined) {
        ctx.error(resource, 'webAcl.loggingConfiguration', entry.arn);
        continue;
      }
      const evidence = {
        webAclArn: entry.arn,
        'LoggingConfiguration.LogDestinationConfigs':
          (logging?.LogDestinationConfigs as unknown) ?? null,
        stages,
      };
      if (logging) ctx.pass(resource, 'The web ACL logs to a destination', evidence);
      else ctx.fail(resource, 'The web ACL has no logging configuration', evidence);
    }
  },
});
