/**
 * The task table the solver worker dispatches on. Each handler is a pure solver call; the worker gives it
 * time and cancellation through the TaskContext.
 */
import { checkFactory } from "../src/check-factory.ts";
import type { ValidateResponse } from "../src/factory.ts";
import { FactoryModel } from "../src/factory.ts";
import type { TaskContext } from "./task-protocol.ts";
import { zodProblems } from "./request-validation.ts";

export const taskHandlers = {
  validate(draft: unknown): ValidateResponse {
    const parsed = FactoryModel.safeParse(draft);
    const problems = parsed.success ? checkFactory(parsed.data) : zodProblems(parsed.error);
    return { valid: problems.length === 0, problems };
  },
} satisfies Record<string, (input: never, context: TaskContext) => unknown>;

export type TaskKind = keyof typeof taskHandlers;
