import { describe, expect, it } from 'vitest';
import { DEFAULT_MOCK_ENVIRONMENT, stableHex } from './mock-context.js';
import { mockResource } from './mock-resources.js';

const env = DEFAULT_MOCK_ENVIRONMENT;
const mock = (type: string, name: string, inputs: Record<string, unknown> = {}) => mockResource({ type, name, inputs }, env);

describe('mockResource', () => {
  it('gives components no id and no state', () => {
    expect(mockResource({ type: 'x:y:Z', name: 'c', inputs: {}, custom: false }, env)).toEqual({ id: undefined, state: {} });
  });

  it('auto-names like Pulumi (logical name + 7 hex) unless a name is given', () => {
    const auto = mock('aws:iam/role:Role', 'api-role');
    expect(auto.id).toBe(`api-role-${stableHex('aws:iam/role:Role::api-role', 7)}`);
    expect(auto.state['arn']).toBe(`arn:aws:iam::123456789012:role/${auto.id}`);
    const named = mock('aws:iam/role:Role', 'api-role', { name: 'fixed' });
    expect(named.id).toBe('fixed');
    expect(named.state['arn']).toBe('arn:aws:iam::123456789012:role/fixed');
  });

  it('uses the bucket name as the S3 bucket id and ARN', () => {
    const r = mock('aws:s3/bucket:Bucket', 'docs', { bucket: 'student-helper-dev-documents-a1b2c3d4' });
    expect(r.id).toBe('student-helper-dev-documents-a1b2c3d4');
    expect(r.state).toMatchObject({
      arn: 'arn:aws:s3:::student-helper-dev-documents-a1b2c3d4',
      bucketRegionalDomainName: 'student-helper-dev-documents-a1b2c3d4.s3.ap-southeast-2.amazonaws.com',
    });
  });

  it('builds S3 Vectors index ARNs from the bucket and index names', () => {
    expect(mock('aws:s3/vectorsIndex:VectorsIndex', 'idx', { vectorBucketName: 'vb', indexName: 'documents' }).state['indexArn']).toBe(
      'arn:aws:s3vectors:ap-southeast-2:123456789012:bucket/vb/index/documents',
    );
  });

  it('returns the RDS-managed master secret when the password is managed', () => {
    const r = mock('aws:rds/instance:Instance', 'db', { identifier: 'student-helper-dev-db', manageMasterUserPassword: true });
    expect(r.state['endpoint']).toMatch(/^student-helper-dev-db\.c[0-9a-f]{11}\.ap-southeast-2\.rds\.amazonaws\.com:5432$/);
    const [secret] = r.state['masterUserSecrets'] as { secretArn: string }[];
    expect(secret?.secretArn).toMatch(/^arn:aws:secretsmanager:ap-southeast-2:123456789012:secret:rds!db-[0-9a-f-]{36}-[A-Z0-9]{6}$/);
  });

  it('gives gateway endpoints a prefix list and interface endpoints DNS entries', () => {
    const gw = mock('aws:ec2/vpcEndpoint:VpcEndpoint', 's3', { vpcEndpointType: 'Gateway', serviceName: 'com.amazonaws.ap-southeast-2.s3' });
    expect(gw.state['prefixListId']).toMatch(/^pl-[0-9a-f]{8}$/);
    const sqs = mock('aws:ec2/vpcEndpoint:VpcEndpoint', 'sqs', { vpcEndpointType: 'Interface', serviceName: 'com.amazonaws.ap-southeast-2.sqs' });
    expect((sqs.state['dnsEntries'] as { dnsName: string }[])[0]?.dnsName).toMatch(/^vpce-0[0-9a-f]{16}-[0-9a-f]{8}\.sqs\.ap-southeast-2\.vpce\.amazonaws\.com$/);
  });

  it('gives CloudFront VPC origins a vo_ id and a global ARN, echoing the endpoint config', () => {
    const endpoint = { name: 'cdn-stream', arn: 'arn:aws:ec2:ap-southeast-2:123456789012:instance/i-0abc', httpPort: 8000 };
    const r = mock('aws:cloudfront/vpcOrigin:VpcOrigin', 'cdn-stream', { vpcOriginEndpointConfig: endpoint });
    expect(r.id).toMatch(/^vo_[A-Z0-9]{22}$/);
    expect(r.state).toEqual({
      vpcOriginEndpointConfig: endpoint,
      arn: `arn:aws:cloudfront::123456789012:vpcorigin/${r.id}`,
      etag: expect.stringMatching(/^E[A-Z0-9]{13}$/) as unknown,
    });
  });

  it('derives RandomId outputs from the same bytes', () => {
    const r = mock('random:index/randomId:RandomId', 'suffix', { byteLength: 4 });
    const hex = r.state['hex'] as string;
    expect(hex).toMatch(/^[0-9a-f]{8}$/);
    expect(r.state['dec']).toBe(BigInt(`0x${hex}`).toString());
    expect(Buffer.from(r.id as string, 'base64url').toString('hex')).toBe(hex);
  });

  it('falls back to a generic id and ARN for types without a hand-written mock', () => {
    const r = mock('aws:glue/job:Job', 'etl', { command: {} });
    expect(r.id).toBe(`etl-${stableHex('aws:glue/job:Job::etl', 8)}`);
    expect(r.state).toEqual({ command: {}, arn: `arn:aws:glue:ap-southeast-2:123456789012:job/${r.id}` });
  });
});
