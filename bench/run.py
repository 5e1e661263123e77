#!/usr/bin/env python3
"""flagdraft beside `vim -u NONE` and a bare ratatui-textarea program, in a real
pseudo-terminal: time and CPU time to the first frame with 100 drafts, keystroke to
echo in a 10,000- and a 100,000-word text, quit with a final save, peak memory; and
`flagdraft check` on 1,000 words of the project's corpus as a whole process, its time
beside proselint's and its peak memory. Prints medians and p99, and the ratios.

Usage: python3 bench/run.py [--quick | --smoke]   (builds the binaries itself)

  (nothing)  two full runs, in a release build
  --quick    two short runs, in a release build
  --smoke    one very short pass of every measure in a debug build, judging no
             figure: exits 1 when any measure cannot be taken (no output, a timeout,
             a crash). CI runs it.

Every program started here is ended and waited for before the next one starts (the
app allows one window per data folder), and nothing is left behind: no process, no
temporary folder, whatever way the run ends.
"""
import argparse, fcntl, os, pty, re, select, shutil, signal, statistics, struct
import subprocess, sys, tempfile, termios, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROWS, COLS = 40, 120
WORDS = ["clinic", "patients", "rotation", "I", "planned", "reading", "feedback",
         "weekly", "children", "adults", "handoffs", "improved"]
# The 1,000-word text for `check` is taken from here; benches/core.rs builds the same.
CORPUS = os.path.join(ROOT, "tests", "corpus", "good")
# proselint is installed here when it is not on PATH (kept between runs, like target/).
VENV = os.path.join(ROOT, "target", "bench-venv")


class Mode:
    def __init__(self, name):
        self.name = name
        self.smoke = name == "smoke"
        full = name == "full"
        self.passes = 1 if self.smoke else 2
        self.starts = 15 if full else 5 if name == "quick" else 1
        self.keys, self.gap = (200, 0.06) if full else (40, 0.05) if name == "quick" else (3, 0.05)
        self.checks, self.prose_runs = (21, 5) if full else (11, 3) if name == "quick" else (1, 1)
        # A debug build answers a key in a 100,000-word text in seconds, not milliseconds.
        self.key_timeout = 30.0 if self.smoke else 5.0


class Failure(Exception):
    """A measure could not be taken."""


# Every program in a pseudo-terminal that has not been waited for yet.
LIVE = set()


def kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def words(n):
    return " ".join(WORDS[i % len(WORDS)] for i in range(n))


