#!/bin/sh
# Writes the Swift file that tells a dip build its release number and commit
# (`dip --version`, the archive packages' Bag-Software-Agent, the log's `run selesai` line).
# Run by the BuildInfo plugin (Plugins/BuildInfoPlugin) on every build whose inputs changed;
# by hand: sh scripts/build-info.sh PACKAGE_DIR OUTPUT_FILE.
#
#   release  the first line of VERSION (e.g. 0.2.0, or 0.3.0-dev between releases)
#   commit   `git rev-parse --short HEAD` in a clone; in a tarball made by `git archive`,
#            the id git wrote into scripts/build-info-commit.txt (export-subst); else empty
#   modified whether tracked files differ from that commit (a clone only)
#
# The file is replaced only when its content changes, so an unchanged build recompiles nothing.
# No date or host goes in: the same commit always gives the same file.
set -eu
dir=$1
out=$2

release=$(sed -n '1{s/[[:space:]]//g;p;}' "$dir/VERSION" 2>/dev/null || true)
case $release in
    ''|*[!0-9A-Za-z.+-]*) echo "build-info.sh: $dir/VERSION must hold a release number like 0.2.0" >&2; exit 1 ;;
esac

commit=
modified=false
if [ -e "$dir/.git" ] && command -v git >/dev/null 2>&1; then
    # safe.directory: a clone owned by another account (root building the IT officer's clone)
    # is still read; optional locks off: a build never writes git's index.
    g() { GIT_OPTIONAL_LOCKS=0 git -c safe.directory="$dir" -C "$dir" "$@"; }
    commit=$(g rev-parse --short=7 HEAD 2>/dev/null || true)
    if [ -n "$commit" ] && ! g diff --no-ext-diff --quiet HEAD -- 2>/dev/null; then
        modified=true
    fi
fi
if [ -z "$commit" ] && [ -f "$dir/scripts/build-info-commit.txt" ]; then
    archived=$(sed -n '1{s/[[:space:]]//g;p;}' "$dir/scripts/build-info-commit.txt")
    case $archived in
        *'$'*|'') ;;                                  # not substituted: not a git archive
        *[!0-9a-f]*) ;;
        *) commit=$archived ;;
    esac
fi

mkdir -p "$(dirname "$out")"
tmp="$out.tmp.$$"
cat > "$tmp" <<SWIFT
// Written by scripts/build-info.sh for this build; not kept in git.
enum GeneratedBuildInfo {
    static let release = "$release"
    static let commit = "$commit"
    static let modified = $modified
}
SWIFT
if cmp -s "$tmp" "$out"; then rm -f "$tmp"; else mv -f "$tmp" "$out"; fi
