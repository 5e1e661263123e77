//! The recovery copy: words not yet saved, copied to `recovery.ron` while the applicant
//! types (every draft's editor text and the profile form), so even a kill -9 loses at
//! most a moment; and, after a session that ended suddenly, the offer to recover,
//! discard or compare, never applied silently.

use crossterm::event::{KeyCode, KeyEvent};

use crate::store::drafts::Recovery;
use crate::tui::msg::Effect;
use crate::tui::screens::profile::ProfileScreen;

use super::{App, Route, Tone};

/// How often, at most, the copy is rewritten while typing.
pub const RECOVERY_MS: u64 = 300;

/// Unsaved words found at start, waiting for the applicant's decision.
pub struct Offer {
    pub found: Recovery,
    pub comparing: bool,
}

impl App {
    /// Everything typed that is not saved yet, as it stands now.
    pub fn unsaved_copy(&self) -> Recovery {
        Recovery {
            version: 0,
            drafts: self.live_drafts(),
            form: self
                .profile
                .as_ref()
                .and_then(ProfileScreen::unsaved_values),
        }
    }

    /// After any message: refresh the copy while anything is unsaved, or remove it
    /// once everything is saved. An open offer keeps the old copy as it is.
    pub(super) fn recovery_effects(&mut self) -> Vec<Effect> {
        if self.offer.is_some() {
            return Vec::new();
        }
        if !self.has_unsaved() {
            if std::mem::take(&mut self.recovery.written) {
                return vec![Effect::WriteRecovery(Recovery::default())];
            }
            return Vec::new();
        }
        let r = &self.recovery;
        if self.stamp() == r.seen || self.clock_ms < r.at + RECOVERY_MS && r.written {
            return Vec::new();
        }
        self.recovery.seen = self.stamp();
        self.recovery.at = self.clock_ms;
        self.recovery.written = true;
        vec![Effect::WriteRecovery(self.unsaved_copy())]
    }

    /// When the copy lags behind the edits, milliseconds until it may be rewritten.
    pub(super) fn recovery_wake_ms(&self) -> Option<u64> {
        let behind =
            self.offer.is_none() && self.has_unsaved() && self.stamp() != self.recovery.seen;
        behind.then(|| (self.recovery.at + RECOVERY_MS).saturating_sub(self.clock_ms))
    }

    pub(super) fn offer_recovery(&mut self, found: Recovery) {
        self.offer = Some(Offer {
            found,
            comparing: false,
        });
    }

    /// r recovers, d discards, c compares; the offer stays until one of the first two.
    pub(super) fn on_offer_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(offer) = &mut self.offer else {
            return Vec::new();
        };
        match key.code {
            KeyCode::Char('c') => {
                offer.comparing = !offer.comparing;
                Vec::new()
            }
            KeyCode::Char('d') => {
                self.offer = None;
                self.note = Some((
                    "Discarded the unsaved words; what was saved is as it was.".into(),
                    Tone::Info,
                ));
                vec![Effect::WriteRecovery(Recovery::default())]
            }
            KeyCode::Char('r') => self.recover(),
            _ => Vec::new(),
        }
    }

    /// Put the copy's words back. Each recovered draft is saved at once (the saved one
    /// it replaces goes to its `.bak`); recovered profile fields open in the form, to
    /// be checked and saved by the applicant.
    fn recover(&mut self) -> Vec<Effect> {
        let Some(offer) = self.offer.take() else {
            return Vec::new();
        };
        let n = offer.found.drafts.len();
        let month = self.clock_month();
        if let Some(ws) = &mut self.ws {
            for d in offer.found.drafts {
                let id = d.flag.clone();
                match ws.drafts.iter_mut().find(|x| x.flag == id) {
                    Some(slot) => {
                        let seq = slot.seq.max(d.seq);
                        *slot = d;
                        slot.seq = seq;
                    }
                    None => ws.drafts.push(d),
                }
                self.unsaved.insert(id);
            }
            if let Some(values) = &offer.found.form {
                self.profile = Some(
                    ProfileScreen::restored(&ws.profile, &ws.knowledge.rules, values)
                        .with_checks(month, &ws.knowledge.rules),
                );
                self.route = Route::Profile;
            }
        }
        let drafts = match n {
            0 => String::new(),
            1 => "the unsaved words of 1 draft".to_string(),
            n => format!("the unsaved words of {n} drafts"),
        };
        let form = offer
            .found
            .form
            .is_some()
            .then_some("your unsaved profile fields (check them, then Ctrl-S saves)");
        let what: Vec<&str> = [Some(drafts.as_str()), form]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect();
        self.note = Some((format!("Recovered {}.", what.join(" and ")), Tone::Info));
        for id in self.unsaved.clone() {
            self.count(&id);
        }
        let effects = self.save_all("");
        // The copy stays until the profile form is saved too.
        self.recovery.written = true;
        self.recovery.seen = u64::MAX;
        effects
    }
}

/// Where the copy stands.
#[derive(Debug, Default)]
pub struct CopyState {
    /// The stamp (edits, saves and keys) the copy holds.
    pub seen: u64,
    /// Clock of the last write.
    pub at: u64,
    /// A copy is on disk.
    pub written: bool,
}