class Pty:
    """A program in a pseudo-terminal of ROWS x COLS, in a session of its own."""

    def __init__(self, argv, env):
        self.name = os.path.basename(argv[0])
        self.start = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd, self.out, self.status = pid, fd, b"", None
        LIVE.add(self)

    def read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return b""
        try:
            chunk = os.read(self.fd, 1 << 20)
        except OSError:  # the program has ended and closed the terminal
            chunk = b""
        if not chunk:
            self.reap(block=False)
            return b""
        self.out += chunk
        return chunk

    def reap(self, block):
        """Collect the exit status; True once the program has ended."""
        if self.status is None:
            pid, status = os.waitpid(self.pid, 0 if block else os.WNOHANG)
            if pid:
                self.status = status
        return self.status is not None

    def ended(self):
        return self.status is not None or self.reap(block=False)

    def fail(self, what):
        how = (f"it exited ({os.waitstatus_to_exitcode(self.status)})"
               if self.status is not None else "it is still running")
        self.close()
        raise Failure(f"{self.name}: {what}; {how}; output ended with {self.out[-300:]!r}")

    def wait_for(self, marker, timeout=20.0, since=0):
        """Seconds from the start until `marker` is drawn (after byte `since`)."""
        end = time.perf_counter() + timeout
        while self.out.find(marker.encode(), since) < 0:
            if self.ended():
                self.drain(0.0)
                if self.out.find(marker.encode(), since) >= 0:
                    break
                self.fail(f"never showed {marker!r}")
            if time.perf_counter() > end:
                self.fail(f"never showed {marker!r} within {timeout:.0f} s")
            self.read(0.05)
        return time.perf_counter() - self.start

    def drain(self, quiet=0.2):
        while self.read(quiet):
            pass

    def cpu_ns(self):
        with open(f"/proc/{self.pid}/schedstat") as f:
            return int(f.read().split()[0])

    def peak_kib(self):
        with open(f"/proc/{self.pid}/status") as f:
            return int(re.search(r"VmHWM:\s+(\d+)", f.read()).group(1))

    def key_latency(self, key=b"x", timeout=5.0):
        """Seconds from writing a key to the first byte drawn in answer."""
        self.drain(0.0)
        t0 = time.perf_counter()
        os.write(self.fd, key)
        while not self.read(1.0):
            if self.ended():
                self.fail("ended while typing")
            if time.perf_counter() - t0 > timeout:
                self.fail(f"no echo within {timeout:.0f} s")
        return time.perf_counter() - t0

    def quit(self, keys=None, timeout=10.0):
        """End the program (with `keys`, or SIGKILL to its session) and wait for it.
        Seconds from the keys to its exit."""
        t0 = time.perf_counter()
        if keys:
            os.write(self.fd, keys)
        else:
            kill_group(self.pid)
        while not self.ended():
            self.read(0.01)
            if time.perf_counter() - t0 > timeout:
                self.fail(f"did not quit within {timeout:.0f} s")
        spent = time.perf_counter() - t0
        self.close()
        return spent

    def quit_after(self, marker):
        self.wait_for(marker)
        self.quit()

    def close(self):
        """Kill whatever is left of it, wait for it, close the terminal."""
        if self not in LIVE:
            return
        if self.status is None:  # once reaped, its id may already name another process
            kill_group(self.pid)
            self.reap(block=True)
        os.close(self.fd)
        LIVE.discard(self)


def close_all():
    for p in list(LIVE):
        p.close()


def run_child(argv, env, timeout, stdout=subprocess.DEVNULL):
    """Run a program to its end as a whole process, in a session of its own.
    Returns (seconds, exit code, peak resident memory in KiB)."""
    timed_out, done = [], []

    def expire():
        if not done:
            timed_out.append(True)
            kill_group(p.pid)

    t0 = time.perf_counter()
    p = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=stdout,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    timer = threading.Timer(timeout, expire)
    timer.start()
    try:
        _, status, usage = os.wait4(p.pid, 0)
        spent = time.perf_counter() - t0
        done.append(True)
    except BaseException:
        kill_group(p.pid)
        p.wait()
        raise
    finally:
        timer.cancel()
    p.returncode = code = os.waitstatus_to_exitcode(status)
    if timed_out:
        raise Failure(f"{os.path.basename(argv[0])} took over {timeout:.0f} s")
    return spent, code, usage.ru_maxrss


def env(data=None):
    e = dict(os.environ, TERM="xterm-256color", NO_COLOR="")
    if data:
        e.update(FLAGDRAFT_DATA_DIR=data, FLAGDRAFT_CONFIG_DIR=os.path.join(data, "cfg"))
    return e


def install_vim():
    """vim is the yardstick; fetch it from the distribution when it is missing."""
    if shutil.which("vim"):
        return
    if not shutil.which("apt-get"):
        raise SystemExit("vim is needed as the yardstick; install it and run again")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=False)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "vim"], check=True)


def build(mode):
    """The app and the floor: release builds to measure, a debug build for the smoke
    pass (which judges no figure, and whose build CI has already made for the tests)."""
    release = [] if mode.smoke else ["--release"]
    subprocess.run(["cargo", "build", *release, "--bin", "flagdraft",
                    "--example", "textarea-floor"], cwd=ROOT, check=True)
    # Where cargo puts what it builds: CARGO_TARGET_DIR when set, else target/.
    target_dir = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    target = os.path.join(target_dir, "debug" if mode.smoke else "release")
    return os.path.join(target, "flagdraft"), os.path.join(target, "examples", "textarea-floor")


def fnv1a(text):
    """The draft file name flagdraft gives a flag id (FNV-1a, 64 bits)."""
    h = 0xcbf29ce484222325
    for b in text.encode():
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}.ron"


