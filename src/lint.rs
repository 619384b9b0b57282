//! Dictionary checks for `dict lint`: duplicates, contradictions, and terms that collide with ordinary words.
