/**
 * OR-Library job-shop format (Beasley 1990; JSPLIB): `n m`, then per job m pairs `machine time` in route
 * order, machines 0-based. Lines starting with `#` are comments.
 */
import type { JobShopInstance } from "./instance.ts";
import { numbersOf } from "./instance.ts";

export function parseOrLibrary(text: string, name: string): JobShopInstance {
  const body = text.split("\n").filter((line) => !line.trimStart().startsWith("#")).join("\n");
  const v = numbersOf(body, name);
  const [n, m] = v;
  if (n === undefined || m === undefined || v.length < 2 + 2 * n * m) throw new SyntaxError(`${name}: expected "n m" and n × m machine/time pairs`);
  const jobs = Array.from({ length: n }, (_, j) =>
    Array.from({ length: m }, (_, k) => {
      const at = 2 + 2 * (j * m + k);
      const machine = v[at]!;
      if (!Number.isInteger(machine) || machine < 0 || machine >= m) throw new SyntaxError(`${name}: job ${j} operation ${k} has machine ${machine}, expected 0…${m - 1}`);
      const time = v[at + 1]!;
      if (time < 0) throw new SyntaxError(`${name}: job ${j} operation ${k} has the negative time ${time}`);
      return [{ machine, time }];
    }),
  );
  return { name, machineCount: m, jobs };
}
