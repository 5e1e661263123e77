//! Not one word lost: the real binary in a real terminal (a private tmux server per
//! run), words typed into a draft's editor at a human pace and in bursts, then a stop
//! at a random moment, often 0 to 100 ms after the last key: SIGTERM, SIGHUP (sent, or
//! the pane closed), SIGINT or SIGKILL. Once the process is gone, every word typed must
//! be in the saved draft; after SIGKILL, every word typed more than a second before
//! must be in the draft or in `recovery.ron`.
//!
//! A closed terminal throws away input its program has not read yet, which no app could
//! save: before closing the pane, the harness waits until the app has read every key,
//! and counts the pause from there.
//!
//! Two scenarios more: a save (Ctrl-S) right after a burst, then SIGTERM or SIGHUP a
//! second or more later, must never be rolled back; and steady typing, a key every
//! 0.1 s for 5 s, then SIGKILL.
//!
//! `cargo test --test kill -- --nocapture` prints a line per run and a table. The
//! moments come from a seeded xorshift; the seed is printed first.
//!
//! - `FLAGDRAFT_KILL_SEED=0x…` replays a seed; `FLAGDRAFT_KILL_ONLY=3,17` runs only
//!   those runs of it (timing is real, so a replay repeats the moments, not the
//!   scheduler);
//! - `FLAGDRAFT_KILL_RUNS` (default 100): runs in turn TERM, HUP, INT, KILL, so a
//!   quarter each; every fifth of a signal's runs is the save-then-signal scenario
//!   (TERM, HUP) or steady typing (KILL); HUP alternates between the signal and the
//!   pane closed;
//! - `FLAGDRAFT_KILL_JOBS` (default 2): runs at once, each on a tmux server of its own;
//! - `FLAGDRAFT_KILL_KEEP=1` keeps the folders of failed runs and prints where.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::sleep;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use flagdraft::store::drafts::load_drafts;
use flagdraft::store::{self, Paths};
use rustix::process::{Pid, Signal, kill_process};

/// The draft typed into: the demo applicant's exam record, led by the failed Step 1.
const FLAG: &str = "exam_failure:step1";
/// Its name in Home's list of stories.
const FLAG_TITLE: &str = "The exam record";
/// The window's columns and rows.
const SIZE: (u16, u16) = (100, 30);
/// Longest wait for a screen (the debug binary, on a busy machine).
const SCREEN_WAIT: Duration = Duration::from_secs(20);
/// Longest wait for one tmux command.
const TMUX_WAIT: Duration = Duration::from_secs(10);
/// Longest wait for the app to end after the signal.
const EXIT_WAIT: Duration = Duration::from_secs(10);
/// After SIGKILL, words typed longer ago than this must be on disk.
const KILL_GRACE: Duration = Duration::from_secs(1);

// ---------------------------------------------------------------------------------
// The one place that knows the screens.
// ---------------------------------------------------------------------------------

