/**
 * Brandimarte's flexible job-shop format (`.fjs`, Brandimarte 1993): `jobs machines [flexibility]`, then one
 * line per job: the number of operations, then per operation the number of alternatives k and k pairs
 * `machine time` with machines 1-based. Returned machines are 0-based.
 */
import type { JobShopInstance } from "./instance.ts";
import { numbersOf } from "./instance.ts";

export function parseFjs(text: string, name: string): JobShopInstance {
  const lines = text.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const header = numbersOf(lines[0] ?? "", `${name} header`);
  const [n, m] = header;
  if (n === undefined || m === undefined) throw new SyntaxError(`${name}: expected a header "jobs machines"`);
  if (lines.length < 1 + n) throw new SyntaxError(`${name}: expected ${n} job lines, found ${lines.length - 1}`);
  const jobs = lines.slice(1, 1 + n).map((line, j) => {
    const v = numbersOf(line, `${name} job ${j}`);
    let at = 0;
    const next = () => {
      if (at >= v.length) throw new SyntaxError(`${name}: job ${j} line ends early`);
      return v[at++]!;
    };
    return Array.from({ length: next() }, (_, k) => {
      const count = next();
      // The search needs a machine for every operation and times that do not run backwards.
      if (!(count >= 1)) throw new SyntaxError(`${name}: job ${j} operation ${k} has ${count} machines, expected at least 1`);
      return Array.from({ length: count }, () => {
        const machine = next() - 1;
        if (!Number.isInteger(machine) || machine < 0 || machine >= m) throw new SyntaxError(`${name}: job ${j} operation ${k} names machine ${machine + 1}, expected 1…${m}`);
        const time = next();
        if (time < 0) throw new SyntaxError(`${name}: job ${j} operation ${k} has the negative time ${time}`);
        return { machine, time };
      });
    });
  });
  return { name, machineCount: m, jobs };
}
