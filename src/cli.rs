//! Command-line flags. Each `///` comment is the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::exit;

/// SLA calculator and contract auditor: vendor support contracts as TOML, ticket
/// exports as CSV; deadlines, breaches and compliance out, each with its clause.
#[derive(Debug, Parser)]
#[command(name = "slaudit", version, after_help = exit::HELP)]
pub struct Cli {
    /// Directory with more contract TOML files (and a `calendars/` subdirectory);
    /// its contracts are listed with the shipped ones and take precedence.
    #[arg(long, global = true, value_name = "DIR")]
    pub contracts_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List contracts, show one in full, or check contract files.
    Contracts(ContractsArgs),
    /// Print a year's holidays and the weekly schedules of a contract.
    Calendar(CalendarArgs),
    /// Print the due instant of every target for one ticket.
    Deadline(DeadlineArgs),
    /// Audit a tickets CSV: one row per ticket and a summary per priority.
    #[command(after_help = exit::HELP)]
    Audit(AuditArgs),
    /// Availability, maintenance, exclusions and service credits per month from an outages CSV.
    #[command(after_help = exit::HELP_NO_BREACH)]
    Uptime(UptimeArgs),
    /// List the help-desk presets (--from NAME), or show one or a mapping file
    /// field by field (a mapping file with a mistake is one line: file, line, key).
    Presets(PresetsArgs),
    /// Explain one ticket's deadlines: every stretch its clocks counted (with the
    /// running total) and skipped, and why, up to the due instant and the event.
    Explain(ExplainArgs),
    /// The monthly audit report: one month's tickets (and outages, events) of
    /// one contract as one document (markdown, self-contained html, or json).
    #[command(after_help = exit::HELP_NO_BREACH)]
    Report(Box<ReportArgs>),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff, for `man -l -`).
    Man,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    pub sel: ContractSel,
    /// The ticket to explain: its id in --tickets.
    #[arg(required_unless_present = "at")]
    pub id: Option<String>,
    /// The tickets file the ticket is in (any format audit reads).
    #[arg(long, value_name = "FILE", requires = "id", conflicts_with = "at")]
    pub tickets: Option<PathBuf>,
    #[command(flatten)]
    pub source: SourceFormat,
    /// The ticket's status reports and waits (as audit --events).
    #[arg(long, value_name = "FILE")]
    pub events: Option<PathBuf>,
    /// A ticket that is in no file: its priority ...
    #[arg(long, requires = "at")]
    pub priority: Option<String>,
    /// ... its channel ...
    #[arg(long, requires = "at")]
    pub channel: Option<String>,
    /// ... when it was created ...
    #[arg(long, value_name = "TIME", requires = "priority")]
    pub at: Option<String>,
    /// ... and when it was answered and resolved, if it was.
    #[arg(long, value_name = "TIME", requires = "at")]
    pub until: Option<String>,
    /// Judge an open ticket as of this time (default: now).
    #[arg(long, value_name = "TIME")]
    pub as_of: Option<String>,
    #[command(flatten)]
    pub tz: InputTz,
}

#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub sel: ContractSel,
    /// The calendar month, in the contract's time zone: its tickets are those
    /// created in it; those still open at its end are judged as of its end.
    #[arg(long, value_name = "YYYY-MM")]
    pub month: String,
    /// The tickets file (any format audit reads).
    #[arg(long, value_name = "FILE")]
    pub tickets: PathBuf,
    /// The outages file (as uptime reads): availability, maintenance and credits.
    #[arg(long, value_name = "FILE")]
    pub outages: Option<PathBuf>,
    /// The events file (as audit --events): status reports and waits.
    #[arg(long, value_name = "FILE")]
    pub events: Option<PathBuf>,
    #[command(flatten)]
    pub source: SourceFormat,
    #[command(flatten)]
    pub fee: FeeArgs,
    #[command(flatten)]
    pub entitlements: EntitlementArgs,
    /// When the report is made (default: now): credit claims not yet filed
    /// are due or late against it, and a month not over yet is judged up to it.
    #[arg(long, value_name = "TIME")]
    pub as_of: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: ReportFormat,
    #[command(flatten)]
    pub output: OutputArg,
    #[command(flatten)]
    pub tz: InputTz,
    #[command(flatten)]
    pub rows: RowHandling,
    /// What-if: add a section judging the same tickets and outages under
    /// another plan of the contract.
    #[arg(long, value_name = "PLAN", conflicts_with = "compare_contract")]
    pub compare_plan: Option<String>,
    /// What-if: ... or under another contract (a shipped name or a file).
    #[arg(long, value_name = "NAME|FILE")]
    pub compare_contract: Option<String>,
}

