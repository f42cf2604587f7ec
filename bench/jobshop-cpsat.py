"""OR-tools CP-SAT on one job-shop (OR-Library) or flexible job-shop (Brandimarte .fjs) instance, for the
side-by-side comparison of `npm run bench:jobshop -- --cpsat`.

    python3 bench/jobshop-cpsat.py FILE SECONDS THREADS SEED

prints one JSON line: {"makespan": int | null, "status": "OPTIMAL" | "FEASIBLE" | ..., "seconds": float}.
The model is the textbook one: an interval per operation (optional intervals, one per alternative, for the
flexible job shop), the routes as precedences, NoOverlap per machine, minimise the makespan.
"""
import json
import sys
import time

from ortools.sat.python import cp_model


def read(path):
    numbers = [int(float(t)) for line in open(path) if not line.lstrip().startswith("#") for t in line.split()]
    if path.endswith(".fjs"):
        # jobs machines [flexibility]; per job: ops, then per op: k, then k pairs (machine 1-based, time).
        lines = [l.split() for l in open(path) if l.strip()]
        n, m = int(lines[0][0]), int(lines[0][1])
        jobs = []
        for line in lines[1 : 1 + n]:
            v = [int(x) for x in line]
            at, ops = 1, []
            for _ in range(v[0]):
                k = v[at]
                ops.append([(v[at + 1 + 2 * i] - 1, v[at + 2 + 2 * i]) for i in range(k)])
                at += 1 + 2 * k
            jobs.append(ops)
        return m, jobs
    n, m = numbers[0], numbers[1]
    jobs = [[[(numbers[2 + 2 * (j * m + k)], numbers[3 + 2 * (j * m + k)])] for k in range(m)] for j in range(n)]
    return m, jobs


def solve(path, seconds, threads, seed):
    machines, jobs = read(path)
    horizon = sum(max(t for _, t in op) for job in jobs for op in job)
    model = cp_model.CpModel()
    per_machine = [[] for _ in range(machines)]
    ends = []
    for j, job in enumerate(jobs):
        previous_end = None
        for k, alternatives in enumerate(job):
            start = model.new_int_var(0, horizon, f"s{j}_{k}")
            end = model.new_int_var(0, horizon, f"e{j}_{k}")
            if len(alternatives) == 1:
                machine, duration = alternatives[0]
                per_machine[machine].append(model.new_interval_var(start, duration, end, f"i{j}_{k}"))
            else:
                chosen = []
                for a, (machine, duration) in enumerate(alternatives):
                    present = model.new_bool_var(f"p{j}_{k}_{a}")
                    per_machine[machine].append(model.new_optional_interval_var(start, duration, end, present, f"i{j}_{k}_{a}"))
                    chosen.append(present)
                model.add_exactly_one(chosen)
            if previous_end is not None:
                model.add(start >= previous_end)
            previous_end = end
        if previous_end is not None:
            ends.append(previous_end)
    for intervals in per_machine:
        if len(intervals) > 1:
            model.add_no_overlap(intervals)
    makespan = model.new_int_var(0, horizon, "makespan")
    model.add_max_equality(makespan, ends)
    model.minimize(makespan)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = threads
    solver.parameters.random_seed = seed
    began = time.perf_counter()
    status = solver.solve(model)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return {"makespan": int(solver.objective_value) if found else None, "status": solver.status_name(status), "seconds": time.perf_counter() - began}


if __name__ == "__main__":
    file, seconds, threads, seed = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    print(json.dumps(solve(file, seconds, threads, seed)))
