#!/usr/bin/env python3
"""Per-thread CPU and run-queue wait of processes, from /proc/<pid>/task/<tid>/schedstat.

  schedstat.py snapshot PID [PID...] > FILE       one line per thread: pid tid comm run_ns wait_ns slices preempted
  schedstat.py report BEFORE AFTER REQUESTS SECONDS

The report tells work from waiting: for the event loop, the time it ran and the time it was
runnable but waited for a CPU (the kernel's run-queue delay), per second of load and per 100k
requests; for every other thread group of the JVM (collector, JIT, timers), the CPU it took from
the same two cores; for the other processes (wrk, Redis), their CPU.
"""
import os
import re
import sys


def snapshot(pids):
    for pid in pids:
        try:
            tids = sorted(int(t) for t in os.listdir(f"/proc/{pid}/task"))
        except FileNotFoundError:
            continue
        for tid in tids:
            try:
                comm = open(f"/proc/{pid}/task/{tid}/comm").read().strip().replace(" ", "_")
                run, wait, slices = open(f"/proc/{pid}/task/{tid}/schedstat").read().split()
                status = open(f"/proc/{pid}/task/{tid}/status").read()
            except (FileNotFoundError, ProcessLookupError, ValueError):
                continue  # the thread ended between the listing and the read
            # taken off its CPU while it still had work, as opposed to going to sleep (epoll, a lock)
            preempted = re.search(r"nonvoluntary_ctxt_switches:\s*(\d+)", status).group(1)
            print(pid, tid, comm, run, wait, slices, preempted)


def load(path):
    threads = {}
    for line in open(path):
        pid, tid, comm, *numbers = line.split()
        threads[(pid, tid)] = (comm, *map(int, numbers))
    return threads


def group(comm):
    # thread names without their numbers: ZWorkerYoung#0 and #1 are one group
    return re.sub(r"[#-]?\d+$", "", comm)


def report(before_path, after_path, requests, seconds):
    before, after = load(before_path), load(after_path)
    main_pid = next(iter(after))[0] if after else None
    groups, processes = {}, {}
    names = {pid: comm for (pid, tid), (comm, *_) in after.items() if pid == tid}
    loop = [0, 0, 0, 0]
    for key, (comm, *now) in after.items():
        then = before.get(key, (comm, 0, 0, 0, 0))[1:]
        d = [a - b for a, b in zip(now, then)]
        if key[0] != main_pid:
            p = processes.setdefault(names.get(key[0], key[0]), [0, 0])
            p[0] += d[0]
            p[1] += d[1]
            continue
        if comm.startswith("vert.x-eventloo"):
            loop = [a + b for a, b in zip(loop, d)]
        g = groups.setdefault(group(comm), [0, 0, 0, 0])
        g[0] += d[0]
        g[1] += d[1]
        g[2] += d[2]
        g[3] += 1
    per_s = 1e6 * seconds  # ns -> ms per second of load
    per_100k = 1e6 * requests / 1e5
    print(f"event loop: ran {loop[0] / per_s:.0f} ms/s ({loop[0] / max(requests, 1) / 1e3:.2f} us a request), "
          f"waited for a CPU {loop[1] / per_s:.1f} ms/s ({loop[1] / per_100k:.1f} ms per 100k requests), "
          f"{loop[2] / seconds:.0f} slices/s, {loop[1] / max(loop[2], 1) / 1e3:.1f} us waited a slice, "
          f"preempted {loop[3] / seconds:.0f}/s ({loop[3] / max(requests, 1) * 1e5:.0f} per 100k requests)")
    # a thread that wakes up often takes a core from the loop as often, however little it then runs
    print("other JVM threads: CPU ms/s, run-queue wait ms/s, slices/s [threads]:")
    total = [0, 0]
    for name, (run, wait, slices, n) in sorted(groups.items(), key=lambda kv: -kv[1][0]):
        if name.startswith("vert.x-eventloo"):
            continue
        total[0] += run
        total[1] += slices
        if run / per_s >= 1 or slices / seconds >= 50:
            print(f"  {run / per_s:6.1f} {wait / per_s:6.1f} {slices / seconds:7.0f} [{n}] {name}")
    print(f"  {total[0] / per_s:6.1f}        {total[1] / seconds:7.0f} in all")
    for name, (run, wait) in sorted(processes.items(), key=lambda kv: -kv[1][0]):
        print(f"process {name}: CPU {run / per_s:.0f} ms/s, run-queue wait {wait / per_s:.1f} ms/s")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "snapshot":
        snapshot(sys.argv[2:])
    elif len(sys.argv) == 6 and sys.argv[1] == "report":
        report(sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]))
    else:
        sys.exit(__doc__)
