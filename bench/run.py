#!/usr/bin/env python3
"""flagdraft beside `vim -u NONE` and a bare ratatui-textarea program, in a real
pseudo-terminal: time and CPU time to the first frame with 100 drafts, keystroke to
echo in a 10,000- and a 100,000-word text, quit with a final save, peak memory, and
`flagdraft check` beside proselint. Prints medians and p99, and the ratios.

Usage: python3 bench/run.py [--quick]   (builds the release binaries itself)
"""
import fcntl, os, pty, re, select, shutil, signal, statistics, struct, subprocess
import sys, tempfile, termios, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUICK = "--quick" in sys.argv
ROWS, COLS = 40, 120
WORDS = ["clinic", "patients", "rotation", "I", "planned", "reading", "feedback",
         "weekly", "children", "adults", "handoffs", "improved"]


def words(n):
    return " ".join(WORDS[i % len(WORDS)] for i in range(n))


class Pty:
    """A program in a pseudo-terminal of ROWS x COLS."""

    def __init__(self, argv, env):
        self.start = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            os.execvpe(argv[0], argv, env)
        self.pid, self.fd, self.out = pid, fd, b""

    def read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return b""
        try:
            chunk = os.read(self.fd, 1 << 20)
        except OSError:
            return b""
        self.out += chunk
        return chunk

    def wait_for(self, marker, timeout=20.0):
        end = time.perf_counter() + timeout
        while marker.encode() not in self.out:
            if time.perf_counter() > end:
                raise SystemExit(f"never saw {marker!r}; output ended with {self.out[-300:]!r}")
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

    def key_latency(self, key=b"x"):
        """Seconds from writing a key to the first byte drawn in answer."""
        self.drain(0.0)
        t0 = time.perf_counter()
        os.write(self.fd, key)
        while not self.read(1.0):
            if time.perf_counter() - t0 > 5:
                raise SystemExit("no echo within 5 s")
        return time.perf_counter() - t0

    def quit(self, keys=None):
        t0 = time.perf_counter()
        if keys:
            os.write(self.fd, keys)
        else:
            os.kill(self.pid, signal.SIGKILL)
        while True:
            self.read(0.01)
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                return time.perf_counter() - t0


def env(data=None):
    e = dict(os.environ, TERM="xterm-256color", NO_COLOR="")
    if data:
        e.update(FLAGDRAFT_DATA_DIR=data, FLAGDRAFT_CONFIG_DIR=os.path.join(data, "cfg"))
    return e


def install_vim():
    """vim is the yardstick; fetch it from the distribution when it is missing."""
    if shutil.which("vim"):
        return
    subprocess.run(["apt-get", "update", "-qq"], check=False)
    subprocess.run(["apt-get", "install", "-y", "-qq", "vim"], check=True)


def build():
    subprocess.run(["cargo", "build", "--release", "--bin", "flagdraft",
                    "--example", "textarea-floor"], cwd=ROOT, check=True)
    target = os.path.join(ROOT, "target", "release")
    return os.path.join(target, "flagdraft"), os.path.join(target, "examples", "textarea-floor")


def fnv1a(text):
    """The draft file name flagdraft gives a flag id (FNV-1a, 64 bits)."""
    h = 0xcbf29ce484222325
    for b in text.encode():
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}.ron"