def data_folder(flagdraft, big_words, tmp, tag):
    """A data folder with the demo profile and 100 drafts; the Step 1 draft's first
    part holds `big_words` words and its other parts a short answer each."""
    data = os.path.join(tmp, f"data-{tag}-{big_words}")

    def run(*args):
        _, code, _ = run_child([flagdraft, *args], env(data), timeout=60)
        if code != 0:
            raise Failure(f"flagdraft {' '.join(args)} exited {code} in {data}")

    run("init", "--demo")
    run("drafts")
    drafts = os.path.join(data, "drafts")
    files = sorted(f for f in os.listdir(drafts) if f.endswith(".ron"))
    step1 = next(f for f in files if "exam_failure:step1" in open(os.path.join(drafts, f)).read())
    text = open(os.path.join(drafts, step1)).read()
    # Every other part answered, so the draft opens on the big one.
    filled = ('parts: {\n        "fact": "%s",\n        "reason": "I relied on rereading notes.",\n'
              '        "actions": "I planned timed question blocks.",\n'
              '        "result": "I passed in September 2019.",\n'
              '        "link": "Planning helps me in Med-Peds.",\n    },') % words(big_words)
    text = re.sub(r"parts: \{.*?\n    \},", filled, text, flags=re.S)
    open(os.path.join(drafts, step1), "w").write(text)
    extra = next(f for f in files if f != step1)
    template = open(os.path.join(drafts, extra)).read()
    # A draft of one flag: a story's list of the other flags it explains would make
    # every copy explain the demo's flags too, and none of them an orphan.
    template = re.sub(r"\n    covers: \[.*?\n    \],", "", template, flags=re.S)
    for i in range(100 - len(files)):
        flag = f"training_gap:bench-{i}"
        body = re.sub(r'flag: "[^"]+"', f'flag: "{flag}"', template)
        open(os.path.join(drafts, fnv1a(flag)), "w").write(body)
    # One start to settle the folder (the extra drafts become orphans, and are saved).
    run("drafts")
    return data, os.path.join(drafts, step1)


def startup(argv, data, marker, runs):
    """Median wall and CPU seconds to the first frame. Each instance is ended and
    waited for before the next starts."""
    wall, cpu = [], []
    Pty(argv, env(data)).quit_after(marker)  # warm the page cache; not counted
    for _ in range(runs):
        p = Pty(argv, env(data))
        wall.append(p.wait_for(marker))
        cpu.append(p.cpu_ns() / 1e9)
        p.quit()
    return statistics.median(wall), statistics.median(cpu)


def typing(p, mode):
    lat = []
    for _ in range(mode.keys):
        lat.append(p.key_latency(timeout=mode.key_timeout))
        time.sleep(mode.gap)
    lat.sort()
    return statistics.median(lat), lat[min(len(lat) - 1, int(len(lat) * 0.99))]


def open_flagdraft_draft(flagdraft, data):
    """The app on the Step 1 draft (the most serious flag, so first on Home), its
    editor holding the big part ("What happened")."""
    p = Pty([flagdraft], env(data))
    p.wait_for("quit")
    at = len(p.out)
    os.write(p.fd, b"g\r")
    p.wait_for("What was found", since=at)
    p.wait_for("Failed USMLE attempt (Step 1)", since=at)
    at = len(p.out)
    os.write(p.fd, b"\r")
    p.wait_for("┌ What happened ", since=at)
    p.drain(1.5)
    return p


def measure_startup(flagdraft, mode, tmp):
    data, _ = data_folder(flagdraft, 10_000, tmp, "start")
    vfile = os.path.join(tmp, "vim-start.txt")
    open(vfile, "w").write(words(300) + "\n")
    fw, fc = startup([flagdraft], data, "quit", mode.starts)
    vw, vc = startup(["vim", "-u", "NONE", "-n", vfile], None, "vim-start.txt\"", mode.starts)
    return [("first frame, 100 drafts (wall)", fw, vw, None),
            ("first frame, 100 drafts (CPU)", fc, vc, None)], None


