// Everything about log lines, for the front door's `logLines` namespace: builders and templates.
export * from './logLines.js';
export * from './logTemplates.js';
