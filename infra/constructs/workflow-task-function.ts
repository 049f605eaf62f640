import type { Duration } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { acknowledgeIndexGrants } from './acknowledge-index-grants';
import type { DataTables } from './data-tables';
import { grantAppendOnly } from './grant-append-only';
import { HandlerFunction } from './handler-function';

/**
 * A Lambda function for one workflow step: reads and writes the main table, appends to the audit
 * trail, and nothing else.
 */
export function workflowTaskFunction(
  scope: Construct,
  id: string,
  props: { entry: string; description: string; timeout: Duration; memorySize?: number; tables: DataTables },
): HandlerFunction {
  const fn = new HandlerFunction(scope, id, {
    entry: props.entry,
    description: props.description,
    timeout: props.timeout,
    ...(props.memorySize ? { memorySize: props.memorySize } : {}),
    environment: { MAIN_TABLE: props.tables.main.tableName, AUDIT_TABLE: props.tables.audit.tableName },
  });
  props.tables.main.grantReadWriteData(fn);
  grantAppendOnly(props.tables.audit, fn);
  acknowledgeIndexGrants(fn, [props.tables.main]);
  return fn;
}

/**
 * The step functions of one workflow construct, each made by workflowTaskFunction under the id
 * `<name>Function` and kept, so that the state machine can be given them all.
 */
export class WorkflowTasks {
  readonly functions: HandlerFunction[] = [];

  constructor(
    private readonly scope: Construct,
    private readonly tables: DataTables,
  ) {}

  add(name: string, entry: string, description: string, timeout: Duration, memorySize?: number): HandlerFunction {
    const fn = workflowTaskFunction(this.scope, `${name}Function`, { entry, description, timeout, tables: this.tables, ...(memorySize ? { memorySize } : {}) });
    this.functions.push(fn);
    return fn;
  }
}
