//! The floor of this stack: a bare ratatui-textarea editor holding a file, with the
//! same wrapping flagdraft's Draft editor uses. `bench/run.py` types into it beside
//! flagdraft and vim. Run: `cargo run --release --example textarea-floor -- FILE`.

use std::io;

use crossterm::event::{self, Event, KeyCode, KeyModifiers};
use ratatui::widgets::Block;
use ratatui_textarea::{TextArea, WrapMode};

fn main() -> io::Result<()> {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path)?;
    let mut editor = TextArea::new(text.lines().map(str::to_string).collect());
    editor.set_wrap_mode(WrapMode::WordOrGlyph);
    editor.set_block(Block::bordered().title(" floor "));
    editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
    editor.move_cursor(ratatui_textarea::CursorMove::End);
    let mut terminal = ratatui::init();
    let result = (|| -> io::Result<()> {
        loop {
            terminal.draw(|frame| frame.render_widget(&editor, frame.area()))?;
            if let Event::Key(key) = event::read()? {
                if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
                    return Ok(());
                }
                editor.input(key);
            }
        }
    })();
    ratatui::restore();
    result
}