/// From Home (the demo applicant loaded) to the editor of the Step 1 draft, waiting
/// for each screen on the way. The draft opens on its first empty part, with the
/// editor focused.
fn open_editor(s: &Session) -> Result<(), String> {
    // The list is most serious first, and seriousness can change with today's date:
    // count the rows down to the flag rather than trusting a fixed number of `j`s.
    // A capture may catch a frame half drawn.
    // A long title wraps onto more rows, and a story lists its flags under it,
    // indented: count the rows that begin a story (with its severity, unindented).
    let row_of_flag = |screen: &str| {
        let lines: Vec<&str> = screen.lines().collect();
        let header = lines.iter().position(|l| l.contains("Red flags"))?;
        lines[header + 1..]
            .iter()
            .filter(|l| {
                let row = l.trim_start_matches('│');
                ["HIGH", "MODERATE", "LOW"]
                    .iter()
                    .any(|s| row.starts_with(s))
            })
            .position(|l| l.contains(FLAG_TITLE))
    };
    let home = s.wait_until("Home listing the Step 1 flag", |screen| {
        screen.contains("drafts ready") && row_of_flag(screen).is_some()
    })?;
    let row = row_of_flag(&home).unwrap_or_default();
    let mut keys = vec!["j"; row];
    keys.push("Enter");
    s.keys(&keys)?;
    s.wait_for("What was found")?; // the flag's screen
    s.keys(&["Enter"])?;
    let editor = s.wait_for("alt-↓ next part")?; // the editor's key hints
    if !editor.contains(FLAG_TITLE) {
        return Err(format!("the editor is not the Step 1 draft's:\n{editor}"));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------
// What a run does.
// ---------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Stop {
    Term,
    Hup,
    /// SIGHUP as a closed terminal gives it: the tmux session killed.
    Close,
    Int,
    Kill,
}

impl Stop {
    fn name(self) -> &'static str {
        match self {
            Stop::Term => "TERM",
            Stop::Hup => "HUP",
            Stop::Close => "HUP (pane closed)",
            Stop::Int => "INT",
            Stop::Kill => "KILL",
        }
    }

    fn signal(self) -> Option<Signal> {
        match self {
            Stop::Term => Some(Signal::TERM),
            Stop::Hup => Some(Signal::HUP),
            Stop::Close => None,
            Stop::Int => Some(Signal::INT),
            Stop::Kill => Some(Signal::KILL),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Scenario {
    Human,
    Bursty,
    Mixed,
    /// A burst, Ctrl-S within 100 ms, then the signal 1 to 3 s later.
    SaveThenStop,
    /// A key every 0.1 s for 5 s.
    Steady,
}

impl Scenario {
    fn name(self) -> &'static str {
        match self {
            Scenario::Human => "human pace",
            Scenario::Bursty => "bursts",
            Scenario::Mixed => "human + bursts",
            Scenario::SaveThenStop => "save, then signal",
            Scenario::Steady => "steady, 10 keys/s",
        }
    }
}

/// What to send to the pane.
enum Send {
    /// Characters, as typed (`send-keys -l`).
    Text(String),
    /// A key by tmux's name (`C-s`).
    Key(&'static str),
}

struct Step {
    /// Pause from the start of the previous send to this one.
    before_ms: u64,
    send: Send,
    /// The words this send completes.
    completes: Vec<usize>,
}

struct Plan {
    stop: Stop,
    scenario: Scenario,
    words: Vec<String>,
    steps: Vec<Step>,
    /// Pause from the end of the last send to the signal.
    signal_after_ms: u64,
}

/// xorshift64, for repeatable "random" moments.
struct Rng(u64);

impl Rng {
    /// The generator of run `run` of `seed`, through splitmix64 so that nearby runs
    /// and seeds differ.
    fn for_run(seed: u64, run: usize) -> Self {
        let mut z = seed.wrapping_add((run as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Self((z ^ (z >> 31)).max(1))
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number from `lo` to `hi`, both included.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Builds a plan's words and sends.
struct Typist {
    run: usize,
    words: Vec<String>,
    steps: Vec<Step>,
}

impl Typist {
    /// A new word, unique in the run and the same length as every other, so no
    /// unfinished word can pass for one.
    fn word(&mut self) -> usize {
        self.words
            .push(format!("w{}k{:02}", self.run, self.words.len()));
        self.words.len() - 1
    }

    fn key(&mut self, before_ms: u64, text: String, completes: Vec<usize>) {
        self.steps.push(Step {
            before_ms,
            send: Send::Text(text),
            completes,
        });
    }

    /// One word a key at a time, 60 to 160 ms apart, then a space.
    fn human_word(&mut self, rng: &mut Rng) {
        let w = self.word();
        let chars: Vec<char> = self.words[w].chars().collect();
        for (i, c) in chars.iter().enumerate() {
            let done = if i + 1 == chars.len() {
                vec![w]
            } else {
                vec![]
            };
            self.key(rng.range(60, 160), c.to_string(), done);
        }
        self.key(rng.range(60, 160), " ".into(), vec![]);
    }

    /// The first letters of a word never finished: typed, but not a word to find.
    fn unfinished_word(&mut self, rng: &mut Rng) {
        let w = format!("w{}k{:02}", self.run, self.words.len());
        let n = rng.range(1, w.len() as u64 - 1) as usize;
        for c in w.chars().take(n) {
            self.key(rng.range(60, 160), c.to_string(), vec![]);
        }
    }

    /// Several words sent at once, as a fast typist or key repeat does.
    fn burst(&mut self, rng: &mut Rng, before_ms: u64, space_after: bool) {
        let n = rng.range(2, 6);
        let ids: Vec<usize> = (0..n).map(|_| self.word()).collect();
        let mut text = ids
            .iter()
            .map(|&i| self.words[i].as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if space_after {
            text.push(' ');
        }
        self.key(before_ms, text, ids);
    }
}

/// Run `run`'s plan: its signal and scenario follow from its number, its moments
/// from the seed.
fn plan(seed: u64, run: usize) -> Plan {
    let mut rng = Rng::for_run(seed, run);
    let nth = run / 4;
    let stop = match run % 4 {
        0 => Stop::Term,
        1 if nth.is_multiple_of(2) => Stop::Hup,
        1 => Stop::Close,
        2 => Stop::Int,
        _ => Stop::Kill,
    };
    let special = nth % 5 == 2;
    let scenario = match stop {
        Stop::Term | Stop::Hup | Stop::Close if special => Scenario::SaveThenStop,
        Stop::Kill if special => Scenario::Steady,
        _ => [Scenario::Human, Scenario::Bursty, Scenario::Mixed][(rng.next() % 3) as usize],
    };
    let mut t = Typist {
        run,
        words: Vec::new(),
        steps: Vec::new(),
    };
    // Most signals come 0 to 100 ms after the last key; some later, so that after
    // SIGKILL some words are past the grace second.
    let mut signal_after_ms = match rng.next() % 100 {
        0..55 => rng.range(0, 100),
        55..80 => rng.range(101, 600),
        _ => rng.range(601, 2000),
    };
    match scenario {
        Scenario::Human => {
            for _ in 0..rng.range(4, 7) {
                t.human_word(&mut rng);
            }
            if rng.chance(35) {
                t.unfinished_word(&mut rng);
            }
        }
        Scenario::Bursty => {
            let bursts = rng.range(3, 6);
            for b in 0..bursts {
                let pause = if b == 0 { 0 } else { rng.range(80, 700) };
                let space = b + 1 < bursts || rng.chance(50);
                t.burst(&mut rng, pause, space);
            }
        }
        Scenario::Mixed => {
            for _ in 0..rng.range(4, 7) {
                if rng.chance(50) {
                    t.human_word(&mut rng);
                } else {
                    let pause = rng.range(60, 500);
                    t.burst(&mut rng, pause, true);
                }
            }
            if rng.chance(35) {
                t.unfinished_word(&mut rng);
            }
        }
        Scenario::SaveThenStop => {
            for _ in 0..rng.range(2, 3) {
                t.human_word(&mut rng);
            }
            let pause = 300 + rng.range(0, 60);
            let space = rng.chance(50);
            t.burst(&mut rng, pause, space);
            t.steps.push(Step {
                before_ms: rng.range(0, 100),
                send: Send::Key("C-s"),
                completes: vec![],
            });
            signal_after_ms = rng.range(1000, 3000);
        }
        Scenario::Steady => {
            // 50 keys, 0.1 s apart: 5 s of typing, the last word maybe unfinished.
            let mut keys = 0;
            'typing: loop {
                let w = t.word();
                let text = format!("{} ", t.words[w]);
                let last = text.len() - 2;
                for (i, c) in text.chars().enumerate() {
                    if keys == 50 {
                        t.words.pop_if(|_| i <= last);
                        break 'typing;
                    }
                    let done = if i == last { vec![w] } else { vec![] };
                    t.key(100, c.to_string(), done);
                    keys += 1;
                }
            }
            signal_after_ms = rng.range(0, 100);
        }
    }
    Plan {
        stop,
        scenario,
        words: t.words,
        steps: t.steps,
        signal_after_ms,
    }
}

// ---------------------------------------------------------------------------------
// One run.
// ---------------------------------------------------------------------------------

struct Outcome {
    run: usize,
    stop: Stop,
    scenario: Scenario,
    /// Words typed in full before the signal.
    typed: usize,
    /// Of those, the ones that must be on disk.
    required: usize,
    /// Required words not found, with how long before the signal each was typed.
    lost: Vec<(String, Duration)>,
    /// Anything else that went wrong: a run that could not start, an app that did
    /// not end, a file that does not load.
    problem: Option<String>,
    /// Pause from the last key to the signal.
    signal_after: Duration,
    /// The run got as far as the editor.
    reached_editor: bool,
    /// The run's folder, kept after a failure with `FLAGDRAFT_KILL_KEEP`.
    kept: Option<PathBuf>,
}

impl Outcome {
    fn failed(&self) -> bool {
        !self.lost.is_empty() || self.problem.is_some()
    }
}

fn run_one(seed: u64, run: usize) -> Outcome {
    let plan = plan(seed, run);
    let mut out = Outcome {
        run,
        stop: plan.stop,
        scenario: plan.scenario,
        typed: 0,
        required: 0,
        lost: Vec::new(),
        problem: None,
        signal_after: Duration::ZERO,
        reached_editor: false,
        kept: None,
    };
    let tmp = tempfile::Builder::new()
        .prefix("flagdraft-kill-")
        .tempdir()
        .unwrap();
    if let Err(e) = drive(&plan, tmp.path(), &mut out) {
        out.problem = Some(e);
    }
    if out.failed() && std::env::var_os("FLAGDRAFT_KILL_KEEP").is_some() {
        out.kept = Some(tmp.keep());
    }
    out
}

/// Start the app, type the plan, stop it, and count what reached the disk.
/// The run's files go under `root`.
fn drive(plan: &Plan, root: &Path, out: &mut Outcome) -> Result<(), String> {
    let paths = &Paths::under(root);
    store::write_profile_text(paths, store::DEMO_PROFILE, false).map_err(|e| e.to_string())?;
    let session = Session::start(root, paths)?;
    // Dropped before the session: whatever happens, no app outlives its run. The
    // pane's program is the app (started with `exec`).
    let mut app = Reaper(session.pane_pid());
    open_editor(&session).map_err(|e| format!("setup: {e}"))?;
    let pid = app_pid(&session, &paths.data)?;
    app.0 = Some(pid);
    out.reached_editor = true;

    // Type.
    let mut typed_at: Vec<Option<Instant>> = vec![None; plan.words.len()];
    let mut last_start: Option<Instant> = None;
    let mut last_end = Instant::now();
    for step in &plan.steps {
        if let Some(at) = last_start {
            sleep_until(at + Duration::from_millis(step.before_ms));
        }
        last_start = Some(Instant::now());
        match &step.send {
            Send::Text(text) => session.text(text)?,
            Send::Key(key) => session.keys(&[key])?,
        }
        last_end = Instant::now();
        for &w in &step.completes {
            typed_at[w] = Some(last_end);
        }
    }

    // Stop.
    let tty = (plan.stop == Stop::Close)
        .then(|| session.tmux(&["display-message", "-p", "-t", "app", "#{pane_tty}"]))
        .transpose()?;
    if let Some(tty) = &tty {
        // A closed terminal discards input not yet read, which no app can save:
        // count from the moment the app has read every key.
        last_end = wait_input_read(tty.trim());
    }
    sleep_until(last_end + Duration::from_millis(plan.signal_after_ms));
    // An app that ended on its own (or that something else stopped) says how.
    let ended = || {
        let how = session
            .tmux(&[
                "display-message",
                "-p",
                "-t",
                "app",
                "exit status #{pane_dead_status}, signal #{pane_dead_signal}",
            ])
            .unwrap_or_default();
        format!(
            "the app ended before the signal ({}); the screen:\n{}",
            how.trim(),
            session.screen().trim_end()
        )
    };
    if !running(pid) {
        return Err(ended());
    }
    let signal_at = Instant::now();
    match plan.stop.signal() {
        Some(signal) => {
            let target = Pid::from_raw(pid).ok_or("no pid")?;
            kill_process(target, signal).map_err(|e| format!("kill {pid}: {e}; {}", ended()))?;
        }
        None => {
            session.tmux(&["kill-session", "-t", "app"])?;
        }
    }
    out.signal_after = signal_at.saturating_duration_since(last_end);
    let exited = wait_exit(pid, EXIT_WAIT);
    if !exited {
        let _ = kill_process(Pid::from_raw(pid).ok_or("no pid")?, Signal::KILL);
        wait_exit(pid, EXIT_WAIT);
        out.problem = Some(format!(
            "still running {} s after the signal",
            EXIT_WAIT.as_secs()
        ));
    }

    // Count.
    let (drafts, errors) = load_drafts(paths);
    if !errors.is_empty() {
        let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        out.problem = Some(format!("drafts that do not load: {}", errors.join("; ")));
    }
    let draft_text = drafts
        .iter()
        .filter(|d| d.flag == FLAG)
        .flat_map(|d| d.parts.values())
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    // After SIGKILL the recovery copy counts too, read leniently: it only has to
    // hold the words.
    let copy = if plan.stop == Stop::Kill {
        fs::read_to_string(paths.data.join("recovery.ron")).unwrap_or_default()
    } else {
        String::new()
    };
    let mut on_disk = words_in(&draft_text);
    on_disk.extend(words_in(&copy));
    for (word, at) in plan.words.iter().zip(&typed_at) {
        let Some(at) = at else { continue };
        out.typed += 1;
        let age = signal_at.saturating_duration_since(*at);
        if plan.stop == Stop::Kill && age <= KILL_GRACE {
            continue;
        }
        out.required += 1;
        if !on_disk.contains(word.as_str()) {
            out.lost.push((word.clone(), age));
        }
    }
    Ok(())
}

/// The words of `text`: runs of letters and digits.
fn words_in(text: &str) -> HashSet<&str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

fn sleep_until(at: Instant) {
    let now = Instant::now();
    if at > now {
        sleep(at - now);
    }
}

/// Once the pane's terminal holds no unread input (at most two seconds): when. Only
/// a session leader without a terminal would make it its own by opening it, and a
/// test is never one.
fn wait_input_read(tty: &str) -> Instant {
    let Ok(file) = fs::File::open(tty) else {
        return Instant::now();
    };
    let start = Instant::now();
    let mut empty = 0;
    while empty < 2 && start.elapsed() < Duration::from_secs(2) {
        match rustix::io::ioctl_fionread(&file) {
            Ok(0) => empty += 1,
            Ok(_) => empty = 0,
            Err(_) => break,
        }
        sleep(Duration::from_millis(2));
    }
    Instant::now()
}

// ---------------------------------------------------------------------------------
// Processes.
// ---------------------------------------------------------------------------------

/// The app's process: the data folder's lock holds its pid; the pane's program is
/// the app too (started with `exec`). Either must be a running `flagdraft`.
fn app_pid(s: &Session, data: &Path) -> Result<i32, String> {
    let locked = fs::read_to_string(data.join(".lock"))
        .ok()
        .and_then(|t| t.trim().parse().ok());
    let pane = s.pane_pid();
    [locked, pane]
        .into_iter()
        .flatten()
        .find(|&pid| {
            running(pid)
                && fs::read_to_string(format!("/proc/{pid}/comm"))
                    .is_ok_and(|c| c.trim() == "flagdraft")
        })
        .ok_or_else(|| format!("no flagdraft process: lock {locked:?}, pane {pane:?}"))
}

/// Process `pid` exists and has not ended: an ended process not yet reaped is a
/// zombie ("Z").
fn running(pid: i32) -> bool {
    fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        s.rsplit(')')
            .next()
            .is_some_and(|rest| !rest.trim_start().starts_with('Z'))
    })
}

/// Wait until process `pid` has ended; false if it still runs after `within`.
fn wait_exit(pid: i32, within: Duration) -> bool {
    let start = Instant::now();
    while running(pid) {
        if start.elapsed() > within {
            return false;
        }
        sleep(Duration::from_millis(5));
    }
    true
}

/// Kills the app with SIGKILL when dropped, if it still runs.
struct Reaper(Option<i32>);

impl Drop for Reaper {
    fn drop(&mut self) {
        if let Some(pid) = self.0.filter(|&p| running(p))
            && let Some(p) = Pid::from_raw(pid)
        {
            let _ = kill_process(p, Signal::KILL);
            wait_exit(pid, EXIT_WAIT);
        }
    }
}

/// A command run to its end, or killed after `within`.
fn output_within(mut cmd: Command, within: Duration) -> Result<Output, String> {
    let what = format!("{cmd:?}");
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{what}: {e} (tmux must be installed: apt-get install tmux)"))?;
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => return child.wait_with_output().map_err(|e| e.to_string()),
            Ok(None) if start.elapsed() < within => sleep(Duration::from_millis(1)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{what} did not finish in {within:?}"));
            }
        }
    }
}

// ---------------------------------------------------------------------------------
// tmux.
// ---------------------------------------------------------------------------------

/// A tmux server of the run's own (no configuration, its socket in the run's folder,
/// so it goes with the folder) holding the app in session `app`; killed when dropped.
struct Session {
    socket: PathBuf,
}

impl Session {
    fn start(root: &Path, paths: &Paths) -> Result<Self, String> {
        let s = Self {
            socket: root.join("tmux"),
        };
        let (w, h) = SIZE;
        let app = format!(
            "exec env FLAGDRAFT_DATA_DIR='{}' FLAGDRAFT_CONFIG_DIR='{}' '{}'",
            paths.data.display(),
            paths.config.display(),
            env!("CARGO_BIN_EXE_flagdraft")
        );
        s.tmux(&[
            "start-server",
            ";",
            "set-option",
            "-g",
            "remain-on-exit",
            "on",
            ";",
            "new-session",
            "-d",
            "-s",
            "app",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
            &app,
        ])?;
        Ok(s)
    }

    /// A tmux command to this server; its output.
    fn tmux(&self, args: &[&str]) -> Result<String, String> {
        let mut cmd = Command::new("tmux");
        cmd.arg("-S")
            .arg(&self.socket)
            .args(["-f", "/dev/null"])
            .args(args)
            .env_remove("TMUX");
        let out = output_within(cmd, TMUX_WAIT)?;
        if !out.status.success() {
            return Err(format!(
                "tmux {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// The process id of the pane's program.
    fn pane_pid(&self) -> Option<i32> {
        self.tmux(&["display-message", "-p", "-t", "app", "#{pane_pid}"])
            .ok()?
            .trim()
            .parse()
            .ok()
    }

    /// Keys by tmux's names (`Enter`, `C-s`, `j`).
    fn keys(&self, keys: &[&str]) -> Result<(), String> {
        let mut args = vec!["send-keys", "-t", "app"];
        args.extend(keys);
        self.tmux(&args).map(drop)
    }

    /// Characters as typed.
    fn text(&self, text: &str) -> Result<(), String> {
        self.tmux(&["send-keys", "-t", "app", "-l", text]).map(drop)
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "app"])
            .unwrap_or_else(|e| format!("(no screen: {e})"))
    }

    /// The screen, once it shows `text`.
    fn wait_for(&self, text: &str) -> Result<String, String> {
        self.wait_until(&format!("{text:?}"), |screen| screen.contains(text))
    }

    /// The screen, once `ok` holds for it.
    fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> Result<String, String> {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return Ok(screen);
            }
            if start.elapsed() > SCREEN_WAIT {
                return Err(format!(
                    "never saw {what} in {SCREEN_WAIT:?}; the screen was:\n{screen}"
                ));
            }
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

// ---------------------------------------------------------------------------------
// The test.
// ---------------------------------------------------------------------------------

fn env_number(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    let v = v.trim();
    match v.strip_prefix("0x").or_else(|| v.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => v.parse().ok(),
    }
}

#[test]
fn not_one_word_lost() {
    let seed = env_number("FLAGDRAFT_KILL_SEED").unwrap_or_else(|| {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        Rng::for_run(nanos ^ u64::from(std::process::id()), 0).0
    });
    let runs = env_number("FLAGDRAFT_KILL_RUNS").unwrap_or(100).max(1) as usize;
    let jobs = env_number("FLAGDRAFT_KILL_JOBS").unwrap_or(2).clamp(1, 8) as usize;
    let queue: Vec<usize> = match std::env::var("FLAGDRAFT_KILL_ONLY") {
        Ok(only) => only
            .split(',')
            .filter_map(|r| r.trim().parse().ok())
            .collect(),
        Err(_) => (0..runs).collect(),
    };
    println!(
        "kill harness: seed {seed:#x} ({} runs, {jobs} at a time); replay with FLAGDRAFT_KILL_SEED={seed:#x}",
        queue.len()
    );
    let started = Instant::now();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Outcome>> = Mutex::default();
    // Three runs that never reached the editor, and none that did: the screens have
    // changed or the app does not start. Stop rather than time out a hundred times.
    let hopeless = || {
        let r = results.lock().unwrap();
        !r.iter().any(|o| o.reached_editor) && r.len() >= 3
    };
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                while let Some(&run) = queue.get(next.fetch_add(1, Ordering::SeqCst)) {
                    if hopeless() {
                        break;
                    }
                    let outcome = catch_unwind(AssertUnwindSafe(|| run_one(seed, run)))
                        .unwrap_or_else(|panic| {
                            let plan = plan(seed, run);
                            let why = panic
                                .downcast_ref::<String>()
                                .cloned()
                                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                                .unwrap_or_default();
                            Outcome {
                                run,
                                stop: plan.stop,
                                scenario: plan.scenario,
                                typed: 0,
                                required: 0,
                                lost: Vec::new(),
                                problem: Some(format!("the harness panicked: {why}")),
                                signal_after: Duration::ZERO,
                                reached_editor: false,
                                kept: None,
                            }
                        });
                    println!("{}", line(&outcome));
                    results.lock().unwrap().push(outcome);
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|o| o.run);
    let report = table(seed, &results, started.elapsed());
    println!("{report}");
    assert!(
        results.len() == queue.len(),
        "gave up after {} runs: none reached the editor (see open_editor):\n{report}",
        results.len()
    );
    let failed = results.iter().filter(|o| o.failed()).count();
    let lost: usize = results.iter().map(|o| o.lost.len()).sum();
    let required: usize = results.iter().map(|o| o.required).sum();
    assert!(
        failed == 0,
        "{lost} of {required} words lost, {failed} of {} runs failed (seed {seed:#x}); the table and the replay line are in the output",
        results.len()
    );
}

/// One run, on one line.
fn line(o: &Outcome) -> String {
    let mut s = format!(
        "run {:>3} {:<17} {:<17} signal {:>4} ms after the last key: {:>2} typed, {:>2} required, {:>2} lost",
        o.run,
        o.stop.name(),
        o.scenario.name(),
        o.signal_after.as_millis(),
        o.typed,
        o.required,
        o.lost.len()
    );
    if !o.lost.is_empty() {
        let words: Vec<String> = o
            .lost
            .iter()
            .map(|(w, age)| format!("{w} ({} ms before)", age.as_millis()))
            .collect();
        let _ = write!(s, ": {}", words.join(", "));
    }
    if let Some(p) = &o.problem {
        let _ = write!(s, "; {p}");
    }
    if let Some(k) = &o.kept {
        let _ = write!(s, "; kept in {}", k.display());
    }
    s
}

/// Per signal and scenario: runs, words typed, words required, words lost; then the
/// failed runs and how to replay them.
fn table(seed: u64, results: &[Outcome], took: Duration) -> String {
    #[derive(Default)]
    struct Row {
        runs: usize,
        failed: usize,
        typed: usize,
        required: usize,
        lost: usize,
    }
    impl Row {
        fn add(&mut self, o: &Outcome) {
            self.runs += 1;
            self.failed += usize::from(o.failed());
            self.typed += o.typed;
            self.required += o.required;
            self.lost += o.lost.len();
        }
    }
    // Per signal, its scenarios, then all of them (`None`, after `Some`).
    let mut rows: BTreeMap<(Stop, bool, Option<Scenario>), Row> = BTreeMap::new();
    let mut total = Row::default();
    for o in results {
        rows.entry((o.stop, false, Some(o.scenario)))
            .or_default()
            .add(o);
        rows.entry((o.stop, true, None)).or_default().add(o);
        total.add(o);
    }
    let mut t = String::new();
    let _ = writeln!(
        t,
        "\nseed {seed:#x}: {} runs in {:.0} s\n{:<18} {:<18} {:>5} {:>7} {:>6} {:>9} {:>5}",
        results.len(),
        took.as_secs_f64(),
        "signal",
        "scenario",
        "runs",
        "failed",
        "typed",
        "required",
        "lost"
    );
    let put = |t: &mut String, signal: &str, scenario: &str, r: &Row| {
        let _ = writeln!(
            t,
            "{signal:<18} {scenario:<18} {:>5} {:>7} {:>6} {:>9} {:>5}",
            r.runs, r.failed, r.typed, r.required, r.lost
        );
    };
    for ((stop, _, scenario), r) in &rows {
        match scenario {
            Some(s) => put(&mut t, stop.name(), s.name(), r),
            None => put(&mut t, stop.name(), "(all)", r),
        }
    }
    put(&mut t, "all", "", &total);
    let _ = writeln!(
        t,
        "(required: every word typed; after KILL, those typed more than {} s before it)",
        KILL_GRACE.as_secs()
    );
    let failures: Vec<&Outcome> = results.iter().filter(|o| o.failed()).collect();
    if !failures.is_empty() {
        let _ = writeln!(t, "\nfailed runs:");
        for o in &failures {
            let _ = writeln!(t, "{}", line(o));
        }
        let ids: Vec<String> = failures.iter().map(|o| o.run.to_string()).collect();
        let _ = writeln!(
            t,
            "replay: FLAGDRAFT_KILL_SEED={seed:#x} FLAGDRAFT_KILL_ONLY={} cargo test --test kill -- --nocapture",
            ids.join(",")
        );
    }
    t
}
