//! The real binary: exit codes, actor resolution, output files.

use std::fs;
use std::path::Path;

mod common;

use assert_cmd::Command;
use common::{Run, finish};

fn detente() -> Command {
    let mut c = Command::cargo_bin("detente").expect("binary");
    c.env_remove("NO_COLOR");
    c
}

fn run(args: &[&str]) -> Run {
    finish(detente().args(args))
}

fn ambiguous_model(dir: &Path) -> String {
    let p = dir.join("m.yaml");
    fs::write(
        &p,
        "title: t\nissues: [{id: i, title: I}]\nactors:\n  - {id: alpha-one, name: Alpha One}\n  - {id: alpha-two, name: Alpha Two}\n  - {id: beta, name: Beta, aliases: [Shared]}\n  - {id: gamma, name: Gamma, aliases: [shared]}\n",
    )
    .expect("write");
    p.to_string_lossy().into_owned()
}

#[test]
fn check_prints_one_line_for_the_builtin_model() {
    let r = run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 1);
    assert!(
        r.stdout.starts_with("<built-in model>: ok: "),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("7 actors, 20 issues"), "{}", r.stdout);
}

#[test]
fn check_accepts_the_shipped_data_file_and_fixtures() {
    let root = env!("CARGO_MANIFEST_DIR");
    for f in ["data/geneva-2022.yaml", "tests/fixtures/good/hostile.yaml"] {
        let r = run(&["check", &format!("{root}/{f}")]);
        assert_eq!(r.code, 0, "{f}: {}", r.stderr);
    }
}

#[test]
fn export_resolves_actors_by_id_alias_and_fuzzy_match() {
    let by_id = run(&["export", "--left", "russia", "--right", "united-states"]);
    assert_eq!(by_id.code, 0, "{}", by_id.stderr);
    assert!(
        by_id
            .stdout
            .contains("Russian Federation (state) vs United States (state)")
    );
    let by_alias = run(&["export", "--left", "lavrov", "--right", "blinken"]);
    assert_eq!(
        by_alias.stdout, by_id.stdout,
        "aliases reach the same actors"
    );
    let by_name = run(&[
        "export",
        "--left",
        "RUSSIAN FEDERATION",
        "--right",
        "United States",
    ]);
    assert_eq!(by_name.stdout, by_id.stdout, "names, case-insensitively");
    let fuzzy = run(&[
        "export", "--left", "mrshmr", "--right", "rfknd", "--format", "json",
    ]);
    assert_eq!(fuzzy.code, 0, "{}", fuzzy.stderr);
    assert!(
        fuzzy.stdout.contains("\"id\": \"mearsheimer\"")
            && fuzzy.stdout.contains("\"id\": \"rifkind\"")
    );
}

