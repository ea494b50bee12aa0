#!/usr/bin/env python3
"""Fails when a tracked file reaches outside the repository.

The repository stands alone: a fresh clone with nothing beside it must build, test
and benchmark. This looks at every file `git ls-files` lists and reports, as
`path:line: ...`,

- a path into the shared folder beside the clone, or an absolute path of a
  developer's machine (a home, root or work folder at the top of the file system);
- a relative link in a Markdown file whose target resolves outside the repository.

Run by scripts/test.sh; exits 1 when it found something.
"""

import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
# Written so that this file does not match itself.
OUTSIDE = re.compile(r"[.][.]/shared\b|(?<![\w.~])/(?:work|root|home|Users)/")
LINK = re.compile(r"\]\(([^)\s]+)\)")
CODE_SPAN = re.compile(r"`[^`]*`")


def tracked():
    out = subprocess.run(["git", "-C", ROOT, "ls-files", "-z"], check=True, capture_output=True)
    return [p for p in out.stdout.decode().split("\0") if p]


def main():
    problems = []
    for rel in tracked():
        path = os.path.join(ROOT, rel)
        if not os.path.isfile(path):
            continue
        with open(path, "rb") as f:
            data = f.read()
        if b"\0" in data[:8192]:
            continue  # binary
        text = data.decode("utf-8", errors="replace")
        fenced = False
        for n, line in enumerate(text.splitlines(), 1):
            for m in OUTSIDE.finditer(line):
                problems.append(f"{rel}:{n}: names a path outside the repository: {m.group(0)!r}")
            if rel.endswith(".md"):
                # Code is an example, not a link: skip fenced blocks and `code spans`.
                if line.lstrip().startswith(("```", "~~~")):
                    fenced = not fenced
                if fenced:
                    continue
                for m in LINK.finditer(CODE_SPAN.sub("", line)):
                    target = m.group(1).split("#")[0]
                    if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
                        continue
                    resolved = os.path.normpath(os.path.join(os.path.dirname(path), target))
                    if os.path.commonpath([resolved, ROOT]) != ROOT:
                        problems.append(f"{rel}:{n}: links outside the repository: {target}")
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"{len(problems)} reference(s) outside the repository", file=sys.stderr)
        return 1
    print(f"ok: {len(tracked())} tracked files stay inside the repository")
    return 0


if __name__ == "__main__":
    sys.exit(main())
