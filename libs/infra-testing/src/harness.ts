import * as pulumi from '@pulumi/pulumi';
import { ResourceGraph, type GraphResource } from './graph.js';
import { DEFAULT_CALLS, UnmockedCallError, type CallMock } from './mock-calls.js';
import { DEFAULT_MOCK_ENVIRONMENT, type MockEnvironment } from './mock-context.js';
import { mockResource, type MockResourceRequest, type MockResourceResponse } from './mock-resources.js';
import { settle, unwrap } from './unwrap.js';

export interface RecordedResource extends GraphResource {
  readonly custom: boolean;
  /** What the mock provider returned (inputs plus computed outputs such as `arn`). */
  readonly state: Readonly<Record<string, unknown>>;
}

export interface RecordedCall {
  readonly token: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

export type ResourceMock = (request: MockResourceRequest, env: MockEnvironment) => MockResourceResponse;

export interface MockHarnessOptions extends Partial<MockEnvironment> {
  readonly project?: string;
  readonly stack?: string;
  /** Fully qualified stack config (`'student-helper-infra:environment': 'dev'`, `'aws:region': …`). */
  readonly config?: Readonly<Record<string, string>>;
  /** Extra or replacement provider-function mocks, by token. */
  readonly calls?: Readonly<Record<string, CallMock>>;
  /** Replacement resource mocks, by type token. */
  readonly resources?: Readonly<Record<string, ResourceMock>>;
}

/** The slice of Pulumi's MockMonitor the harness wraps to learn each resource's parent and URN. */
interface MonitorRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
}
interface MonitorResponse {
  getUrn(): string;
}
type MonitorCallback = (err: unknown, response: MonitorResponse | undefined) => void;
interface MockMonitorLike {
  registerResource(req: MonitorRequest, callback: MonitorCallback): Promise<void>;
  readResource(req: MonitorRequest, callback: MonitorCallback): Promise<void>;
}

type MutableRecord = { -readonly [K in keyof RecordedResource]: RecordedResource[K] };

/** Mocks serialise secrets as `{ <sig>: <secret sig>, value }`; tests and policies want the value. */
function revealSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revealSecrets);
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (obj[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) return revealSecrets(obj['value']);
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, revealSecrets(v)]));
  }
  return value;
}

/**
 * Pulumi mocks that record every resource (type, name, parent, inputs, id, state), answer
 * the provider functions in the call registry and throw on any other.
 */
export class MockHarness {
  readonly environment: MockEnvironment;
  private readonly recorded: MutableRecord[] = [];
  private readonly callLog: RecordedCall[] = [];
  private readonly calls: Record<string, CallMock>;
  private readonly resourceMocks: Readonly<Record<string, ResourceMock>>;
  private pendingParent: string | undefined;
  private lastRecord: MutableRecord | undefined;

  constructor(options: MockHarnessOptions = {}) {
    this.environment = {
      accountId: options.accountId ?? DEFAULT_MOCK_ENVIRONMENT.accountId,
      region: options.region ?? DEFAULT_MOCK_ENVIRONMENT.region,
      partition: options.partition ?? DEFAULT_MOCK_ENVIRONMENT.partition,
    };
    this.calls = { ...DEFAULT_CALLS, ...options.calls };
    this.resourceMocks = options.resources ?? {};
  }

  /** Every resource registered since the harness was set up (or last cleared), in order. */
  get resources(): readonly RecordedResource[] {
    return [...this.recorded];
  }

  get callsMade(): readonly RecordedCall[] {
    return [...this.callLog];
  }

