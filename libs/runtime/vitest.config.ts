import { awsSdkProjectTestConfig } from '../../vitest.shared.ts';

// The service wiring test builds the AWS adapters (AWS SDK v3 clients).
export default awsSdkProjectTestConfig('runtime');
