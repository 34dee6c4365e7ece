/** Reading IAM policy documents as they appear in resource inputs (JSON strings or objects). */

export interface NormalizedStatement {
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: string[];
  readonly notActions: string[];
  readonly resources: string[];
  readonly notResources: string[];
  readonly principal: unknown;
  readonly condition: Record<string, Record<string, unknown>> | undefined;
}

const list = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

export function parsePolicyDocument(document: unknown): NormalizedStatement[] {
  const parsed: unknown = typeof document === 'string' ? JSON.parse(document) : document;
  if (!parsed || typeof parsed !== 'object') return [];
  const raw = (parsed as { Statement?: unknown }).Statement;
  const statements = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return statements.map((s: Record<string, unknown>) => ({
    sid: s['Sid'] as string | undefined,
    effect: s['Effect'] === 'Deny' ? 'Deny' : 'Allow',
    actions: list(s['Action']),
    notActions: list(s['NotAction']),
    resources: list(s['Resource']),
    notResources: list(s['NotResource']),
    principal: s['Principal'],
    condition: s['Condition'] as Record<string, Record<string, unknown>> | undefined,
  }));
}

/** Where policy documents live in the resource types we create, as input keys. */
export const POLICY_DOCUMENT_INPUTS: Readonly<Record<string, string>> = {
  'aws:iam/rolePolicy:RolePolicy': 'policy',
  'aws:iam/policy:Policy': 'policy',
  'aws:s3/bucketPolicy:BucketPolicy': 'policy',
  'aws:sqs/queuePolicy:QueuePolicy': 'policy',
  'aws:ecr/repositoryPolicy:RepositoryPolicy': 'policy',
  'aws:secretsmanager/secretPolicy:SecretPolicy': 'policy',
  'aws:s3/vectorsVectorBucketPolicy:VectorsVectorBucketPolicy': 'policy',
};

/** Policy documents carried by a resource: its policy input and any inline role policies. */
export function policyDocumentsOf(type: string, inputs: Readonly<Record<string, unknown>>): unknown[] {
  const key = POLICY_DOCUMENT_INPUTS[type];
  const documents: unknown[] = key && inputs[key] !== undefined ? [inputs[key]] : [];
  if (type === 'aws:iam/role:Role' && Array.isArray(inputs['inlinePolicies'])) {
    for (const p of inputs['inlinePolicies'] as { policy?: unknown }[]) if (p.policy !== undefined) documents.push(p.policy);
  }
  return documents;
}
