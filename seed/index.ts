/**
 * Seeding moto through the AWS SDK for JavaScript, shared by the tests, the demo account
 * (scripts/demo-account.ts) and the benchmark fixtures (bench/fixtures/generate.ts). Not part
 * of the package's code: nothing under src/ or checks/ imports it.
 */
export * from './account.js';
export * from './domains.js';
export * from './plans.js';
export * from './rest.js';
export * from './spec.js';
export * from './v2.js';
export * from './waf.js';
