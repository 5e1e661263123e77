//! The real binary run as a user would, in a throwaway home or on given folders.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use flagdraft::store::Paths;

/// A temporary folder holding flagdraft's data (`data/`) and configuration (`config/`).
#[allow(dead_code)]
pub struct Home {
    _tmp: tempfile::TempDir,
    pub root: PathBuf,
}

#[allow(dead_code)]
impl Home {
    /// An empty home: no profile yet.
    pub fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        Self { _tmp: tmp, root }
    }

    /// A fresh home holding the demo profile.
    pub fn demo() -> Self {
        let home = Self::new();
        let init = home.run(&["init", "--demo"]);
        assert!(init.status.success(), "{}", stderr(&init));
        home
    }

    /// A fresh home holding the demo profile, told one flag per draft: its
    /// `stories.ron` joins no flags.
    pub fn demo_alone() -> Self {
        let home = Self::new();
        let config = home.paths().config;
        std::fs::create_dir_all(&config).unwrap();
        std::fs::write(
            config.join("stories.ron"),
            "StoryRules(version: 1, groups: [])\n",
        )
        .unwrap();
        let init = home.run(&["init", "--demo"]);
        assert!(init.status.success(), "{}", stderr(&init));
        home
    }

    pub fn paths(&self) -> Paths {
        Paths::under(&self.root)
    }

    pub fn data(&self) -> PathBuf {
        self.paths().data
    }

    /// `flagdraft ARGS` in this home, with `NO_COLOR` unset.
    pub fn run(&self, args: &[&str]) -> Output {
        let paths = self.paths();
        Command::new(env!("CARGO_BIN_EXE_flagdraft"))
            .args(args)
            .env("FLAGDRAFT_DATA_DIR", &paths.data)
            .env("FLAGDRAFT_CONFIG_DIR", &paths.config)
            .env_remove("NO_COLOR")
            .output()
            .unwrap()
    }

    /// Run and insist on success.
    pub fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        out
    }
}

/// What `flagdraft export ID --as eras --force` prints with these folders; it must
/// succeed.
#[allow(dead_code)]
pub fn export_eras(data: &Path, config: &Path, id: &str) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_flagdraft"))
        .args(["export", id, "--as", "eras", "--force"])
        .env("FLAGDRAFT_DATA_DIR", data)
        .env("FLAGDRAFT_CONFIG_DIR", config)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[allow(dead_code)]
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[allow(dead_code)]
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A file's permission bits.
#[allow(dead_code)]
pub fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}
