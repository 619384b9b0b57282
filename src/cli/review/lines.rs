//! The front end without a terminal: screens to stdout, one answer a line from stdin
//! (`y`, `n`, `s`, `e NEW TEXT`, `u`, `Y`, `N`, `A`, `R`, `?`, `q`). End of input quits, saving.

use std::io::{BufRead, Write};

use super::front::{Action, FrontEnd};
use crate::cli::render::Colors;

pub struct Lines {
    colors: Colors,
    input: std::io::StdinLock<'static>,
}

impl Lines {
    pub fn new(colors: Colors) -> Self {
        Lines {
            colors,
            input: std::io::stdin().lock(),
        }
    }

    fn say(&self, text: &str) -> std::io::Result<()> {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()
    }
}

/// The action of one answer line; `Err` with a message for anything else.
pub fn parse(line: &str) -> Result<Action, String> {
    let line = line.trim_end_matches(['\r', '\n']);
    if let Some(text) = line.strip_prefix("e ") {
        return Ok(Action::Edit(Some(text.to_owned())));
    }
    let mut chars = line.trim().chars();
    match (chars.next(), chars.next()) {
        (Some(key), None) => {
            Action::of_key(key).ok_or_else(|| format!("unknown answer {line:?} (? for help)"))
        }
        _ => Err(format!(
            "unknown answer {line:?}: one of y n s u Y N A R ? q, or `e NEW TEXT`"
        )),
    }
}

impl FrontEnd for Lines {
    fn show(&mut self, screen: &str) -> std::io::Result<()> {
        self.say(screen)
    }

    fn ask(&mut self) -> std::io::Result<Action> {
        loop {
            self.say("> ")?;
            let mut line = String::new();
            if self.input.read_line(&mut line)? == 0 {
                self.say("(end of input: saving and quitting)\n")?;
                return Ok(Action::Quit);
            }
            match parse(&line) {
                Ok(action) => {
                    // Echo the answer: a transcript of the session reads like a terminal one.
                    self.say(&format!("{}\n", line.trim_end()))?;
                    return Ok(action);
                }
                Err(message) => {
                    let message = self
                        .colors
                        .paint(crate::cli::render::style::REVIEW, &message);
                    self.say(&format!("{message}\n"))?;
                }
            }
        }
    }

    fn edit(&mut self, initial: &str) -> std::io::Result<Option<String>> {
        self.say(&format!("edit (Enter keeps {initial:?}, `.` cancels)> "))?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let line = line.trim_end_matches(['\r', '\n']);
        self.say(&format!("{line}\n"))?;
        Ok(match line {
            "" => Some(initial.to_owned()),
            "." => None,
            text => Some(text.to_owned()),
        })
    }

    fn pause(&mut self) -> std::io::Result<()> {
        Ok(())
    }

    fn finish(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers() {
        assert_eq!(parse("y\n"), Ok(Action::Accept));
        assert_eq!(parse(" N "), Ok(Action::RejectAlike));
        assert_eq!(
            parse("e Adèle Martineau\r\n"),
            Ok(Action::Edit(Some("Adèle Martineau".into())))
        );
        assert_eq!(parse("e"), Ok(Action::Edit(None)));
        assert!(parse("yes").is_err());
        assert!(parse("x").is_err());
        assert!(parse("").is_err());
    }
}
