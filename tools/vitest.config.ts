import { projectTestConfig } from '../vitest.shared.ts';

export default projectTestConfig('tools', { test: { include: ['**/*.test.ts'], exclude: ['**/node_modules/**', 'out-tsc/**'] } });
