//! Reading terms from other formats for `dict import`: plain lists, CSV, TOML dictionaries.
