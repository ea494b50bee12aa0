#!/usr/bin/env python3
"""How fast `qiao serve` turns a save into a reload: from writing one case file to
the `reload` event reaching a live-reload client (a server-sent-events client on a
socket, as a browser tab holds one), for N saves on a generated corpus. Compared
with the first (full) build, a full rebuild inside serve (touching site.toml),
and a clean `qiao build`.

    scripts/bench-serve.py [--docs 10000] [--corpus /tmp/c10k] [--saves 20] [--bin target/release/qiao]

Builds nothing itself: run `cargo build --release` first. The corpus is generated
with shared/bench/gen_corpus.py when the folder does not exist. Only 127.0.0.1 is
contacted; the server is stopped at the end.
"""
import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import queue

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
TODAY = "2026-01-15"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def gen_corpus(path, docs):
    gen = None
    for cand in [os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py"), "/work/shared/bench/gen_corpus.py"]:
        if os.path.exists(cand):
            gen = cand
            break
    if gen is None:
        sys.exit("gen_corpus.py not found; pass --corpus with an existing site")
    subprocess.run([sys.executable, gen, path, "--docs", str(docs)], check=True)


class Events(threading.Thread):
    """Reads the event stream; puts (arrival time, name, data) on a queue."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.q = queue.Queue()
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(b"GET /__qiao/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")

    def run(self):
        f = self.sock.makefile("rb")
        while f.readline() not in (b"\r\n", b""):
            pass
        name, data = None, ""
        for raw in f:
            line = raw.decode("utf-8").rstrip("\r\n")
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data = line[6:]
            elif line == "" and name:
                self.q.put((time.perf_counter(), name, data))
                name, data = None, ""

    def wait(self, want, timeout=120, path=None):
        """The next `want` event (a `reload` that lists `path`, or all files, when given)."""
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no {want} event")
            t, name, data = self.q.get(timeout=left)
            if name == want and path is not None:
                d = json.loads(data)
                if d.get("all") or path in d.get("paths", []):
                    return t, data
            elif name == want:
                return t, data
            if name == "errors":
                raise RuntimeError(f"the site has errors: {data[:500]}")

    def drain(self):
        while not self.q.empty():
            self.q.get_nowait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--saves", type=int, default=20)
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "qiao"))
    args = ap.parse_args()
    corpus = args.corpus or (f"/tmp/c{args.docs // 1000}k" if args.docs >= 1000 else f"/tmp/c{args.docs}")
    if not os.path.isdir(corpus):
        gen_corpus(corpus, args.docs)
    if not os.path.exists(args.bin):
        sys.exit(f"{args.bin} not found: cargo build --release")
    env = dict(os.environ, QIAO_TODAY=TODAY, QIAO_SERVE_TIMINGS="1")

    # A clean build, for comparison.
    with tempfile.TemporaryDirectory() as out:
        t = time.perf_counter()
        r = subprocess.run([args.bin, "build", "--root", corpus, "--output-dir", os.path.join(out, "site")], env=env, capture_output=True, text=True)
        clean_build = (time.perf_counter() - t) * 1000
        if r.returncode != 0:
            sys.exit(f"qiao build failed:\n{r.stderr[-3000:]}")

    port = free_port()
    log = []
    proc = subprocess.Popen([args.bin, "serve", "--root", corpus, "--port", str(port)], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    ready = threading.Event()

    def read_log():
        for line in proc.stderr:
            log.append(line)
            if line.startswith("serving "):
                ready.set()

    threading.Thread(target=read_log, daemon=True).start()
    try:
        if not ready.wait(300):
            sys.exit("qiao serve did not start:\n" + "".join(log[-50:]))
        first = next((l for l in log if l.startswith("built ")), "").strip()
        m = re.search(r"in (\d+) ms", first)
        first_build = float(m.group(1)) if m else float("nan")
        events = Events(port)
        events.start()
        events.wait("ok")
        time.sleep(2)  # an editor's pause: lets the first build's background work finish

        cases = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(os.path.join(corpus, "content", "cases")) for f in fs if f.endswith(".md") and not f.startswith("_"))
        target = cases[len(cases) // 2]
        original = open(target, encoding="utf-8").read()
        page = "cases/" + os.path.basename(target)[:-3] + "/index.html"
        times = []
        whole = []
        try:
            for i in range(args.saves):
                text = original.rstrip("\n") + f"\n\nBench edit {i}: 第{i}次保存。\n"
                events.drain()
                seen = len(log)
                t0 = time.perf_counter()
                with open(target, "w", encoding="utf-8") as f:
                    f.write(text)
                t1, _ = events.wait("reload", path=page)
                times.append((t1 - t0) * 1000)
                # Then the whole site: the server's own figure for this save.
                deadline = time.time() + 300
                while time.time() < deadline:
                    done = [l for l in log[seen:] if ": rebuilt in " in l]
                    if done:
                        whole.append(float(re.search(r"rebuilt in (\d+) ms", done[0]).group(1)))
                        break
                    time.sleep(0.02)
                time.sleep(0.3)
            # A full rebuild inside serve: site.toml touched (every file re-read and rendered).
            full = []
            site_toml = os.path.join(corpus, "site.toml")
            toml = open(site_toml, encoding="utf-8").read()
            for i in range(3):
                seen = len(log)
                with open(site_toml, "w", encoding="utf-8") as f:
                    f.write(toml + f"\n# bench {i}\n")
                deadline = time.time() + 300
                while time.time() < deadline:
                    done = [l for l in log[seen:] if l.startswith("site.toml") and "rebuilt in" in l]
                    if done:
                        m = re.search(r"rebuilt in (\d+) ms", done[0])
                        if m:
                            full.append(float(m.group(1)))
                        break
                    time.sleep(0.05)
                time.sleep(0.3)
            with open(site_toml, "w", encoding="utf-8") as f:
                f.write(toml)
        finally:
            with open(target, "w", encoding="utf-8") as f:
                f.write(original)
        time.sleep(1)
    finally:
        proc.terminate()
        proc.wait(10)

    times_sorted = sorted(times)
    print(f"corpus: {corpus} ({len(cases)} cases; edited {os.path.relpath(target, corpus)})")
    print(f"clean `qiao build`:             {clean_build:8.0f} ms (process, incl. writing)")
    print(f"serve first build:              {first_build:8.0f} ms")
    if full:
        print(f"serve full rebuild (site.toml): {statistics.median(full):8.0f} ms median of {len(full)} (re-read and render everything)")
    print(f"save -> reload event for the page, {len(times)} saves: median {statistics.median(times):.0f} ms, "
          f"p90 {times_sorted[int(0.9 * (len(times) - 1))]:.0f} ms, worst {max(times):.0f} ms, best {min(times):.0f} ms")
    if whole:
        print(f"save -> whole site re-rendered and served, {len(whole)} saves: median {statistics.median(whole):.0f} ms, worst {max(whole):.0f} ms")
    quick_lines = [l.strip() for l in log if l.startswith("timing:") and "quick" in l]
    if quick_lines:
        print("stages of the last save's page update: " + quick_lines[-1])


if __name__ == "__main__":
    main()
