//! Harvesting candidate terms from transcripts for `dict suggest`.
