import { z } from 'zod';
import { DynamoDbRunStore } from '../../shared/adapters/dynamodb/dynamodb-run-store';
import { LapseReason } from '../../shared/api/renewal-schemas';
import { now } from '../../shared/core/clock';
import { finishClosing } from '../../shared/core/renewal/finish-closing';
import { RenewalWorkflowInput } from '../../shared/core/renewal/workflow-inputs';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { renewalStores, workflows } from './stores';

const runs = new DynamoDbRunStore();
const Input = RenewalWorkflowInput.omit({ phase: true }).extend({ lapses: z.array(z.partialRecord(LapseReason, z.number().int())) });

export const handler = workflowTask(Input, async (input) => finishClosing({ ...renewalStores, runs, workflows }, input, now()));