/// What the customer is entitled to: named contacts and ticket quotas.
#[derive(Debug, Clone, Args)]
pub struct EntitlementArgs {
    /// The customer's named contacts, one per line (matched against the
    /// tickets' `reporter` column).
    #[arg(long, value_name = "FILE")]
    pub contacts: Option<PathBuf>,
    /// Production start (YYYY-MM-DD): tickets in the contract's first months
    /// after it are not counted against the quota, and yearly quota periods
    /// start on its anniversary (unless --period-start).
    #[arg(long, value_name = "DATE")]
    pub go_live: Option<String>,
    /// Start of the yearly quota period (YYYY-MM-DD; its anniversary each year).
    #[arg(long, value_name = "DATE")]
    pub period_start: Option<String>,
    /// Number of users, for quotas that depend on it (`contracts show NAME`
    /// lists a contract's quotas).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub users: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Markdown,
    Html,
    Json,
}

#[derive(Debug, Args)]
pub struct PresetsArgs {
    #[command(subcommand)]
    pub action: Option<PresetsAction>,
}

#[derive(Debug, Subcommand)]
pub enum PresetsAction {
    /// List the shipped presets (the default).
    List,
    /// Print what each ticket field is read from, with its formats and words.
    Show {
        /// A preset name (`slaudit presets` lists them) or a mapping file.
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct ContractsArgs {
    #[command(subcommand)]
    pub action: Option<ContractsAction>,
}

#[derive(Debug, Subcommand)]
pub enum ContractsAction {
    /// List the shipped contracts and those in --contracts-dir (the default).
    List,
    /// Print every term of a contract with its clause and assumptions.
    Show {
        /// Contract name (e.g. audara) or path to a TOML file.
        name: String,
    },
    /// Validate contract TOML files; every problem is reported with file, line and key.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Contract name (e.g. audara) or path to a TOML file.
    pub name: String,
    /// Year to list (default: the current year in the contract's time zone).
    #[arg(long)]
    pub year: Option<i32>,
    /// Show only this plan's schedule.
    #[arg(long)]
    pub plan: Option<String>,
}

#[derive(Debug, Args)]
pub struct DeadlineArgs {
    #[command(flatten)]
    pub sel: ContractSel,
    /// Priority key or alias.
    #[arg(long)]
    pub priority: String,
    /// When the ticket was created: RFC 3339, or YYYY-MM-DD HH:MM[:SS] in the contract's zone.
    #[arg(long, value_name = "TIME")]
    pub at: String,
    /// Channel the ticket came in by (phone, chat, ticket, email, ...).
    #[arg(long)]
    pub channel: Option<String>,
    /// Category, for contracts with category-specific targets.
    #[arg(long)]
    pub category: Option<String>,
    #[command(flatten)]
    pub tz: InputTz,
    /// Output format (csv: one row per target, columns in docs/output.md).
    #[arg(long, value_enum, default_value_t = SimpleFormat::Table)]
    pub format: SimpleFormat,
    #[command(flatten)]
    pub output: OutputArg,
}

#[derive(Debug, Clone, Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub sel: ContractSel,
    /// Tickets CSV (`-` for standard input). Columns: id, created_at, priority
    /// (required); plan, channel, category, first_response_at, workaround_at,
    /// resolved_at (optional).
    pub file: PathBuf,
    /// Judge tickets without an event as of this time: RFC 3339, YYYY-MM-DD
    /// HH:MM[:SS] in the contract's zone, or `now` (the default).
    #[arg(long, value_name = "TIME")]
    pub as_of: Option<String>,
    /// Output format (default: table on a terminal, csv otherwise).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    #[command(flatten)]
    pub output: OutputArg,
    #[command(flatten)]
    pub tz: InputTz,
    #[command(flatten)]
    pub rows: RowHandling,
    /// Exit 3 when any target is breached or overdue.
    #[arg(long)]
    pub fail_on_breach: bool,
    /// Mark `at_risk` each open target that has used PCT percent or more of
    /// its time (0 to 100, decimals allowed) by the as-of instant.
    #[arg(long, value_name = "PCT")]
    pub warn_at: Option<String>,
    /// Exit 4 when any target is at risk (needs --warn-at; a breach with
    /// --fail-on-breach exits 3 first).
    #[arg(long, requires = "warn_at")]
    pub fail_on_risk: bool,
    #[command(flatten)]
    pub fee: FeeArgs,
    /// Events CSV (`-` for standard input when the tickets come from a file):
    /// ticket_id, at, kind (update, pause or resume), optional note. Judges the
    /// status-update cadence and stops paused targets' clocks during waits.
    #[arg(long, value_name = "FILE")]
    pub events: Option<PathBuf>,
    #[command(flatten)]
    pub entitlements: EntitlementArgs,
    #[command(flatten)]
    pub source: SourceFormat,
    /// The help desk's SLA export (a list of the SLAs attached to each
    /// ticket), joined by ticket: the end of a completed response SLA is the first response of a
    /// ticket whose own row has none. Needs a preset or mapping that names its
    /// columns ([sla_export]).
    #[arg(long, value_name = "FILE")]
    pub sla_export: Option<PathBuf>,
    /// Add the help desk's own SLA verdicts (helpdesk_response_status,
    /// helpdesk_resolution_status) where its export carries them, and end
    /// with where they disagree with the contract.
    #[arg(long)]
    pub reconcile: bool,
}

/// How the tickets file is written: slaudit's own columns (the default), a
/// help desk's export, or any CSV through a mapping file.
#[derive(Debug, Clone, Args)]
pub struct SourceFormat {
    /// Read the tickets as a help desk exports them (`slaudit presets` lists
    /// the names).
    #[arg(long, value_name = "PRESET", conflicts_with = "map")]
    pub from: Option<String>,
    /// Read the tickets through a mapping file (TOML: columns, time formats,
    /// words; it may start from a preset). See presets/README.md.
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
    /// The sheet to read when the tickets file is a spreadsheet (.xlsx, .xls,
    /// .ods; default: the first sheet).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

/// The contract and plan a command judges by (shared by `deadline`, `audit` and
/// `uptime`).
#[derive(Debug, Clone, Args)]
pub struct ContractSel {
    /// Contract name (e.g. audara) or path to a TOML file.
    #[arg(long)]
    pub contract: String,
    /// Plan key or alias: for rows without a `plan` value, and for plan-dependent
    /// terms (not needed when the contract has one plan).
    #[arg(long)]
    pub plan: Option<String>,
}

/// Where the output goes.
#[derive(Debug, Clone, Args)]
pub struct OutputArg {
    /// Write the output to FILE (created or replaced) instead of standard
    /// output; the default format is then the one for a pipe.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub path: Option<PathBuf>,
}

/// Zone of input times that carry no offset.
#[derive(Debug, Clone, Args)]
pub struct InputTz {
    /// Zone of timestamps without an offset (default: the contract's).
    #[arg(long, value_name = "IANA")]
    pub input_tz: Option<String>,
}

/// The monthly fee that credits and penalties are shares of.
#[derive(Debug, Clone, Args)]
pub struct FeeArgs {
    /// Monthly fee of the affected product (e.g. 1000.00): credits and penalties
    /// are then given as amounts; needs --currency.
    #[arg(
        long,
        value_name = "AMOUNT",
        requires = "currency",
        allow_negative_numbers = true
    )]
    pub fee: Option<String>,
    /// ISO 4217 currency of --fee (EUR, USD, MXN, CLP, COP, ...).
    #[arg(long, value_name = "CODE", requires = "fee")]
    pub currency: Option<String>,
}