#[test]
fn ambiguous_and_unknown_actors_exit_2_with_candidates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let m = ambiguous_model(dir.path());
    let r = run(&["export", &m, "--left", "alpha", "--right", "beta"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("left actor: `alpha` is ambiguous"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("alpha-one (Alpha One)") && r.stderr.contains("alpha-two (Alpha Two)")
    );
    let r = run(&["export", &m, "--left", "beta", "--right", "SHARED"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("beta (Beta)") && r.stderr.contains("gamma (Gamma)"),
        "{}",
        r.stderr
    );
    let r = run(&["export", "--left", "zzzz", "--right", "russia"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no actor matches `zzzz`")
            && r.stderr.contains("russia (Russian Federation)")
    );
}

#[test]
fn usage_errors_exit_2_and_help_and_version_exit_0() {
    assert_eq!(
        run(&["export", "--left", "russia"]).code,
        2,
        "missing --right"
    );
    assert_eq!(
        run(&["export", "--left", "a", "--right", "b", "--format", "pdf"]).code,
        2
    );
    assert_eq!(
        run(&[
            "export", "--left", "russia", "--right", "nato", "--width", "10"
        ])
        .code,
        2
    );
    assert_eq!(run(&["--no-such-flag"]).code, 2);
    let help = run(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("check") && help.stdout.contains("export"));
    let version = run(&["--version"]);
    assert_eq!(version.code, 0);
    assert_eq!(
        version.stdout.trim(),
        format!("detente {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn an_invalid_model_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("bad.yaml");
    fs::write(&p, "title: t\n").expect("write");
    let r = run(&[
        "export",
        p.to_str().expect("utf8"),
        "--left",
        "a",
        "--right",
        "b",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("missing field"), "{}", r.stderr);
}

#[test]
fn output_files_are_never_overwritten_without_force() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("report.txt");
    let out_s = out.to_str().expect("utf8");
    let args = ["export", "--left", "russia", "--right", "nato", "-o", out_s];
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let first = fs::read_to_string(&out).expect("written");
    assert_eq!(
        first,
        run(&["export", "--left", "russia", "--right", "nato"]).stdout
    );

    fs::write(&out, "my notes").expect("write");
    let r = run(&args);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("already exists") && r.stderr.contains("--force"),
        "{}",
        r.stderr
    );
    assert_eq!(
        fs::read_to_string(&out).expect("read"),
        "my notes",
        "original untouched"
    );

    let mut forced = args.to_vec();
    forced.push("--force");
    assert_eq!(run(&forced).code, 0);
    assert_eq!(fs::read_to_string(&out).expect("read"), first);
    let names: Vec<_> = fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
}

/// An export that failed as it should: exit 1, a message naming the file and
/// the reason, and nothing left in `dir`.
fn assert_failed_cleanly(r: &Run, file: &str, reason: &str, dir: &std::path::Path) {
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("cannot write") && r.stderr.contains(file),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.to_lowercase().contains(&reason.to_lowercase()),
        "the reason ({reason}): {}",
        r.stderr
    );
    let left: Vec<_> = fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "no partial or temporary file: {left:?}");
}

#[test]
fn a_failed_write_leaves_no_partial_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("missing-dir/report.txt");
    let r = run(&[
        "export",
        "--left",
        "russia",
        "--right",
        "nato",
        "-o",
        out.to_str().expect("utf8"),
    ]);
    assert_failed_cleanly(&r, "report.txt", "No such file or directory", dir.path());
}

#[test]
fn force_without_output_is_a_usage_error() {
    assert_eq!(
        run(&["export", "--left", "russia", "--right", "nato", "--force"]).code,
        2
    );
}

#[test]
fn the_model_file_is_never_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let model = dir.path().join("m.yaml");
    fs::write(&model, detente::model::BUILTIN_YAML).expect("write");
    let before = fs::metadata(&model)
        .expect("meta")
        .modified()
        .expect("mtime");
    let m = model.to_str().expect("utf8");
    assert_eq!(
        run(&["export", m, "--left", "russia", "--right", "nato", "-o", m]).code,
        2
    );
    let r = run(&[
        "export", m, "--left", "russia", "--right", "nato", "-o", m, "--force",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is the model file"), "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(&model).expect("read"),
        detente::model::BUILTIN_YAML
    );
    assert_eq!(
        fs::metadata(&model)
            .expect("meta")
            .modified()
            .expect("mtime"),
        before
    );
}

#[test]
fn without_a_terminal_the_tui_points_to_export() {
    let r = run(&[]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("needs a terminal") && r.stderr.contains("detente export"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty(), "no escape codes on the pipe");
    // Unknown actors are still usage errors, before anything else.
    assert_eq!(run(&["--left", "zzzz"]).code, 2);
}

/// Runs detente as the unprivileged user `nobody` (CI runs as root, which
/// no directory permission stops). None when that is not possible here.
fn as_nobody(args: &[&str]) -> Option<Run> {
    let bin = assert_cmd::cargo::cargo_bin("detente");
    let out = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(bin)
        .args(args)
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if stderr.contains("setpriv:") {
        return None;
    }
    Some(Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    })
}

#[test]
fn a_read_only_directory_refuses_the_export_and_leaves_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let ro = dir.path().join("read-only");
    fs::create_dir(&ro).expect("mkdir");
    // World-traversable (nobody must reach it) but not writable.
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod");
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).expect("chmod");
    let out = ro.join("report.txt");
    let args = [
        "export",
        "--left",
        "russia",
        "--right",
        "nato",
        "-o",
        out.to_str().expect("utf8"),
    ];
    let Some(r) = as_nobody(&args) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must be able to drop privileges (setpriv)"
        );
        eprintln!("setpriv unavailable: skipped");
        return;
    };
    assert_failed_cleanly(&r, "report.txt", "permission denied", &ro);
}

