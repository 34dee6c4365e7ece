/**
 * Pulumi entry point (`Pulumi.yaml` → `main`). Loaded by Node with the source condition and
 * tsx (decision 0015); the returned object becomes the stack outputs.
 */
import { loadEnvironmentConfig } from '@student-helper/infra-shared';
import { createStack } from './stack.js';

export default async () => createStack(loadEnvironmentConfig());
