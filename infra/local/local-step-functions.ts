import { randomUUID } from 'node:crypto';
import type { LocalLambdas } from './local-lambdas';
import { localArn } from './local-names';
import { SfnApiError, type SfnResponse } from './sfn-api-errors';
import {
  executionArnOf,
  executionNameOf,
  optionalBoolean,
  optionalString,
  pageOf,
  paginate,
  type RequestBody,
  requestBody,
  stateMachineArnOf,
} from './sfn-api-input';
import { closeRecord, ExecutionRun } from './sfn-execution-run';
import { type ExecutionRecord, type ExecutionStatus, ExecutionStore } from './sfn-execution-store';
import { apiHistoryEvent, appendHistory, executionAborted, executionFailed, executionResumed, executionStarted } from './sfn-history';
import { statePayloadViolation } from './sfn-payload-guard';
import { type LocalStateMachine, loadStateMachines } from './sfn-state-machines';
import type { LocalTemplate } from './template';
import type { AwsJsonService } from './aws-json-service';
import type { UsageMeter } from './usage-meter';

export interface LocalStepFunctionsOptions {
  readonly template: LocalTemplate;
  readonly lambdas: LocalLambdas;
  /** Executions are kept under DATA_DIR/executions/ and survive a restart. */
  readonly dataDir: string;
  /** Counts billed state transitions per state machine. */
  readonly usage?: UsageMeter;
}

const TARGET_PREFIX = 'AWSStepFunctions.';
const STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];
const MAX_ERROR_LENGTH = 256;
const MAX_CAUSE_LENGTH = 32_768;

/**
 * The template's Step Functions state machines, run locally behind the Step Functions API (the
 * operations Lindung and its tests use). Definitions run on aws-local-stepfunctions with every
 * Lambda task in-process; see docs/local-vs-cloud.md for what differs from AWS.
 */
export class LocalStepFunctions implements AwsJsonService {
  private readonly machines: Map<string, LocalStateMachine>;
  /** Every execution by ARN, in start order. */
  private readonly records = new Map<string, ExecutionRecord>();
  private readonly runs = new Map<string, ExecutionRun>();
  private readonly active = new Set<Promise<void>>();
  private readonly failures: unknown[] = [];
  private readonly creationDate = Date.now();
  private stopped = false;

  private constructor(
    machines: LocalStateMachine[],
    private readonly lambdas: LocalLambdas,
    private readonly store: ExecutionStore,
    private readonly usage: UsageMeter | undefined,
  ) {
    this.machines = new Map(machines.map((machine) => [machine.arn, machine]));
    for (const machine of machines) usage?.registerStateMachine(machine.logicalId, machine.functions, machine.maps);
  }

  /**
   * Loads the template's state machines (throwing LocalStackUnsupportedError for anything that
   * cannot run locally) and the stored executions. Executions that were RUNNING when the previous
   * process ended are re-run from their start with the same input.
   */
  static async start(options: LocalStepFunctionsOptions): Promise<LocalStepFunctions> {
    const store = new ExecutionStore(options.dataDir);
    const service = new LocalStepFunctions(loadStateMachines(options.template, options.lambdas), options.lambdas, store, options.usage);
    await service.resume(await store.loadAll());
    return service;
  }

  /** The state machines this service runs: their logical ids and ARNs. */
  stateMachines(): { logicalId: string; arn: string }[] {
    return [...this.machines.values()].map(({ logicalId, arn }) => ({ logicalId, arn }));
  }

  /**
   * Answers one API call. `target` is the x-amz-target header (`AWSStepFunctions.StartExecution`).
   * API errors come back as status 400 with `{ __type, message }`, which the SDK turns into its
   * exception classes. Anything else (a failed disk write, a bug) is thrown, for the HTTP server
   * to report and answer with a 500.
   */
  async handle(target: string, body: unknown): Promise<SfnResponse> {
    try {
      if (this.stopped) throw new SfnApiError('ServiceUnavailable', 'The local Step Functions service has stopped', 503);
      const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
      const request = requestBody(body);
      return { status: 200, body: await this.dispatch(operation, request) };
    } catch (error) {
      if (error instanceof SfnApiError) return error.toResponse();
      throw error;
    }
  }

