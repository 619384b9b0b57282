//! The terminal front end: raw mode, one keystroke an answer, the screen redrawn for each
//! proposal, and an inline editor for `e`. The terminal is restored on every way out: the
//! end of the review, an error, a panic (`Drop`), and SIGTERM or SIGHUP (a signal handler).

use std::io::Write;

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::{cursor, execute, queue, terminal};

use super::front::{Action, FrontEnd};
use crate::cli::render::Colors;

pub struct Terminal {
    colors: Colors,
    /// The screen last shown, redrawn when the window is resized.
    last: String,
    raw: bool,
}

impl Terminal {
    pub fn start(colors: Colors) -> std::io::Result<Self> {
        // Decisions are on disk as soon as they are made; a signal only has to give the
        // terminal back. Ctrl-C is a key in raw mode and quits through `ask`.
        let _ = ctrlc::set_handler(|| {
            restore();
            std::process::exit(130);
        });
        terminal::enable_raw_mode()?;
        Ok(Terminal {
            colors,
            last: String::new(),
            raw: true,
        })
    }

    fn draw(&self) -> std::io::Result<()> {
        let mut out = std::io::stdout().lock();
        queue!(
            out,
            terminal::Clear(terminal::ClearType::All),
            cursor::MoveTo(0, 0)
        )?;
        // Raw mode does not turn `\n` into a carriage return and a new line.
        out.write_all(self.last.replace('\n', "\r\n").as_bytes())?;
        out.flush()
    }

    /// The next key pressed; redraws on resize.
    fn key(&mut self) -> std::io::Result<KeyEvent> {
        loop {
            match event::read()? {
                Event::Key(k) if k.kind != KeyEventKind::Release => return Ok(k),
                Event::Resize(..) => self.draw()?,
                _ => {}
            }
        }
    }
}

fn is_interrupt(k: &KeyEvent) -> bool {
    k.modifiers.contains(KeyModifiers::CONTROL) && matches!(k.code, KeyCode::Char('c' | 'd'))
}

fn restore() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(std::io::stdout(), cursor::Show);
}

impl FrontEnd for Terminal {
    fn show(&mut self, screen: &str) -> std::io::Result<()> {
        self.last = screen.to_owned();
        self.draw()
    }

    fn ask(&mut self) -> std::io::Result<Action> {
        loop {
            let k = self.key()?;
            if is_interrupt(&k) {
                return Ok(Action::Quit);
            }
            if let KeyCode::Char(c) = k.code
                && let Some(action) = Action::of_key(c)
            {
                return Ok(action);
            }
        }
    }

    fn edit(&mut self, initial: &str) -> std::io::Result<Option<String>> {
        let mut text: Vec<char> = initial.chars().collect();
        let mut at = text.len();
        let prompt = "edit (Enter accepts, Esc cancels): ";
        loop {
            let shown: String = text.iter().collect();
            let mut out = std::io::stdout().lock();
            queue!(
                out,
                cursor::MoveToColumn(0),
                terminal::Clear(terminal::ClearType::CurrentLine)
            )?;
            let line = format!(
                "{}{shown}",
                self.colors.paint(crate::cli::render::style::PATH, prompt)
            );
            out.write_all(line.as_bytes())?;
            queue!(
                out,
                cursor::MoveToColumn((prompt.chars().count() + at) as u16)
            )?;
            out.flush()?;
            drop(out);
            let k = self.key()?;
            match k.code {
                _ if is_interrupt(&k) => return Ok(None),
                KeyCode::Enter => return Ok(Some(text.into_iter().collect())),
                KeyCode::Esc => return Ok(None),
                KeyCode::Left => at = at.saturating_sub(1),
                KeyCode::Right => at = (at + 1).min(text.len()),
                KeyCode::Home => at = 0,
                KeyCode::End => at = text.len(),
                KeyCode::Backspace if at > 0 => {
                    at -= 1;
                    text.remove(at);
                }
                KeyCode::Delete if at < text.len() => {
                    text.remove(at);
                }
                KeyCode::Char('u') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    text.drain(..at);
                    at = 0;
                }
                KeyCode::Char(c) => {
                    text.insert(at, c);
                    at += 1;
                }
                _ => {}
            }
        }
    }

    fn pause(&mut self) -> std::io::Result<()> {
        let mut out = std::io::stdout().lock();
        out.write_all(b"\r\n(any key to go back)")?;
        out.flush()?;
        drop(out);
        self.key().map(|_| ())
    }

    fn finish(&mut self) {
        if std::mem::take(&mut self.raw) {
            restore();
            let _ = std::io::stdout().write_all(b"\r\n");
            let _ = std::io::stdout().flush();
        }
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        self.finish();
    }
}
