import { awsSdkProjectTestConfig } from '../../vitest.shared.ts';

export default awsSdkProjectTestConfig('rag-core');