/// What to do with bad rows, and how much to say on standard error.
#[derive(Debug, Clone, Args)]
pub struct RowHandling {
    /// Output bad rows with status (or treatment) `invalid` and their reason, and exit 0.
    #[arg(long)]
    pub keep_going: bool,
    /// Say less on standard error, by levels: -q leaves out the block of
    /// assumptions, -qq the summary too, -qqq the warnings too (only errors and
    /// bad rows remain). With json, the warnings list is empty from -qqq.
    #[arg(long, short, action = clap::ArgAction::Count)]
    pub quiet: u8,
}

impl RowHandling {
    /// Whether the block of assumptions in force is printed (no `-q`).
    pub fn assumptions(&self) -> bool {
        self.quiet < 1
    }

    /// Whether the summary goes to standard error (fewer than two `-q`).
    pub fn summary(&self) -> bool {
        self.quiet < 2
    }

    /// Whether warnings are printed (fewer than three `-q`).
    pub fn warnings(&self) -> bool {
        self.quiet < 3
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SimpleFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct UptimeArgs {
    #[command(flatten)]
    pub sel: ContractSel,
    /// Product, for contracts that measure products separately: only its outages
    /// are reported, and rows without a product are taken as this product.
    #[arg(long)]
    pub product: Option<String>,
    /// Outages CSV (`-` for standard input). Columns: id, start, end (required);
    /// product, kind (unplanned or maintenance), notified_at, excluded (cause),
    /// reported_at, credit_requested_at (optional).
    pub file: PathBuf,
    /// The sheet to read when the outages file is a spreadsheet (.xlsx, .xls,
    /// .ods; default: the first sheet).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Only this calendar month (default: every month the outages touch).
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,
    #[command(flatten)]
    pub fee: FeeArgs,
    /// Output format (default: table on a terminal, csv otherwise).
    #[arg(long, value_enum)]
    pub format: Option<UptimeFormat>,
    #[command(flatten)]
    pub output: OutputArg,
    /// With csv, one row per outage (and month) instead of one per month.
    #[arg(long)]
    pub per_outage: bool,
    #[command(flatten)]
    pub tz: InputTz,
    #[command(flatten)]
    pub rows: RowHandling,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UptimeFormat {
    Table,
    Csv,
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
