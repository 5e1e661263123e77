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
use crate::core::story::{Story, StoryRules, stories};
use crate::core::template::Templates;

use crate::core::profile::{Citizenship, PROFILE_VERSION};
use crate::core::validate::Problem;

use super::{Links, Paths, Read, StoreError, config, drafts, load_knowledge, read_profile_by};

/// Whether the profile can be worked on.
#[derive(Clone, Debug, PartialEq)]
pub enum ProfileState {
    /// It loads: flags are detected and drafts kept in step with them.
    Sound,
    /// The file parses but a fact in it cannot be true. `said` is the error as the
    /// command line prints it (file:line:col). Nothing is detected and no draft is
    /// touched until the form saves a profile that loads.
    Broken {
        problems: Vec<Problem>,
        said: String,
    },
    /// No profile yet: it is being filled in, and nothing is detected until it is saved.
    Missing,
}

pub struct Workspace {
    pub paths: Paths,
    pub profile: Profile,
    pub knowledge: Knowledge,
    pub templates: Templates,
    pub fields: ErasFields,
    pub coach: Coach,
    /// How flags are told together (`stories.ron`).
    pub stories: StoryRules,
    pub history: History,
    /// The profile's dates and numbers, for the coach's consistency checks.
    pub known: Known,
    pub today: YearMonth,
    pub flags: Vec<Flag>,
    pub drafts: Vec<Draft>,
    /// Files that did not load; each was left untouched.
    pub warnings: Vec<StoreError>,
    /// Whether the profile loads, and when not, why.
    pub state: ProfileState,
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
        match Self::load(paths, this_month)? {
            (ws, None) => Ok(ws),
            (_, Some(broken)) => Err(broken),
        }
    }

    /// Load everything under `paths`, as [`Workspace::open`], except that a profile
    /// that parses but breaks a rule opens too, as [`ProfileState::Broken`]: the app
    /// opens it in the form to be fixed, with the drafts as they are.
    pub fn open_to_fix(paths: Paths, this_month: YearMonth) -> Result<Self, StoreError> {
        Self::load(paths, this_month).map(|(ws, _)| ws)
    }

    /// The workspace, and the error of a profile that breaks a rule.
    fn load(paths: Paths, this_month: YearMonth) -> Result<(Self, Option<StoreError>), StoreError> {
        // The rules first: the profile is checked by them (the attempt limit).
        let (knowledge, rules_err) = load_knowledge(&paths);
        let (profile, state, broken) =
            match read_profile_by(&paths.profile(), Links::Refuse, &knowledge.rules)? {
                Read::Sound(profile) => (profile, ProfileState::Sound, None),
                Read::Broken { profile, error } => {
                    let problems = match &error {
                        StoreError::Invalid { problems, .. } => problems.clone(),
                        _ => Vec::new(),
                    };
                    let said = error.to_string();
                    let state = ProfileState::Broken { problems, said };
                    (profile, state, Some(error))
                }
            };
        let ws = Self::assemble(paths, this_month, profile, state, knowledge, rules_err);
        Ok((ws, broken))
    }

    /// Everything under `paths` but a profile, which is yet to be written: the app's
    /// blank start. The profile held is a stand-in the form never shows.
    pub fn without_profile(paths: Paths, this_month: YearMonth) -> Self {
        let (knowledge, rules_err) = load_knowledge(&paths);
        let profile = Profile {
            version: PROFILE_VERSION,
            name: None,
            citizenship: Citizenship::NonUs,
            visa: None,
            graduation: this_month,
            application_year: this_month.year(),
            as_of: None,
            exams: Vec::new(),
            repeats: Vec::new(),
            class_rank_quartile: None,
            activities: Vec::new(),
            gaps_explained: Vec::new(),
            incidents: Vec::new(),
            letters: Vec::new(),
            languages: Vec::new(),
        };
        Self::assemble(
            paths,
            this_month,
            profile,
            ProfileState::Missing,
            knowledge,
            rules_err,
        )
    }

    fn assemble(
        paths: Paths,
        this_month: YearMonth,
        profile: Profile,
        state: ProfileState,
        mut knowledge: Knowledge,
        rules_err: Option<StoreError>,
    ) -> Self {
        let mut warnings = Vec::new();
        warnings.extend(rules_err);
        let (templates, template_errs) = config::load_templates(&paths);
        warnings.extend(template_errs);
        let (fields, fields_err) = config::load_fields(&paths);
        warnings.extend(fields_err);
        let (coach, coach_err) = config::load_coach(&paths);
        warnings.extend(coach_err);
        let (stories, stories_err) = config::load_stories(&paths);
        warnings.extend(stories_err);
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
        // Detection reads only a profile that loads.
        let flags = if state == ProfileState::Sound {
            detect(&profile, &knowledge, today)
        } else {
            Vec::new()
        };
        let known = Known::new(&profile, today);
        Self {
            paths,
            profile,
            knowledge,
            templates,
            fields,
            coach,
            stories,
            history,
            known,
            today,
            flags,
            drafts,
            warnings,
            state,
        }
    }

    /// Whether the profile loads, so flags are detected and drafts kept in step.
    pub fn is_sound(&self) -> bool {
        self.state == ProfileState::Sound
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
        if !self.is_sound() {
            return Vec::new();
        }
        let facts = Facts {
            profile: &self.profile,
            rules: &self.knowledge.rules,
            today: self.today,
        };
        let told = stories(&self.flags, &self.stories);
        let changed = sync(&mut self.drafts, &self.flags, &told, facts, now);
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

    /// The draft that explains `id`: the draft of that flag when there is one, else
    /// the first draft that covers it as well as its own; or, for a story's id as
    /// `detect --json` gives it (`story:exam_record`), the draft that explains the
    /// story's leading flag.
    pub fn draft_explaining(&self, id: &str) -> Option<&Draft> {
        self.draft(id)
            .or_else(|| self.drafts.iter().find(|d| d.explains(id)))
            .or_else(|| {
                let story = self.default_stories().into_iter().find(|s| s.id == id)?;
                story
                    .flags
                    .iter()
                    .find_map(|f| self.drafts.iter().find(|d| d.explains(f)))
            })
    }

    /// The stories the flags are told in by default, as `stories.ron` groups them.
    pub fn default_stories(&self) -> Vec<Story> {
        stories(&self.flags, &self.stories)
    }

    /// The stories as the drafts tell them: one per draft that explains a detected
    /// flag, and one per flag no draft explains, worst first.
    pub fn told(&self) -> Vec<Story> {
        crate::core::story::as_drafted(&self.flags, &self.drafts, &self.stories)
    }

    /// What the story of draft `id` is called, as Home lists it: the group's name for a
    /// story of several flags, the flag's title for one; `None` when it explains no
    /// detected flag.
    pub fn story_name(&self, id: &str) -> Option<String> {
        let draft = self.draft(id)?;
        crate::core::story::draft_name(&self.flags, draft, &self.stories)
    }

    /// The detected flag that stands for `draft`: its primary flag, or the worst of the
    /// others it explains when the primary is no longer found.
    pub fn flag_of(&self, draft: &Draft) -> Option<&Flag> {
        crate::core::draft::detected(draft, &self.flags)
            .first()
            .copied()
    }

    /// The flag a draft belongs to, when it is still detected.
    pub fn flag(&self, id: &str) -> Option<&Flag> {
        self.flags.iter().find(|f| f.id == id)
    }
}
