//! Where flagdraft keeps its files: the platform data and config folders, unless the
//! user names others (`--data-dir`, `FLAGDRAFT_DATA_DIR`, `FLAGDRAFT_CONFIG_DIR`).

use std::path::{Path, PathBuf};

/// The two folders flagdraft uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    /// Profile, drafts, practice history: `~/.local/share/flagdraft` on Linux.
    pub data: PathBuf,
    /// User overrides of rules, templates, keys: `~/.config/flagdraft` on Linux.
    pub config: PathBuf,
}

impl Paths {
    /// The given folders, falling back to the platform's; `None` when the platform
    /// has no home folder to put them in.
    pub fn resolve(data: Option<PathBuf>, config: Option<PathBuf>) -> Option<Self> {
        let dirs = directories::ProjectDirs::from("", "", "flagdraft");
        let data = data.or_else(|| dirs.as_ref().map(|d| d.data_dir().to_path_buf()))?;
        let config = config.or_else(|| dirs.as_ref().map(|d| d.config_dir().to_path_buf()))?;
        Some(Self { data, config })
    }

    /// Both folders inside one root, as tests and `--demo` use.
    pub fn under(root: &Path) -> Self {
        Self {
            data: root.join("data"),
            config: root.join("config"),
        }
    }

    pub fn profile(&self) -> PathBuf {
        self.data.join("profile.ron")
    }

    pub fn drafts(&self) -> PathBuf {
        self.data.join("drafts")
    }

    pub fn exports(&self) -> PathBuf {
        self.data.join("exports")
    }

    pub fn practice(&self) -> PathBuf {
        self.data.join("practice.ron")
    }

    pub fn rules(&self) -> PathBuf {
        self.config.join("rules.ron")
    }
}
