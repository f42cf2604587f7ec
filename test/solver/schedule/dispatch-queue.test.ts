/**
 * The dispatcher's per-resource queue: whatever a pick looks at and leaves, the entries come out in the order
 * of (key, operation), as from one heap holding everything pushed and left. Checked against a plain sorted list
 * on random pushes and picks (repeats of an operation within a pick dropped, as the dispatcher drops them).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DispatchQueue } from "../../../solver/schedule/dispatch-queue.ts";

const CANDIDATES = 4;
const stepArb = fc.oneof(
  fc.record({ push: fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 20 })) }),
  fc.record({ look: fc.integer({ min: 0, max: CANDIDATES }), take: fc.integer({ min: -1, max: CANDIDATES - 1 }) }),
);

describe("dispatch queue", () => {
  it("gives entries in (key, operation) order, with the candidates a pick leaves back in front", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 60 }), (steps) => {
        const queue = new DispatchQueue(CANDIDATES);
        let model: Array<[number, number]> = [];
        for (const step of steps) {
          if ("push" in step) {
            queue.push(step.push[0], step.push[1]);
            model.push(step.push);
            continue;
          }
          model.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          // A pick looks at up to `look` distinct operations; a repeat of one is dropped, as the dispatcher does.
          const ops: number[] = [];
          const keys: number[] = [];
          const left: Array<[number, number]> = [];
          let i = 0;
          for (; i < model.length && ops.length < step.look; i++) {
            const op = queue.next();
            expect([queue.key, op]).toEqual(model[i]);
            if (ops.includes(op)) continue;
            ops.push(op);
            keys.push(queue.key);
            left.push(model[i]!);
          }
          // The pick takes one of them (or none): the rest stay queued.
          const taken = step.take >= 0 && step.take < ops.length ? ops[step.take]! : -1;
          queue.keep(ops, keys, taken);
          model = [...left.filter((entry) => entry[1] !== taken), ...model.slice(i)];
          expect(queue.size).toBe(model.length);
        }
        model.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        for (const entry of model) {
          const op = queue.next();
          expect([queue.key, op]).toEqual(entry);
        }
        expect(queue.size).toBe(0);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