def data_folder(flagdraft, big_words, tmp, tag):
    """A data folder with the demo profile and 100 drafts; the Step 1 draft's first
    part holds `big_words` words and its other parts a sentence each."""
    data = os.path.join(tmp, f"data-{tag}-{big_words}")
    run = lambda *a: subprocess.run([flagdraft, *a], env=env(data), check=True,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    run("init", "--demo")
    run("drafts")
    drafts = os.path.join(data, "drafts")
    files = sorted(f for f in os.listdir(drafts) if f.endswith(".ron"))
    step1 = next(f for f in files if "exam_failure:step1" in open(os.path.join(drafts, f)).read())
    text = open(os.path.join(drafts, step1)).read()
    filled = ('parts: {\n        "fact": "%s",\n        "reason": "I relied on rereading.",\n'
              '        "actions": "I planned timed blocks.",\n        "result": "I passed.",\n'
              '        "link": "Planning helps in Med-Peds.",\n    },') % words(big_words)
    text = re.sub(r"parts: \{.*?\n    \},", filled, text, flags=re.S)
    open(os.path.join(drafts, step1), "w").write(text)
    extra = next(f for f in files if f != step1)
    template = open(os.path.join(drafts, extra)).read()
    for i in range(100 - len(files)):
        flag = f"training_gap:bench-{i}"
        body = re.sub(r'flag: "[^"]+"', f'flag: "{flag}"', template)
        open(os.path.join(drafts, fnv1a(flag)), "w").write(body)
    # One start to settle the folder (the extra drafts become orphans, and are saved).
    run("drafts")
    return data


def startup(argv, data, marker, runs):
    wall, cpu = [], []
    Pty(argv, env(data)).wait_for(marker)  # warm the page cache; not counted
    for _ in range(runs):
        p = Pty(argv, env(data))
        wall.append(p.wait_for(marker))
        cpu.append(p.cpu_ns() / 1e9)
        p.quit()
    return statistics.median(wall), statistics.median(cpu)


def typing(p, keys, gap):
    lat = []
    for _ in range(keys):
        lat.append(p.key_latency())
        time.sleep(gap)
    lat.sort()
    return statistics.median(lat), lat[min(len(lat) - 1, int(len(lat) * 0.99))]


def open_flagdraft_draft(flagdraft, data):
    p = Pty([flagdraft], env(data))
    p.wait_for("quit")
    os.write(p.fd, b"jjj\r")
    p.wait_for("exam_failure:step1")
    os.write(p.fd, b"\r")
    p.wait_for("What happened")
    p.drain(1.5)
    return p


def run_once(flagdraft, floor, tmp, label):
    keys, gap = (40, 0.05) if QUICK else (200, 0.06)
    runs = 5 if QUICK else 15
    rows = []
    data = data_folder(flagdraft, 10_000, tmp, "start")
    vfile = os.path.join(tmp, "vim-start.txt")
    open(vfile, "w").write(words(300) + "\n")
    fw, fc = startup([flagdraft], data, "quit", runs)
    vw, vc = startup(["vim", "-u", "NONE", "-n", vfile], None, "vim-start.txt\"", runs)
    rows.append(("first frame, 100 drafts (wall)", fw, vw, None))
    rows.append(("first frame, 100 drafts (CPU)", fc, vc, None))
    peak = None
    for n in (10_000, 100_000):
        data = data_folder(flagdraft, n, tmp, "type")
        text = os.path.join(tmp, f"text-{n}.txt")
        open(text, "w").write(words(n) + "\n")
        p = open_flagdraft_draft(flagdraft, data)
        f_med, f_p99 = typing(p, keys, gap)
        if n == 10_000:
            peak = p.peak_kib()
        quit_s = p.quit(b"\x03")
        p = Pty(["vim", "-u", "NONE", "-n", text], env())
        p.wait_for(f"text-{n}.txt\"")
        os.write(p.fd, b"A")
        p.drain(0.5)
        v_med, v_p99 = typing(p, keys, gap)
        p.quit()
        p = Pty([floor, text], env())
        p.wait_for("┘")
        p.drain(1.0)
        t_med, t_p99 = typing(p, keys, gap)
        p.quit()
        rows.append((f"key to echo, {n:,} words (median)", f_med, v_med, t_med))
        rows.append((f"key to echo, {n:,} words (p99)", f_p99, v_p99, t_p99))
        rows.append((f"quit with final save, {n:,} words", quit_s, None, None))
    print(f"\n{label}")
    print(f"{'measure':<40}{'flagdraft':>12}{'vim -u NONE':>13}{'textarea':>11}{'vs vim':>9}{'vs floor':>10}")
    for name, f, v, t in rows:
        ms = lambda x: f"{x * 1000:.2f} ms" if x is not None else "-"
        ratio = lambda a, b: f"{a / b:.2f}x" if a and b else "-"
        print(f"{name:<40}{ms(f):>12}{ms(v):>13}{ms(t):>11}{ratio(f, v):>9}{ratio(f, t):>10}")
    print(f"{'peak memory, 100 drafts open':<40}{peak / 1024:>9.1f} MiB")


def check_vs_proselint(flagdraft, tmp):
    if shutil.which("proselint") is None:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "proselint"], check=False)
    text = os.path.join(tmp, "check.txt")
    sentences = ["I failed USMLE Step 1 in March 2019 because I relied on rereading notes.",
                 "I rebuilt my plan around timed questions and a weekly tutor meeting.",
                 "I passed in September 2019, and my evaluations since have been strong.",
                 "That habit of planning prepares me for training in medicine and pediatrics."]
    body, n = [], 0
    while n < 1000:
        s = sentences[len(body) % len(sentences)]
        body.append(s)
        n += len(s.split())
    open(text, "w").write(" ".join(body) + "\n")

    def timed(argv, runs):
        out = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            out.append(time.perf_counter() - t0)
        return statistics.median(out)

    f = timed([flagdraft, "check", text], 21)
    prose = shutil.which("proselint") or os.path.expanduser("~/.local/bin/proselint")
    if not os.path.exists(prose):
        print("proselint could not be installed; skipping the comparison")
        return
    timed([prose, text], 1)  # warm its cache and imports
    p = timed([prose, text], 5)
    print(f"\nflagdraft check, 1,000 words: {f * 1000:.1f} ms; proselint: {p * 1000:.0f} ms; "
          f"flagdraft is {p / f:.0f}x faster")


def main():
    install_vim()
    flagdraft, floor = build()
    with tempfile.TemporaryDirectory() as tmp:
        for i in (1, 2):
            with tempfile.TemporaryDirectory(dir=tmp) as sub:
                run_once(flagdraft, floor, sub, f"run {i} of 2")
        check_vs_proselint(flagdraft, tmp)


if __name__ == "__main__":
    main()
