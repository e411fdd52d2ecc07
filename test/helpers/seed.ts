export * from '../../seed/index.js';
