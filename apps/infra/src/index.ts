export { type StackOutputs, createStack } from './stack.js';
export { type RecordedStack, recordStack } from './graph/record-stack.js';
export { type StackConfig, INFRA_ROOT, readStackConfig } from './graph/stack-config.js';
