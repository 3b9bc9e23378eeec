//! The HTML report in a real browser: each shipped example's report is loaded
//! in headless Chromium (Debian's `chromium`; `.ci/run` installs it when
//! missing), which must load it without errors, fetch nothing besides the page
//! itself, draw both charts, and print it to PDF.
//!
//! Without a Chromium on the PATH (or in `CHROMIUM_BIN`) the test fails and
//! says how to install one; `SLAUDIT_SKIP_BROWSER=1` skips it on a machine
//! that cannot have one.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::slaudit;

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM_BIN") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|n| std::env::split_paths(&path).map(move |d| d.join(n)))
        .find(|p| p.is_file())
}

struct Rendered {
    dom: String,
    stderr: String,
    png: u64,
    pdf_pages: usize,
}

fn render(bin: &Path, html: &Path, dir: &Path) -> Rendered {
    let html = std::fs::canonicalize(html).unwrap();
    let (png, pdf) = (dir.join("shot.png"), dir.join("page.pdf"));
    let (out, err) = (dir.join("dom.html"), dir.join("stderr.txt"));
    // Output to files, not pipes: a crash's hundreds of lines cannot block it.
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            // Logs every file and network request the page makes.
            "--vmodule=file_url_loader_factory=1,network_delegate=1",
            "--window-size=1200,1600",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", html.display()))
        .env("XDG_CONFIG_HOME", dir.join("xdg"))
        .stdin(Stdio::null())
        .stdout(File::create(&out).unwrap())
        .stderr(File::create(&err).unwrap())
        .spawn()
        .expect("chromium starts");
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "chromium did not finish rendering {} in 90 s",
                html.display()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let pdf_bytes = std::fs::read(&pdf).unwrap_or_default();
    let count = |needle: &[u8]| {
        pdf_bytes
            .windows(needle.len())
            .filter(|w| *w == needle)
            .count()
    };
    Rendered {
        dom: std::fs::read_to_string(&out).unwrap_or_default(),
        stderr: std::fs::read_to_string(&err).unwrap_or_default(),
        png: std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0),
        pdf_pages: count(b"/Type /Page").saturating_sub(count(b"/Type /Pages")),
    }
}

/// Lines of Chromium's log that say the page failed, or loaded something
/// besides itself (Chromium's own background requests to Google hosts aside).
fn page_errors(stderr: &str, page: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| {
            if let Some((_, url)) = l.split_once("FileURLLoader::Start: ") {
                return url.trim() != page;
            }
            if let Some((_, url)) = l.split_once("NotifyBeforeURLRequest: ") {
                let host = url.split('/').nth(2).unwrap_or("");
                return ![".google.com", ".googleapis.com", ".gvt1.com"]
                    .iter()
                    .any(|h| host.ends_with(h));
            }
            [
                "Page load failed",
                ":CONSOLE",
                ":FATAL:",
                "Check failed",
                "Intentionally crashing",
            ]
            .iter()
            .any(|p| l.contains(p))
        })
        .map(String::from)
        .collect()
}

#[test]
fn html_reports_load_and_draw_their_charts_in_chromium() {
    let Some(bin) = chromium() else {
        if std::env::var_os("SLAUDIT_SKIP_BROWSER").is_some() {
            eprintln!("SLAUDIT_SKIP_BROWSER set: the browser test is skipped");
            return;
        }
        panic!("no chromium on the PATH: install Debian's chromium (apt-get install chromium; .ci/run does) or set CHROMIUM_BIN");
    };
    let mut bars = 0;
    for case in crate::report::CASES {
        let name = case.0;
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join(format!("{name}.html"));
        let out = slaudit()
            .args(crate::report::report_args(case, "html"))
            .args(["-o", page.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(
            !html.contains("<script") && !html.contains("http://") && !html.contains("https://"),
            "{name}: self-contained"
        );
        let r = render(&bin, &page, dir.path());
        let url = format!("file://{}", std::fs::canonicalize(&page).unwrap().display());
        let errors = page_errors(&r.stderr, &url);
        assert!(errors.is_empty(), "{name}: {errors:?}");
        assert!(r.dom.contains("</html>"), "{name}: the page loaded");
        // The compliance chart: one bar per priority and target with decided
        // tickets, as many as the report's compliance rows with a percentage.
        let json = slaudit()
            .args(crate::report::report_args(case, "json"))
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        let decided = v["compliance"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| !c["compliance_percent"].is_null())
            .count();
        assert_eq!(
            r.dom.matches("class=\"bar\"").count(),
            decided,
            "{name}: bars drawn"
        );
        bars += decided;
        let slices = v["availability"]["timeline"]
            .as_array()
            .map_or(0, |t| t.len());
        assert_eq!(
            r.dom.matches("class=\"slice ").count(),
            slices,
            "{name}: outages drawn"
        );
        if !v["availability"].is_null() {
            assert!(
                r.dom.contains("class=\"chart timeline\""),
                "{name}: timeline drawn"
            );
        }
        assert!(
            r.png > 15_000,
            "{name}: the screenshot is not blank ({} bytes)",
            r.png
        );
        assert!(
            r.pdf_pages >= 2,
            "{name}: printed to {} PDF page(s)",
            r.pdf_pages
        );
    }
    assert!(bars > 0, "some example has decided tickets to chart");
}