  get mocks(): pulumi.runtime.Mocks {
    return {
      newResource: (args) => {
        const request = { type: args.type, name: args.name, inputs: revealSecrets(args.inputs) as Record<string, unknown> };
        const custom = args.custom !== false;
        const override = this.resourceMocks[args.type];
        const response = custom && override ? override(request, this.environment) : mockResource({ ...request, custom }, this.environment);
        const record: MutableRecord = {
          urn: '',
          type: args.type,
          name: args.name,
          parent: this.pendingParent,
          custom,
          id: response.id,
          inputs: request.inputs,
          state: response.state,
        };
        this.pendingParent = undefined;
        this.recorded.push(record);
        this.lastRecord = record;
        return { id: response.id, state: response.state };
      },
      call: (args) => {
        const inputs = revealSecrets(args.inputs) as Record<string, unknown>;
        this.callLog.push({ token: args.token, inputs });
        const mock = this.calls[args.token];
        try {
          if (!mock) throw new UnmockedCallError(args.token, inputs);
          return mock(inputs, this.environment);
        } catch (err) {
          // Pulumi rethrows a failed invoke as `new Error(err.details)` (the gRPC field).
          if (err instanceof Error) Object.assign(err, { details: err.message });
          throw err;
        }
      },
    };
  }

  /**
   * Wraps the mock monitor so each record learns its parent URN (MockResourceArgs does not
   * carry it) and its own URN. Pulumi's MockMonitor calls `mocks.newResource` synchronously
   * at the start of `registerResource`, which is what links the request to its record.
   */
  attach(monitor: MockMonitorLike): void {
    for (const method of ['registerResource', 'readResource'] as const) {
      const original = monitor[method].bind(monitor);
      monitor[method] = (req, callback) => {
        this.pendingParent = req.getParent() || undefined;
        this.lastRecord = undefined;
        const slot: { record?: MutableRecord } = {};
        const done = original(req, (err, response) => {
          if (!err && response && slot.record) slot.record.urn = response.getUrn();
          callback(err, response);
        });
        slot.record = this.lastRecord;
        return done;
      };
    }
  }

  /** Waits for all pending registrations (see {@link settle}). */
  settle(): Promise<void> {
    return settle();
  }

  ofType(type: string): RecordedResource[] {
    return this.recorded.filter((r) => r.type === type);
  }

  /**
   * The one resource with this logical name (and type, when a component and its main child
   * share a name); throws if there is none or more than one.
   */
  named(name: string, type?: string): RecordedResource {
    const found = this.recorded.filter((r) => r.name === name && (type === undefined || r.type === type));
    if (found.length !== 1) {
      throw new Error(`Expected exactly one resource named '${name}'${type ? ` of type ${type}` : ''}, found ${found.length}`);
    }
    return found[0] as RecordedResource;
  }

  /** Everything below `component` in the resource tree, after pending registrations finish. */
  async descendantsOf(component: pulumi.Resource): Promise<RecordedResource[]> {
    await this.settle();
    const urn = await unwrap(component.urn);
    const graph = this.graph();
    const root = graph.byUrn(urn);
    if (!root) throw new Error(`Resource ${urn} was not recorded`);
    const urns = new Set(graph.descendants(root).map((r) => r.urn));
    return this.recorded.filter((r) => urns.has(r.urn));
  }

  graph(): ResourceGraph {
    return new ResourceGraph(this.recorded);
  }

  /** Forgets everything recorded so far (resources and calls). */
  clear(): void {
    this.recorded.length = 0;
    this.callLog.length = 0;
  }
}

/**
 * Installs Pulumi mocks for this test file (or graph run) and returns the recording harness.
 * Call once, before any resource is constructed.
 */
export async function setupMockHarness(options: MockHarnessOptions = {}): Promise<MockHarness> {
  const harness = new MockHarness(options);
  if (options.config) pulumi.runtime.setAllConfig({ ...options.config });
  await pulumi.runtime.setMocks(harness.mocks, options.project ?? 'project', options.stack ?? 'stack', false);
  const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorLike | undefined;
  if (!monitor || typeof monitor.registerResource !== 'function') {
    throw new Error('setupMockHarness: Pulumi did not install the mock monitor');
  }
  harness.attach(monitor);
  return harness;
}
