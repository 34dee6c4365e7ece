import { type ViteUserConfig } from 'vitest/config';
export declare const workspaceRoot: string;
export declare const sourceCondition = "@student-helper/source";
export declare function projectTestConfig(projectName: string, overrides?: ViteUserConfig): ViteUserConfig;
//# sourceMappingURL=vitest.shared.d.ts.map