  /**
   * Stops accepting calls and abandons the running executions, whose records stay RUNNING on
   * disk: the next start resumes them, as after a crash.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const run of this.runs.values()) run.detach();
    await Promise.allSettled([...this.active]);
    await this.store.flush();
  }

  /** Resolves when every execution started so far has finished and its record is on disk. */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled([...this.active]);
    await this.store.flush();
    const failures = this.failures.splice(0);
    if (failures.length > 0) throw new AggregateError(failures, 'Local Step Functions could not record the outcome of some executions');
  }

  private async dispatch(operation: string, request: RequestBody): Promise<unknown> {
    switch (operation) {
      case 'StartExecution':
        return this.startExecution(request);
      case 'DescribeExecution':
        return this.describeExecution(request);
      case 'ListExecutions':
        return this.listExecutions(request);
      case 'StopExecution':
        return this.stopExecution(request);
      case 'GetExecutionHistory':
        return this.getExecutionHistory(request);
      case 'DescribeStateMachine':
        return this.describeStateMachine(request);
      case 'DescribeStateMachineForExecution':
        return this.describeStateMachineForExecution(request);
      case 'ListStateMachines':
        return this.listStateMachines(request);
      default:
        throw new SfnApiError('UnknownOperationException', `The local Step Functions does not support the operation ${operation}`);
    }
  }

  private async startExecution(request: RequestBody): Promise<unknown> {
    const machine = this.machineOf(stateMachineArnOf(request));
    const name = executionNameOf(request, randomUUID);
    const input = optionalString(request, 'input') ?? '{}';
    this.checkInput(machine, name, input);
    const executionArn = localArn.execution(machine.logicalId, name);
    const existing = this.records.get(executionArn);
    if (existing) {
      // Standard workflows: the same name and input while RUNNING is the same request, answered
      // again; anything else reuses a name, which AWS refuses.
      if (existing.status === 'RUNNING' && existing.input === input) return { executionArn, startDate: seconds(existing.startDate) };
      throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const record: ExecutionRecord = {
      formatVersion: 1,
      executionArn,
      stateMachineArn: machine.arn,
      stateMachine: machine.logicalId,
      name,
      status: 'RUNNING',
      input,
      startDate: Date.now(),
      resumedAfterRestart: 0,
      history: [],
    };
    appendHistory(record.history, executionStarted(input, machine.roleArn, record.startDate));
    this.records.set(executionArn, record);
    try {
      await this.store.save(record);
    } catch (error) {
      this.records.delete(executionArn);
      throw error;
    }
    // A service stopped meanwhile leaves the record RUNNING on disk; the next start runs it.
    if (!this.stopped) this.launch(record, machine);
    return { executionArn, startDate: seconds(record.startDate) };
  }

  private checkInput(machine: LocalStateMachine, name: string, input: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch (error) {
      throw new SfnApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${(error as Error).message}'`);
    }
    const violation = statePayloadViolation(machine.startAt, 'input', parsed);
    if (violation) {
      throw new SfnApiError(
        'InvalidExecutionInput',
        `The input of execution ${name} of state machine ${machine.logicalId} is too large. ${violation.message}`,
      );
    }
  }

  private describeExecution(request: RequestBody): unknown {
    const record = this.recordOf(executionArnOf(request));
    return {
      executionArn: record.executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: seconds(record.startDate),
      ...(record.stopDate !== undefined ? { stopDate: seconds(record.stopDate) } : {}),
      input: record.input,
      inputDetails: { included: true },
      ...(record.output !== undefined ? { output: record.output, outputDetails: { included: true } } : {}),
      ...(record.error !== undefined ? { error: record.error } : {}),
      ...(record.cause !== undefined ? { cause: record.cause } : {}),
      // Not AWS fields' usual meaning: a resume after a restart is reported as a redrive, the
      // closest thing the SDK shows; the raw response also carries resumedAfterRestart.
      redriveCount: record.resumedAfterRestart,
      resumedAfterRestart: record.resumedAfterRestart,
    };
  }

  private listExecutions(request: RequestBody): unknown {
    if (request.stateMachineArn === undefined && request.mapRunArn !== undefined) {
      throw new SfnApiError('ValidationException', 'Map Runs do not exist locally: Distributed Maps run inline');
    }
    const machine = this.machineOf(stateMachineArnOf(request));
    const statusFilter = optionalString(request, 'statusFilter');
    if (statusFilter !== undefined && !STATUSES.includes(statusFilter as ExecutionStatus)) {
      throw new SfnApiError('ValidationException', `statusFilter must be one of ${STATUSES.join(', ')}`);
    }
    const matching = [...this.records.values()]
      .filter((record) => record.stateMachineArn === machine.arn && (statusFilter === undefined || record.status === statusFilter))
      .reverse();
    const { items, nextToken } = paginate(matching, pageOf(request));
    return {
      executions: items.map((record) => ({
        executionArn: record.executionArn,
        stateMachineArn: record.stateMachineArn,
        name: record.name,
        status: record.status,
        startDate: seconds(record.startDate),
        ...(record.stopDate !== undefined ? { stopDate: seconds(record.stopDate) } : {}),
        redriveCount: record.resumedAfterRestart,
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  }

  private async stopExecution(request: RequestBody): Promise<unknown> {
    const record = this.recordOf(executionArnOf(request));
    const error = optionalString(request, 'error');
    const cause = optionalString(request, 'cause');
    if ((error?.length ?? 0) > MAX_ERROR_LENGTH || (cause?.length ?? 0) > MAX_CAUSE_LENGTH) {
      throw new SfnApiError('ValidationException', `error is limited to ${MAX_ERROR_LENGTH} characters and cause to ${MAX_CAUSE_LENGTH}`);
    }
    const run = this.runs.get(record.executionArn);
    if (run) return { stopDate: seconds(await run.stop(error, cause)) };
    if (record.status === 'RUNNING') {
      // Started, but its first write is still in flight so it is not running yet; launch skips it.
      closeRecord(record, 'ABORTED', {}, (at) => executionAborted(error, cause, at), { error, cause });
      await this.store.save(record);
    }
    return { stopDate: seconds(record.stopDate ?? Date.now()) };
  }

  private getExecutionHistory(request: RequestBody): unknown {
    const record = this.recordOf(executionArnOf(request));
    const includeExecutionData = optionalBoolean(request, 'includeExecutionData') ?? true;
    const events = optionalBoolean(request, 'reverseOrder') ? [...record.history].reverse() : record.history;
    const { items, nextToken } = paginate(events, pageOf(request));
    return { events: items.map((event) => apiHistoryEvent(event, includeExecutionData)), ...(nextToken ? { nextToken } : {}) };
  }

  private describeStateMachine(request: RequestBody): unknown {
    const machine = this.machineOf(stateMachineArnOf(request));
    return {
      stateMachineArn: machine.arn,
      name: machine.logicalId,
      status: 'ACTIVE',
      definition: machine.definition,
      roleArn: machine.roleArn,
      type: 'STANDARD',
      creationDate: seconds(this.creationDate),
    };
  }

  private describeStateMachineForExecution(request: RequestBody): unknown {
    const record = this.recordOf(executionArnOf(request));
    const machine = this.machineOf(record.stateMachineArn);
    return {
      stateMachineArn: machine.arn,
      name: machine.logicalId,
      definition: machine.definition,
      roleArn: machine.roleArn,
      updateDate: seconds(this.creationDate),
    };
  }

  private listStateMachines(request: RequestBody): unknown {
    const { items, nextToken } = paginate([...this.machines.values()], pageOf(request));
    return {
      stateMachines: items.map((machine) => ({
        stateMachineArn: machine.arn,
        name: machine.logicalId,
        type: 'STANDARD',
        creationDate: seconds(this.creationDate),
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  }

  /** Records the restart in every execution left RUNNING, then re-runs it from its start. */
  private async resume(records: ExecutionRecord[]): Promise<void> {
    for (const record of records) {
      this.records.set(record.executionArn, record);
      if (record.status !== 'RUNNING') continue;
      const now = Date.now();
      record.resumedAfterRestart += 1;
      appendHistory(record.history, executionResumed(record.resumedAfterRestart, now));
      const machine = this.machines.get(record.stateMachineArn);
      if (!machine) {
        // The template no longer has its state machine: fail it visibly rather than drop it.
        const cause = `State machine ${record.stateMachine} is no longer in the template, so the execution could not be resumed`;
        closeRecord(record, 'FAILED', {}, (at) => executionFailed('States.Runtime', cause, at), { error: 'States.Runtime', cause });
      }
      await this.store.save(record);
      if (machine) this.launch(record, machine);
    }
  }

  private launch(record: ExecutionRecord, machine: LocalStateMachine): void {
    if (record.status !== 'RUNNING') return;
    const run = ExecutionRun.start(record, { machine, lambdas: this.lambdas, store: this.store, usage: this.usage });
    this.runs.set(record.executionArn, run);
    const tracked: Promise<void> = run.finished
      .catch(async (error: unknown) => {
        this.failures.push(error);
        if (record.status !== 'RUNNING' || this.stopped) return;
        // Nothing runs the execution any more: say so in its record rather than leave it RUNNING.
        const cause = `The local stack failed while running the execution: ${error instanceof Error ? error.message : String(error)}`;
        closeRecord(record, 'FAILED', {}, (at) => executionFailed('States.Runtime', cause, at), { error: 'States.Runtime', cause });
        // The first error is already reported through idle(); a second one would say the same.
        await this.store.save(record).catch(() => undefined);
      })
      .finally(() => {
        this.active.delete(tracked);
        this.runs.delete(record.executionArn);
      });
    this.active.add(tracked);
  }

  private machineOf(arn: string): LocalStateMachine {
    const machine = this.machines.get(arn);
    if (!machine) throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  private recordOf(executionArn: string): ExecutionRecord {
    const record = this.records.get(executionArn);
    if (!record) throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }
}

/** The API's timestamps are epoch seconds. */
function seconds(epochMilliseconds: number): number {
  return epochMilliseconds / 1000;
}