def measure_typing(n):
    def measure(flagdraft, floor, mode, tmp):
        data, step1 = data_folder(flagdraft, n, tmp, "type")
        text = os.path.join(tmp, f"text-{n}.txt")
        open(text, "w").write(words(n) + "\n")
        p = open_flagdraft_draft(flagdraft, data)
        f_med, f_p99 = typing(p, mode)
        peak = p.peak_kib() if n == 10_000 else None
        quit_s = p.quit(b"\x03", timeout=30)
        # The keys went into the big part, and the final save kept every one.
        fact = re.search(r'"fact": "([^"]*)"', open(step1).read())
        if not fact or fact.group(1).count("x") != mode.keys:
            raise Failure(f"the {n:,}-word part does not hold the {mode.keys} keys typed")
        p = Pty(["vim", "-u", "NONE", "-n", text], env())
        p.wait_for(f"text-{n}.txt\"")
        os.write(p.fd, b"A")
        p.drain(0.5)
        v_med, v_p99 = typing(p, mode)
        p.quit()
        p = Pty([floor, text], env())
        p.wait_for("┘")
        p.drain(1.0)
        t_med, t_p99 = typing(p, mode)
        p.quit()
        return [(f"key to echo, {n:,} words (median)", f_med, v_med, t_med),
                (f"key to echo, {n:,} words (p99)", f_p99, v_p99, t_p99),
                (f"quit with final save, {n:,} words", quit_s, None, None)], peak
    return measure


def print_table(label, rows, peak):
    print(f"\n{label}")
    print(f"{'measure':<40}{'flagdraft':>12}{'vim -u NONE':>13}{'textarea':>11}{'vs vim':>9}{'vs floor':>10}")
    ms = lambda x: f"{x * 1000:.2f} ms" if x is not None else "-"
    ratio = lambda a, b: f"{a / b:.2f}x" if a and b else "-"
    for name, f, v, t in rows:
        print(f"{name:<40}{ms(f):>12}{ms(v):>13}{ms(t):>11}{ratio(f, v):>9}{ratio(f, t):>10}")
    if peak is not None:
        print(f"{'peak memory, 100 drafts open':<40}{peak / 1024:>9.1f} MiB")


def corpus_text(n=1000):
    """`n` words of the good corpus: its texts in name order, each as one paragraph,
    a blank line between them, the last one cut so the count is exact."""
    parts, count = [], 0
    for name in sorted(os.listdir(CORPUS)):
        if count == n:
            break
        if name.endswith(".txt"):
            ws = open(os.path.join(CORPUS, name), encoding="utf-8").read().split()[: n - count]
            parts.append(" ".join(ws))
            count += len(ws)
    if count < n:
        raise Failure(f"{CORPUS} holds only {count} words")
    return "\n\n".join(parts) + "\n"


