import { awsSdkProjectTestConfig } from '../../vitest.shared.ts';

// The Lambda entry's tests load the AWS adapters (AWS SDK v3 clients).
export default awsSdkProjectTestConfig('processor');
