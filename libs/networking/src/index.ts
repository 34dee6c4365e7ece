export { type VpcArgs, Vpc } from './vpc.js';
export { DATA_SUBNET_COUNT, VPC_DEFAULTS, type SubnetLayout, validateSubnetLayout } from './vpc.defaults.js';
export { type SecurityGroupsArgs, SecurityGroups } from './security-groups.js';
export {
  type RuleSpec,
  type SecurityGroupRole,
  SECURITY_GROUP_DEFAULTS,
  SECURITY_GROUP_ROLES,
  securityGroupRules,
} from './security-groups.defaults.js';
export { type VpcEndpointsArgs, VpcEndpoints } from './vpc-endpoints.js';
export {
  DEFAULT_INTERFACE_SERVICES,
  S3_VECTORS_REGIONS,
  S3_VECTORS_SERVICE,
  endpointServiceName,
  interfaceServices,
} from './vpc-endpoints.defaults.js';
export { cidrContains, cidrsOverlap, parseCidr } from './cidr.js';
