//! The house's one rule of structure: no module of `src/` imports, directly or
//! through others, a module that imports it. A module is a file (`a/mod.rs` is
//! `a`); it depends on every module it names through `crate::`, `slaudit::`,
//! `super::`, or a child's name (`penalty::PenaltyTally`). Declaring a child
//! (`mod x;`) is not a dependency.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn modules(dir: &Path, prefix: &[String], out: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        if path.is_dir() {
            let mut p = prefix.to_vec();
            p.push(name);
            modules(&path, &p, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let mut p = prefix.to_vec();
            if !matches!(name.as_str(), "mod" | "lib" | "main") {
                p.push(name);
            }
            let text = std::fs::read_to_string(&path).expect("read module");
            // Comments name modules without importing them.
            let code: String = text
                .lines()
                .map(|l| l.split("//").next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join("\n");
            out.insert(p.join("::"), code);
        }
    }
}

/// The paths a module's code names, as module paths.
fn named_paths(code: &str, me: &[&str]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        if ident(bytes[i]) && (i == 0 || !(ident(bytes[i - 1]) || bytes[i - 1] == b':')) {
            let mut j = i;
            let mut segs = Vec::new();
            loop {
                let s = j;
                while j < bytes.len() && ident(bytes[j]) {
                    j += 1;
                }
                segs.push(code[s..j].to_string());
                if code[j..].starts_with("::") && j + 2 < bytes.len() && ident(bytes[j + 2]) {
                    j += 2;
                } else {
                    break;
                }
            }
            // `use x::{a, b}` names `x`.
            if code[j..].starts_with("::{") {
                segs.push(String::new());
            }
            if segs.len() > 1 {
                let base = segs[0].as_str();
                let path: Option<Vec<String>> = match base {
                    "crate" | "slaudit" => Some(
                        segs[1..]
                            .iter()
                            .filter(|s| !s.is_empty())
                            .cloned()
                            .collect(),
                    ),
                    "super" => {
                        let mut p: Vec<String> = me[..me.len().saturating_sub(1)]
                            .iter()
                            .map(|s| s.to_string())
                            .collect();
                        p.extend(segs[1..].iter().filter(|s| !s.is_empty()).cloned());
                        Some(p)
                    }
                    _ => {
                        let mut p: Vec<String> = me.iter().map(|s| s.to_string()).collect();
                        p.extend(segs.iter().filter(|s| !s.is_empty()).cloned());
                        Some(p)
                    }
                };
                out.extend(path);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn no_module_imports_one_that_imports_it() {
    let mut mods = BTreeMap::new();
    modules(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &[],
        &mut mods,
    );
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, code) in &mods {
        let me: Vec<&str> = if name.is_empty() {
            vec![]
        } else {
            name.split("::").collect()
        };
        let mut set = BTreeSet::new();
        for path in named_paths(code, &me) {
            // The longest prefix that is a module.
            for k in (1..=path.len()).rev() {
                let cand = path[..k].join("::");
                if mods.contains_key(&cand) {
                    if cand != *name {
                        set.insert(cand);
                    }
                    break;
                }
            }
        }
        deps.insert(name.clone(), set);
    }
    assert!(deps.len() > 20, "modules found: {:?}", deps.keys());
    assert!(
        deps["audit::ticket"].contains("contract"),
        "the scan sees imports"
    );
    // Depth-first search for a cycle.
    fn visit(
        n: &str,
        deps: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(n) {
            Some(2) => return None,
            Some(1) => {
                let at = stack.iter().position(|s| s == n).unwrap_or(0);
                let mut cycle = stack[at..].to_vec();
                cycle.push(n.to_string());
                return Some(cycle);
            }
            _ => {}
        }
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for d in deps.get(n).into_iter().flatten() {
            if let Some(c) = visit(d, deps, state, stack) {
                return Some(c);
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in deps.keys() {
        let mut stack = Vec::new();
        if let Some(cycle) = visit(n, &deps, &mut state, &mut stack) {
            panic!("import loop: {}", cycle.join(" -> "));
        }
    }
}