#[test]
fn a_full_disk_fails_cleanly_without_a_partial_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mnt = dir.path().join("tiny");
    fs::create_dir(&mnt).expect("mkdir");
    let mount = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=8k", "tmpfs"])
        .arg(&mnt)
        .output();
    let mounted = mount.as_ref().is_ok_and(|o| o.status.success());
    if !mounted {
        let why = match &mount {
            Ok(o) => String::from_utf8_lossy(&o.stderr).trim().to_string(),
            Err(e) => format!("mount: {e}"),
        };
        // CI runs as root and can mount: there a skip would hide a broken
        // full-disk path, so it fails.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must be able to mount a tmpfs (runs as root): {why}"
        );
        eprintln!("cannot mount a tmpfs here (not root, or no mount namespace): skipped ({why})");
        return;
    }
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(mnt.clone());
    let out = mnt.join("report.md");
    let r = run(&[
        "export",
        "--left",
        "russia",
        "--right",
        "united-states",
        "--format",
        "markdown",
        "-o",
        out.to_str().expect("utf8"),
    ]);
    assert_failed_cleanly(&r, "report.md", "No space left", &mnt);
    assert!(
        !r.stderr.contains(".detente-"),
        "no temporary path: {}",
        r.stderr
    );
}

#[test]
fn exported_files_get_normal_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("r.txt");
    assert_eq!(
        run(&[
            "export",
            "--left",
            "russia",
            "--right",
            "nato",
            "-o",
            out.to_str().expect("utf8")
        ])
        .code,
        0
    );
    assert_eq!(
        fs::metadata(&out).expect("meta").permissions().mode() & 0o777,
        0o644
    );
}

#[test]
fn a_symlink_target_is_refused_and_never_written_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("precious.txt");
    fs::write(&target, "keep me").expect("write");
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let l = link.to_str().expect("utf8");
    let r = run(&["export", "--left", "russia", "--right", "nato", "-o", l]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    assert_eq!(
        run(&[
            "export", "--left", "russia", "--right", "nato", "-o", l, "--force"
        ])
        .code,
        0
    );
    assert_eq!(
        fs::read_to_string(&target).expect("read"),
        "keep me",
        "not written through the link"
    );
    assert!(
        !fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink(),
        "the link itself was replaced"
    );
}

#[test]
fn new_writes_a_starter_that_checks_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("talks.yaml");
    let ps = p.to_str().expect("utf8");
    let r = run(&["new", ps]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("detente check"), "{}", r.stdout);
    assert_eq!(run(&["check", ps]).code, 0);
    fs::write(&p, "mine").expect("write");
    let r = run(&["new", ps]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("never overwrites"), "{}", r.stderr);
    assert_eq!(fs::read_to_string(&p).expect("read"), "mine");
    let r = run(&[
        "new",
        dir.path().join("no/dir/x.yaml").to_str().expect("utf8"),
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("No such file or directory") && !r.stderr.contains(".detente-"),
        "{}",
        r.stderr
    );
}

