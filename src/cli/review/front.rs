//! What a front end of the review is: the [`Action`]s a reviewer answers with, and the
//! [`FrontEnd`] trait that both the terminal (`keys`) and the line reader (`lines`) implement.

/// What a reviewer can do at a proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Accept,
    Reject,
    Skip,
    /// Edit the replacement: with the new text (line mode), or to be typed (terminal).
    Edit(Option<String>),
    Undo,
    Help,
    Quit,
    AcceptAlike,
    RejectAlike,
    AcceptRest,
    RejectRest,
}

impl Action {
    /// The action of a key, as both front ends read it.
    pub fn of_key(key: char) -> Option<Self> {
        Some(match key {
            'y' => Action::Accept,
            'n' => Action::Reject,
            's' => Action::Skip,
            'e' => Action::Edit(None),
            'u' => Action::Undo,
            '?' | 'h' => Action::Help,
            'q' => Action::Quit,
            'Y' => Action::AcceptAlike,
            'N' => Action::RejectAlike,
            'A' => Action::AcceptRest,
            'R' => Action::RejectRest,
            _ => return None,
        })
    }
}

/// Where answers come from and where screens go.
pub trait FrontEnd {
    /// Shows a screen (the review screen, or the help).
    fn show(&mut self, screen: &str) -> std::io::Result<()>;
    /// The next answer.
    fn ask(&mut self) -> std::io::Result<Action>;
    /// A replacement typed by the reviewer, starting from `initial`; `None` if cancelled.
    fn edit(&mut self, initial: &str) -> std::io::Result<Option<String>>;
    /// Lets the reviewer read what was shown (any key on a terminal; nothing on a pipe).
    fn pause(&mut self) -> std::io::Result<()>;
    /// Leaves the terminal as it was found.
    fn finish(&mut self);
}
