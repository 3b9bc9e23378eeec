//! The contracts, holiday calendars and help-desk presets that ship with slaudit, embedded in the
//! binary so `--contract audara` works from any directory. The same files live in
//! `contracts/` for people to read and copy.

/// (key, file name, TOML text) of every shipped contract.
pub const CONTRACTS: &[(&str, &str, &str)] = &[
    (
        "adereso",
        "contracts/adereso.toml",
        include_str!("../contracts/adereso.toml"),
    ),
    (
        "athento",
        "contracts/athento.toml",
        include_str!("../contracts/athento.toml"),
    ),
    (
        "audara",
        "contracts/audara.toml",
        include_str!("../contracts/audara.toml"),
    ),
    (
        "clever",
        "contracts/clever.toml",
        include_str!("../contracts/clever.toml"),
    ),
    (
        "safr",
        "contracts/safr.toml",
        include_str!("../contracts/safr.toml"),
    ),
];

/// (name, file name, TOML text) of every shipped holiday calendar.
pub const CALENDARS: &[(&str, &str, &str)] = &[
    (
        "chile",
        "contracts/calendars/chile.toml",
        include_str!("../contracts/calendars/chile.toml"),
    ),
    (
        "colombia",
        "contracts/calendars/colombia.toml",
        include_str!("../contracts/calendars/colombia.toml"),
    ),
    (
        "mexico",
        "contracts/calendars/mexico.toml",
        include_str!("../contracts/calendars/mexico.toml"),
    ),
    (
        "spain",
        "contracts/calendars/spain.toml",
        include_str!("../contracts/calendars/spain.toml"),
    ),
    (
        "us-federal",
        "contracts/calendars/us-federal.toml",
        include_str!("../contracts/calendars/us-federal.toml"),
    ),
];

/// A shipped contract by key: (file name, text).
pub fn contract(key: &str) -> Option<(&'static str, &'static str)> {
    CONTRACTS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, f, t)| (*f, *t))
}

/// A shipped calendar by name: (file name, text).
pub fn calendar(name: &str) -> Option<(&'static str, &'static str)> {
    CALENDARS
        .iter()
        .find(|(k, _, _)| *k == name)
        .map(|(_, f, t)| (*f, *t))
}

/// (name, file name, TOML text) of every shipped help-desk preset.
pub const PRESETS: &[(&str, &str, &str)] = &[
    (
        "freshdesk",
        "presets/freshdesk.toml",
        include_str!("../presets/freshdesk.toml"),
    ),
    (
        "jira",
        "presets/jira.toml",
        include_str!("../presets/jira.toml"),
    ),
    (
        "servicenow",
        "presets/servicenow.toml",
        include_str!("../presets/servicenow.toml"),
    ),
    (
        "zammad",
        "presets/zammad.toml",
        include_str!("../presets/zammad.toml"),
    ),
    (
        "zendesk",
        "presets/zendesk.toml",
        include_str!("../presets/zendesk.toml"),
    ),
];

/// A shipped preset by name: (file name, text).
pub fn preset(name: &str) -> Option<(&'static str, &'static str)> {
    PRESETS
        .iter()
        .find(|(k, _, _)| k.eq_ignore_ascii_case(name.trim()))
        .map(|(_, f, t)| (*f, *t))
}

/// The shipped presets' names, for messages.
pub fn preset_names() -> String {
    PRESETS
        .iter()
        .map(|(k, _, _)| *k)
        .collect::<Vec<_>>()
        .join(", ")
}
