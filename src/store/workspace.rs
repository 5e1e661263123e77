//! Everything flagdraft works on, loaded together: the profile, what detection reads,
//! the templates, the ERAS fields and the drafts, with a warning for each file that did
//! not load (the rest loads regardless).

use crate::core::coach::facts::Known;
use crate::core::coach::{Coach, Report};
use crate::core::detect::{Knowledge, detect};
use crate::core::draft::{Draft, sync};
use crate::core::eras::ErasFields;
use crate::core::flag::Flag;
use crate::core::month::YearMonth;
use crate::core::practice::History;
use crate::core::prefill::Facts;
use crate::core::profile::Profile;
use crate::core::stamp::Stamp;
use crate::core::template::Templates;

use super::{Links, Paths, StoreError, config, drafts, load_knowledge, load_profile_by};

pub struct Workspace {
    pub paths: Paths,
    pub profile: Profile,
    pub knowledge: Knowledge,
    pub templates: Templates,
    pub fields: ErasFields,
    pub coach: Coach,
    pub history: History,
    /// The profile's dates and numbers, for the coach's consistency checks.
    pub known: Known,
    pub today: YearMonth,
    pub flags: Vec<Flag>,
    pub drafts: Vec<Draft>,
    /// Files that did not load; each was left untouched.
    pub warnings: Vec<StoreError>,
}

/// Counts only: a workspace holds the applicant's words, which no log may show.
impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace")
            .field("flags", &self.flags.len())
            .field("drafts", &self.drafts.len())
            .field("warnings", &self.warnings.len())
            .finish_non_exhaustive()
    }
}

impl Workspace {
    /// Load everything under `paths`. Only a missing or broken profile is an error.
    pub fn open(paths: Paths, this_month: YearMonth) -> Result<Self, StoreError> {
        // The rules first: the profile is checked by them (the attempt limit).
        let (mut knowledge, rules_err) = load_knowledge(&paths);
        let profile = load_profile_by(&paths.profile(), Links::Refuse, &knowledge.rules)?;
        let mut warnings = Vec::new();
        warnings.extend(rules_err);
        let (templates, template_errs) = config::load_templates(&paths);
        warnings.extend(template_errs);
        let (fields, fields_err) = config::load_fields(&paths);
        warnings.extend(fields_err);
        let (coach, coach_err) = config::load_coach(&paths);
        warnings.extend(coach_err);
        // The questions `detect` shows and practice asks come from the same bank.
        let (bank, bank_err) = config::load_bank(&paths);
        warnings.extend(bank_err);
        knowledge.bank = bank;
        let history = super::load_history(&paths).unwrap_or_else(|e| {
            warnings.push(e);
            History::default()
        });
        let (drafts, draft_errs) = drafts::load_drafts(&paths);
        warnings.extend(draft_errs);
        let today = profile.today(this_month);
        let flags = detect(&profile, &knowledge, today);
        let known = Known::new(&profile, today);
        Ok(Self {
            paths,
            profile,
            knowledge,
            templates,
            fields,
            coach,
            history,
            known,
            today,
            flags,
            drafts,
            warnings,
        })
    }

    pub fn facts(&self) -> Facts<'_> {
        Facts {
            profile: &self.profile,
            rules: &self.knowledge.rules,
            today: self.today,
        }
    }

    /// Bring the drafts in step with the flags and, when `save`, save those that
    /// changed. Returns the saves that failed (a broken file in the way is one).
    pub fn sync_drafts(&mut self, now: Stamp, save: bool) -> Vec<StoreError> {
        let facts = Facts {
            profile: &self.profile,
            rules: &self.knowledge.rules,
            today: self.today,
        };
        let changed = sync(&mut self.drafts, &self.flags, facts, now);
        if !save {
            return Vec::new();
        }
        changed
            .into_iter()
            .filter_map(|i| drafts::save_draft(&self.paths, &self.drafts[i]).err())
            .collect()
    }

    /// What the coach says about `draft`.
    pub fn report(&self, draft: &Draft) -> Report {
        match self.templates.get(draft.kind.family()) {
            Some(t) => self
                .coach
                .check_draft(draft, t, &self.fields, Some(&self.known)),
            None => Report::default(),
        }
    }

    /// The draft of flag `id`.
    pub fn draft(&self, id: &str) -> Option<&Draft> {
        self.drafts.iter().find(|d| d.flag == id)
    }

    /// The flag a draft belongs to, when it is still detected.
    pub fn flag(&self, id: &str) -> Option<&Flag> {
        self.flags.iter().find(|f| f.id == id)
    }
}