def proselint_argv():
    """How to run proselint on a file, installing it into a virtual environment under
    target/ the first time it is needed; or why it cannot be had."""
    found = shutil.which("proselint")
    prose = os.path.join(VENV, "bin", "proselint")
    if not found and not os.path.exists(prose):
        print(f"installing proselint into {os.path.relpath(VENV, ROOT)} ...", flush=True)
        shutil.rmtree(VENV, ignore_errors=True)
        made = subprocess.run([sys.executable, "-m", "venv", VENV],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
        if made:
            try:
                subprocess.run([os.path.join(VENV, "bin", "python"), "-m", "pip", "install",
                                "--quiet", "--timeout", "15", "--retries", "1", "proselint"],
                               check=False, timeout=180)
            except subprocess.TimeoutExpired:
                pass
        if not os.path.exists(prose):
            shutil.rmtree(VENV, ignore_errors=True)
            return None, "proselint could not be installed (no python3 -m venv, or no PyPI)"
    prose = found or prose
    # proselint 0.16 checks with `proselint check FILE`; older ones with `proselint FILE`.
    newer = subprocess.run([prose, "version"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL).returncode == 0
    return ([prose, "check"] if newer else [prose]), None


def row(name, value):
    print(f"{name:<48}{value:>22}", flush=True)


def measure_check(flagdraft, mode, tmp):
    """`flagdraft check` on 1,000 words as a whole process: time beside proselint and
    peak memory (from the kernel's account of each finished process)."""
    text = os.path.join(tmp, "check-1000.txt")
    open(text, "w").write(corpus_text())
    home = os.path.join(tmp, "check-data")
    out = os.path.join(tmp, "check-out.txt")
    with open(out, "w") as f:
        _, code, _ = run_child([flagdraft, "check", text], env(home), 30, stdout=f)
    if code not in (0, 1) or os.path.getsize(out) == 0:
        raise Failure(f"flagdraft check exited {code} with {os.path.getsize(out)} bytes of findings")

    def timed(argv, runs, e):
        times, peaks = [], []
        for _ in range(runs):
            spent, code, peak = run_child([*argv, text], e, 60)
            if code not in (0, 1):  # 1: it found something
                raise Failure(f"{' '.join(argv)} exited {code}")
            times.append(spent)
            peaks.append(peak)
        return statistics.median(times), max(peaks)

    f, f_peak = timed([flagdraft, "check"], mode.checks, env(home))
    print()
    row("flagdraft check, 1,000 words (whole process)", f"{f * 1000:.2f} ms")
    row("peak memory, flagdraft check, 1,000 words", f"{f_peak / 1024:.1f} MiB")
    row(*dictionary_ready(flagdraft))
    prose, why = proselint_argv()
    if prose is None:
        row("proselint, 1,000 words", "skipped")
        if mode.smoke:  # the smoke pass is about flagdraft's measures
            print(why)
            return
        raise Failure(why)
    timed(prose, 1, env())  # its imports into the page cache; not counted
    p, p_peak = timed(prose, mode.prose_runs, env())
    row("proselint, 1,000 words (whole process)", f"{p * 1000:.1f} ms")
    row("peak memory, proselint, 1,000 words", f"{p_peak / 1024:.1f} MiB")
    row("proselint / flagdraft check", f"{p / f:.1f}x")


def dictionary_ready(flagdraft):
    """Time from start to the spelling dictionary being ready. The app loads the
    dictionary after its first frame and shows nothing when it is ready, so the moment
    cannot be seen from outside; it is measured in process by `cargo bench`. Should the
    app ever mark it on screen, wait for that mark here, as `startup` waits for the
    first frame, and return the seconds."""
    return "start to dictionary ready", "in process: cargo bench"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--quick", action="store_true", help="two short runs")
    group.add_argument("--smoke", action="store_true",
                       help="one very short pass of every measure; judges no figure")
    args = ap.parse_args()
    mode = Mode("smoke" if args.smoke else "quick" if args.quick else "full")

    # A signal ends the run through the `finally` below, as Ctrl-C does.
    def stop(sig, _frame):
        raise SystemExit(128 + sig)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, stop)

    began = time.perf_counter()
    install_vim()
    flagdraft, floor = build(mode)
    failures = []
    tmp = tempfile.mkdtemp(prefix="flagdraft-bench-")
    try:
        def take(name, fn, *a):
            t0 = time.perf_counter()
            try:
                return fn(*a)
            except Failure as e:
                failures.append(f"{name}: {e}")
                print(f"FAILED {name}: {e}", flush=True)
                return None
            finally:
                close_all()
                if mode.smoke:
                    print(f"  {name}: {time.perf_counter() - t0:.1f} s", flush=True)

        for i in range(1, mode.passes + 1):
            sub = tempfile.mkdtemp(dir=tmp)
            rows, peak = [], None
            got = take("first frame", measure_startup, flagdraft, mode, sub)
            if got:
                rows += got[0]
            for n in (10_000, 100_000):
                got = take(f"typing, {n:,} words", measure_typing(n), flagdraft, floor, mode, sub)
                if got:
                    rows += got[0]
                    peak = got[1] if got[1] is not None else peak
            print_table(f"run {i} of {mode.passes}", rows, peak)
            shutil.rmtree(sub)
        take("check", measure_check, flagdraft, mode, tmp)
    finally:
        close_all()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\n{mode.name} run took {time.perf_counter() - began:.0f} s")
    if failures:
        print(f"{len(failures)} measure(s) could not be taken:", *failures, sep="\n  ")
        sys.exit(1)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:  # everything started is ended by then
        sys.exit(130)
