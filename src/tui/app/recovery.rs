//! The recovery copy: drafts with unsaved edits copied to `recovery.ron` while the
//! applicant types, so even a kill -9 loses at most a moment; and, after a session
//! that ended suddenly, the offer to recover, discard or compare, never applied
//! silently.

use crossterm::event::{KeyCode, KeyEvent};

use crate::core::draft::Draft;
use crate::tui::msg::Effect;

use super::{App, Tone};

/// How often, at most, the copy is rewritten while typing.
pub const RECOVERY_MS: u64 = 300;

/// Unsaved words found at start, waiting for the applicant's decision.
pub struct Offer {
    pub drafts: Vec<Draft>,
    pub comparing: bool,
}

impl App {
    /// After any message: refresh the copy while edits are unsaved, or remove it once
    /// everything is saved.
    pub(super) fn recovery_effects(&mut self) -> Vec<Effect> {
        if self.unsaved.is_empty() {
            if std::mem::take(&mut self.recovery.written) {
                return vec![Effect::WriteRecovery(Vec::new())];
            }
            return Vec::new();
        }
        let r = &self.recovery;
        if self.changes() == r.seen || self.clock_ms < r.at + RECOVERY_MS && r.written {
            return Vec::new();
        }
        self.recovery.seen = self.changes();
        self.recovery.at = self.clock_ms;
        self.recovery.written = true;
        vec![Effect::WriteRecovery(self.unsaved_drafts())]
    }

    /// When the copy lags behind the edits, milliseconds until it may be rewritten.
    pub(super) fn recovery_wake_ms(&self) -> Option<u64> {
        let behind = !self.unsaved.is_empty() && self.changes() != self.recovery.seen;
        behind.then(|| (self.recovery.at + RECOVERY_MS).saturating_sub(self.clock_ms))
    }

    pub(super) fn offer_recovery(&mut self, drafts: Vec<Draft>) {
        self.offer = Some(Offer {
            drafts,
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
                    "Discarded the unsaved words; your saved drafts are as they were.".into(),
                    Tone::Info,
                ));
                vec![Effect::WriteRecovery(Vec::new())]
            }
            KeyCode::Char('r') => {
                let Some(offer) = self.offer.take() else {
                    return Vec::new();
                };
                let n = offer.drafts.len();
                if let Some(ws) = &mut self.ws {
                    for d in offer.drafts {
                        let id = d.flag.clone();
                        match ws.drafts.iter_mut().find(|x| x.flag == id) {
                            Some(slot) => *slot = d,
                            None => ws.drafts.push(d),
                        }
                        self.unsaved.insert(id);
                    }
                }
                self.note = Some((
                    format!("Recovered the unsaved words of {n} draft(s)."),
                    Tone::Info,
                ));
                let mut effects = self.save_all("");
                self.recovery.written = true;
                effects.push(Effect::WriteRecovery(Vec::new()));
                effects
            }
            _ => Vec::new(),
        }
    }
}

/// Where the copy stands.
#[derive(Debug, Default)]
pub struct CopyState {
    /// The edit count the copy holds.
    pub seen: u64,
    /// Clock of the last write.
    pub at: u64,
    /// A copy is on disk.
    pub written: bool,
}
