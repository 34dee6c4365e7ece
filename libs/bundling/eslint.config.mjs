import baseConfig, { libraryDependencyChecks } from '../../eslint.config.mjs';

export default [...baseConfig, libraryDependencyChecks];
