import { pulumiProjectTestConfig } from '../../vitest.shared.ts';

export default pulumiProjectTestConfig('edge');