#[test]
fn completions_and_man_page_come_from_the_same_arguments() {
    for (shell, marker) in [
        ("bash", "_detente()"),
        ("zsh", "#compdef detente"),
        ("fish", "complete -c detente"),
    ] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}");
        assert!(
            r.stdout.contains(marker),
            "{shell}: {}",
            &r.stdout[..r.stdout.len().min(200)]
        );
        assert!(
            r.stdout.contains("export") && r.stdout.contains("check"),
            "{shell}"
        );
    }
    let man = run(&["man"]);
    assert_eq!(man.code, 0);
    assert!(man.stdout.contains(".TH detente 1") && man.stdout.contains("export"));
    assert_eq!(run(&["completions", "tcsh"]).code, 2);
}

#[test]
fn export_takes_the_format_from_the_output_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pair = ["export", "--left", "russia", "--right", "united-states"];
    for (name, start) in [
        ("report.md", "# Russian Federation vs United States\n"),
        ("report.csv", "issue_id,issue,left_stance,right_stance,"),
        ("report.json", "{\n  \"model\": "),
        ("report.html", "<!DOCTYPE html>\n<html lang=\"en\">"),
        ("report.txt", "Geneva"),
        // Unknown extension: text, silently.
        ("report.pdf", "Geneva"),
    ] {
        let path = dir.path().join(name);
        let r = run(&[&pair[..], &["-o", path.to_str().expect("utf-8")]].concat());
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        assert!(r.stderr.is_empty(), "{name}: {}", r.stderr);
        let got = fs::read_to_string(&path).expect("written");
        assert!(
            got.starts_with(start),
            "{name}: {}",
            &got[..got.len().min(80)]
        );
    }
    // An explicit --format wins over the extension.
    let path = dir.path().join("forced.md");
    let r = run(&[
        &pair[..],
        &["--format", "csv", "-o", path.to_str().expect("utf-8")],
    ]
    .concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        fs::read_to_string(&path)
            .expect("written")
            .starts_with("issue_id,")
    );
}

#[test]
fn export_states_its_provenance_with_the_model_path_and_a_fixed_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let model = dir.path().join("geneva.yaml");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/geneva-2022.yaml"),
        &model,
    )
    .expect("copy");
    let out = detente()
        .env("SOURCE_DATE_EPOCH", "1795910399") // 2026-11-28T23:59:59Z
        .args(["export", model.to_str().expect("utf-8")])
        .args(["--left", "russia", "--right", "united-states"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let want = format!(
        "Model: {}, detente {}, 2026-11-28",
        model.display(),
        env!("CARGO_PKG_VERSION")
    );
    assert!(text.lines().any(|l| l == want), "{text}");
}

#[test]
fn a_mistyped_subcommand_is_named_not_read_as_a_missing_file() {
    let r = run(&["chek"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        r.stderr.trim(),
        "detente: there is no file `chek`; did you mean `detente check`?"
    );
    // A path that merely does not exist is still a load error, exit 1.
    let r = run(&[
        "export",
        "no/such/model.yaml",
        "--left",
        "a",
        "--right",
        "b",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
}

#[test]
fn actors_lists_every_id_and_name() {
    let r = run(&["actors"]);
    assert_eq!(r.code, 0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 7);
    assert_eq!(lines[0], "russia\tRussian Federation");
    assert_eq!(lines[6], "kennan\tGeorge F. Kennan");
}

/// An actor compared with itself says nothing: `export` and the TUI refuse
/// it, however the two names are written.
#[test]
fn the_same_actor_on_both_sides_is_refused() {
    let r = run(&["export", "--left", "russia", "--right", "Lavrov"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert_eq!(
        r.stderr,
        "detente: --left and --right both name Russian Federation: compare two different actors\n"
    );
    // The TUI says so before it needs a terminal.
    let r = run(&["--left", "usa", "--right", "united-states"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("both name United States"), "{}", r.stderr);
}
