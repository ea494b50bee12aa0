#!/usr/bin/env python3
"""How fast `qiao serve` turns a save into a reload: from writing one case file to
the `reload` event reaching a live-reload client (a server-sent-events client on a
socket, as a browser tab holds one), for N saves on a generated corpus. Compared
with the first (full) build, a full rebuild inside serve (touching site.toml),
a clean `qiao build`, and `hugo server` on the same content.

    scripts/bench-serve.py [--docs 10000] [--corpus /tmp/c10k] [--saves 20] [--bin target/release/qiao]
                           [--hugo | --no-hugo] [--hugo-bin hugo] [--hugo-only] [--hugo-log FILE] [--timeout 120]

Builds nothing itself: run `cargo build --release` first. The corpus is generated
with scripts/gen_corpus.py (seed 1) when the folder does not exist.

Hugo (on by default when `hugo` is on PATH; `--hugo` insists, `--no-hugo` skips):
scripts/to_hugo.py turns the corpus into a Hugo site in a temporary folder (the
content files at the same paths, so the same file is edited in both), and
`hugo server` runs on it with Hugo's defaults (fast render mode, pages
served from memory, live reload on), bound to 127.0.0.1 on a free port. A client
of its LiveReload websocket (`/livereload`; a minimal RFC 6455 client in the
standard library: it sends `hello`, Hugo answers `hello` and later pushes
`{"command":"reload","path":"/x.js",...}` after each rebuild) is open, and the
edited page has been requested once, as a browser tab showing it would have
(fast render mode re-renders only the pages browsers visited). The same N saves
of the same case file (a different line of text each time) are timed from the
write to the first `reload` command after which the page, fetched again, shows
the new text (a reload that comes earlier, e.g. from a rebuild that saw the file
mid-write, is counted apart). Before the next save the script waits until every
rebuild Hugo started has printed its "Total in N ms" and Hugo has been quiet for
1 s (it batches file events over 500 ms), so no two saves merge. A reload that
does not come within --timeout seconds is counted as a timeout, not waited for;
--hugo-log FILE writes Hugo's output and the websocket messages, timestamped.
Hugo's initial build is the "Built in N ms" it prints.

Only 127.0.0.1 is contacted; both servers are stopped at the end, also on errors
and Ctrl-C. The load average is printed with the figures (other jobs skew them).
"""
import argparse
import base64
import http.client
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
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
    gen = find_bench_script("gen_corpus.py")
    if gen is None:
        sys.exit(f"{os.path.join(HERE, 'gen_corpus.py')} not found; pass --corpus with an existing site")
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


def find_bench_script(name):
    """scripts/NAME of this repository (gen_corpus.py, to_hugo.py), or None."""
    path = os.path.join(HERE, name)
    return path if os.path.isfile(path) else None


def load():
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def summary(times):
    s = sorted(times)
    return (f"median {statistics.median(s):.0f} ms, p90 {s[int(0.9 * (len(s) - 1))]:.0f} ms, "
            f"worst {max(s):.0f} ms, best {min(s):.0f} ms")


def case_files(root):
    d = os.path.join(root, "content", "cases")
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".md") and not f.startswith("_"))


def saved_text(original, i):
    """The i-th save: the original file plus a line that differs from every other save."""
    return original.rstrip("\n") + f"\n\nBench edit {i}: 第{i}次保存。\n"


def run_qiao(args, corpus, target_rel):
    env = dict(os.environ, QIAO_TODAY=TODAY, QIAO_SERVE_TIMINGS="1")
    r = {"load_before": load()}
    # A clean build, for comparison.
    with tempfile.TemporaryDirectory() as out:
        t = time.perf_counter()
        b = subprocess.run([args.bin, "build", "--root", corpus, "--output-dir", os.path.join(out, "site")], env=env, capture_output=True, text=True)
        r["clean_build"] = (time.perf_counter() - t) * 1000
        if b.returncode != 0:
            sys.exit(f"qiao build failed:\n{b.stderr[-3000:]}")

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
    target = os.path.join(corpus, target_rel)
    try:
        if not ready.wait(300):
            sys.exit("qiao serve did not start:\n" + "".join(log[-50:]))
        first = next((l for l in log if l.startswith("built ")), "").strip()
        m = re.search(r"in (\d+) ms", first)
        r["first_build"] = float(m.group(1)) if m else float("nan")
        events = Events(port)
        events.start()
        events.wait("ok")
        time.sleep(2)  # an editor's pause: lets the first build's background work finish

        original = open(target, encoding="utf-8").read()
        page = "cases/" + os.path.basename(target)[:-3] + "/index.html"
        times = r["times"] = []
        whole = r["whole"] = []
        full = r["full"] = []
        r["timeouts"] = 0
        try:
            for i in range(args.saves):
                events.drain()
                seen = len(log)
                t0 = time.perf_counter()
                with open(target, "w", encoding="utf-8") as f:
                    f.write(saved_text(original, i))
                try:
                    t1, _ = events.wait("reload", timeout=args.timeout, path=page)
                    times.append((t1 - t0) * 1000)
                except (TimeoutError, queue.Empty):
                    r["timeouts"] += 1
                    print(f"qiao: save {i}: no reload within {args.timeout} s", file=sys.stderr)
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
            site_toml = os.path.join(corpus, "site.toml")
            toml = open(site_toml, encoding="utf-8").read()
            try:
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
            finally:
                with open(site_toml, "w", encoding="utf-8") as f:
                    f.write(toml)
        finally:
            with open(target, "w", encoding="utf-8") as f:
                f.write(original)
        time.sleep(1)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    quick_lines = [l.strip() for l in log if l.startswith("timing:") and "quick" in l]
    r["quick"] = quick_lines[-1] if quick_lines else None
    r["load_after"] = load()
    return r


class LiveReload(threading.Thread):
    """A LiveReload-protocol client over a minimal RFC 6455 websocket (standard
    library only): handshake, a masked `hello` text frame, then every text frame
    the server pushes goes on a queue as (arrival time, parsed JSON)."""

    GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    def __init__(self, port, path="/livereload", note=None):
        super().__init__(daemon=True)
        self.note = note or (lambda what: None)
        self.q = queue.Queue()
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                           f"Origin: http://127.0.0.1:{port}\r\n\r\n").encode())
        self.f = self.sock.makefile("rb")
        status = self.f.readline()
        headers = {}
        while True:
            line = self.f.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            k, _, v = line.decode("latin-1").partition(":")
            headers[k.strip().lower()] = v.strip()
        if not status.startswith(b"HTTP/1.1 101"):
            raise RuntimeError(f"websocket handshake refused: {status!r}")
        want = base64.b64encode(hashlib.sha1((key + self.GUID).encode()).digest()).decode()
        if headers.get("sec-websocket-accept") != want:
            raise RuntimeError("websocket handshake: wrong Sec-WebSocket-Accept")
        self.sock.settimeout(None)
        self.lock = threading.Lock()

    def send(self, opcode, payload):
        mask = os.urandom(4)
        n = len(payload)
        if n < 126:
            head = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
        elif n < 1 << 16:
            head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, n)
        else:
            head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, n)
        body = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        with self.lock:
            self.sock.sendall(head + mask + body)

    def send_text(self, text):
        self.send(0x1, text.encode("utf-8"))

    def read_exact(self, n):
        data = self.f.read(n)
        if data is None or len(data) < n:
            raise EOFError
        return data

    def run(self):
        message, kind = b"", None
        try:
            while True:
                b0, b1 = self.read_exact(2)
                opcode, fin = b0 & 0x0F, b0 & 0x80
                n = b1 & 0x7F
                if n == 126:
                    n = struct.unpack("!H", self.read_exact(2))[0]
                elif n == 127:
                    n = struct.unpack("!Q", self.read_exact(8))[0]
                mask = self.read_exact(4) if b1 & 0x80 else None
                payload = self.read_exact(n)
                if mask:
                    payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
                if opcode == 0x9:  # ping
                    self.send(0xA, payload)
                elif opcode == 0x8:  # close
                    self.q.put((time.perf_counter(), {"command": "__closed__"}))
                    return
                elif opcode in (0x1, 0x2, 0x0):
                    if opcode != 0x0:
                        message, kind = b"", opcode
                    message += payload
                    if fin and kind == 0x1:
                        t = time.perf_counter()
                        try:
                            msg = json.loads(message.decode("utf-8"))
                        except ValueError:
                            msg = {"command": "__text__", "text": message.decode("utf-8", "replace")}
                        self.note(f"websocket: {json.dumps(msg, ensure_ascii=False)}")
                        self.q.put((t, msg))
        except (EOFError, OSError, ValueError):
            self.q.put((time.perf_counter(), {"command": "__closed__"}))

    def wait(self, command, timeout):
        """The arrival time and message of the next `command`; TimeoutError if none comes."""
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no {command} from hugo within {timeout} s")
            try:
                t, msg = self.q.get(timeout=left)
            except queue.Empty:
                continue
            if msg.get("command") == command:
                return t, msg
            if msg.get("command") == "__closed__":
                raise RuntimeError("hugo closed the livereload websocket")

    def drain(self):
        while not self.q.empty():
            self.q.get_nowait()

    def close(self):
        try:
            self.send(0x8, struct.pack("!H", 1000))
            self.sock.close()
        except OSError:
            pass


def http_get(port, path, timeout=60):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request("GET", path, headers={"Accept": "text/html"})
        resp = c.getresponse()
        return resp.status, resp.read().decode("utf-8", "replace")
    finally:
        c.close()


def run_hugo(args, corpus, target_rel):
    to_hugo = find_bench_script("to_hugo.py")
    if to_hugo is None:
        sys.exit(f"{os.path.join(HERE, 'to_hugo.py')} not found; pass --no-hugo")
    r = {"version": subprocess.run([args.hugo_bin, "version"], capture_output=True, text=True).stdout.strip()}
    with tempfile.TemporaryDirectory(prefix="bench-serve-hugo-") as tmp:
        subprocess.run([sys.executable, to_hugo, corpus, tmp], check=True)
        site = os.path.join(tmp, "hugo")
        target = os.path.join(site, target_rel)  # to_hugo.py keeps every content file's relative path
        fm = tomllib.loads(open(target, encoding="utf-8").read().split("+++", 2)[1])
        rel = target_rel.split(os.sep)  # content/cases/x.md
        page = "/" + rel[1] + "/" + str(fm.get("slug") or os.path.basename(target)[:-3]).lower() + "/"
        r["page"] = page
        r["load_before"] = load()
        port = free_port()
        # Hugo's defaults: fast render mode, served from memory, live reload on.
        cmd = [args.hugo_bin, "server", "--source", site, "--bind", "127.0.0.1", "--port", str(port),
               "--baseURL", f"http://127.0.0.1:{port}/", "--appendPort=false"]
        r["cmd"] = " ".join(cmd[:2] + cmd[4:])
        log = []
        proc = subprocess.Popen(cmd, cwd=site, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        ready = threading.Event()

        trace = open(args.hugo_log, "w", encoding="utf-8") if args.hugo_log else None

        def note(what):
            if trace:
                trace.write(f"{time.perf_counter():.3f} {what.rstrip()}\n")
                trace.flush()

        def read_log():
            for line in proc.stdout:
                log.append(line)
                note("hugo: " + line)
                if "Web Server is available at" in line:
                    ready.set()
            ready.set()

        threading.Thread(target=read_log, daemon=True).start()
        ws = None
        try:
            if not ready.wait(600) or proc.poll() is not None:
                sys.exit("hugo server did not start:\n" + "".join(log[-50:]))
            m = re.search(r"https?://[^/\s]+:(\d+)/", next(l for l in log if "Web Server is available at" in l))
            if m and int(m.group(1)) != port:
                sys.exit(f"hugo serves on port {m.group(1)}, not {port}")
            m = next((re.search(r"Built in (\d+) ms", l) for l in log if "Built in" in l), None)
            r["first_build"] = float(m.group(1)) if m else float("nan")
            r["mode"] = "; ".join(l.strip() for l in log if l.startswith(("Serving pages from", "Running in")))
            ws = LiveReload(port, note=note)
            ws.start()
            # Hugo answers only a message containing exactly `"command":"hello"` (no space).
            ws.send_text(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}, separators=(",", ":")))
            ws.wait("hello", 30)
            # The edited page is open in a tab: fast render mode re-renders visited pages.
            status, body = http_get(port, page)
            if status != 200:
                sys.exit(f"hugo: GET {page} gave {status}")
            time.sleep(2)

            original = open(target, encoding="utf-8").read()
            times = r["times"] = []
            totals = r["totals"] = []
            r["timeouts"] = 0
            r["early"] = 0
            r["rebuilds"] = 0
            try:
                for i in range(args.saves):
                    ws.drain()
                    seen = len(log)
                    note(f"save {i}")
                    t0 = time.perf_counter()
                    with open(target, "w", encoding="utf-8") as f:
                        f.write(saved_text(original, i))
                    # The reload that counts is the first after which the page (as the
                    # reloaded tab would fetch it) shows this save's text; an earlier
                    # one (a rebuild that saw the file mid-write) is counted apart.
                    deadline = t0 + args.timeout
                    while True:
                        try:
                            t1, _ = ws.wait("reload", max(0.0, deadline - time.perf_counter()))
                        except TimeoutError:
                            r["timeouts"] += 1
                            print(f"hugo: save {i}: no reload showing it within {args.timeout:.0f} s", file=sys.stderr)
                            break
                        status, body = http_get(port, page)
                        shows = status == 200 and f"Bench edit {i}:" in body
                        note(f"GET {page}: {status}, shows save {i}: {shows}")
                        if shows:
                            times.append((t1 - t0) * 1000)
                            break
                        r["early"] += 1
                        print(f"hugo: save {i}: a reload after {(t1 - t0) * 1000:.0f} ms, but {page} does not show the edit yet (status {status})", file=sys.stderr)
                    # Hugo's own figure for this save's rebuild(s), and no rebuild still
                    # running or pending before the next save (bounded: a stuck hugo
                    # ends the run, it does not hang it).
                    deadline = time.time() + max(args.timeout, 120)
                    quiet_since = None
                    while time.time() < deadline:
                        if proc.poll() is not None:
                            sys.exit("hugo server exited:\n" + "".join(log[-50:]))
                        started = sum(1 for l in log[seen:] if l.startswith("Change detected"))
                        done = [float(m.group(1)) for m in (re.match(r"Total in (\d+) ms", l) for l in log[seen:]) if m]
                        if started and len(done) >= started:
                            quiet_since = quiet_since or time.time()
                            if time.time() - quiet_since >= 1.0:  # > hugo's 500 ms event batching
                                break
                        else:
                            quiet_since = None
                        time.sleep(0.02)
                    else:
                        print(f"hugo: save {i}: rebuild not over after {max(args.timeout, 120):.0f} s", file=sys.stderr)
                        r["timeouts"] += 1
                    if done:
                        totals.append(done[-1])
                        r["rebuilds"] += len(done)
                    if r["timeouts"] >= 3:
                        print("hugo: 3 timeouts, giving up", file=sys.stderr)
                        break
            finally:
                with open(target, "w", encoding="utf-8") as f:
                    f.write(original)
            r["errors"] = [l.strip() for l in log if l.startswith(("ERROR", "Error", "WARN"))]
        finally:
            if ws is not None:
                ws.close()
            if trace:
                trace.close()
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    r["load_after"] = load()
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--saves", type=int, default=20)
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "qiao"))
    ap.add_argument("--hugo", action=argparse.BooleanOptionalAction, default=None,
                    help="also time `hugo server` (default: when hugo is on PATH)")
    ap.add_argument("--hugo-bin", default="hugo")
    ap.add_argument("--hugo-only", action="store_true", help="skip qiao, time hugo only")
    ap.add_argument("--hugo-log", default=None, help="write hugo's output and the websocket messages, timestamped, to this file")
    ap.add_argument("--timeout", type=float, default=120, help="seconds to wait for one reload")
    args = ap.parse_args()
    # A plain `kill` stops the run as Ctrl-C does: servers stopped, files restored.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    corpus = args.corpus or (f"/tmp/c{args.docs // 1000}k" if args.docs >= 1000 else f"/tmp/c{args.docs}")
    if not os.path.isdir(corpus):
        gen_corpus(corpus, args.docs)
    hugo_path = shutil.which(args.hugo_bin)
    if args.hugo_only:
        args.hugo = True
    if args.hugo and hugo_path is None:
        sys.exit(f"{args.hugo_bin} not found: apt-get install hugo, or pass --no-hugo")
    use_hugo = hugo_path is not None if args.hugo is None else args.hugo
    if use_hugo:
        args.hugo_bin = hugo_path
    if not args.hugo_only and not os.path.exists(args.bin):
        sys.exit(f"{args.bin} not found: cargo build --release")

    cases = case_files(corpus)
    target_rel = os.path.relpath(cases[len(cases) // 2], corpus)
    q = None if args.hugo_only else run_qiao(args, corpus, target_rel)
    h = run_hugo(args, corpus, target_rel) if use_hugo else None

    print(f"corpus: {corpus} ({len(cases)} cases; edited {target_rel}, {args.saves} saves)")
    if q:
        print(f"qiao ({load_note(q)}):")
        print(f"clean `qiao build`:             {q['clean_build']:8.0f} ms (process, incl. writing)")
        print(f"serve first build:              {q['first_build']:8.0f} ms")
        if q["full"]:
            print(f"serve full rebuild (site.toml): {statistics.median(q['full']):8.0f} ms median of {len(q['full'])} (re-read and render everything)")
        if q["times"]:
            print(f"save -> reload event for the page, {len(q['times'])} saves: {summary(q['times'])}")
        if q["timeouts"]:
            print(f"  {q['timeouts']} save(s) got no reload within {args.timeout:.0f} s")
        if q["whole"]:
            print(f"save -> whole site re-rendered and served, {len(q['whole'])} saves: median {statistics.median(q['whole']):.0f} ms, worst {max(q['whole']):.0f} ms")
        if q["quick"]:
            print("stages of the last save's page update: " + q["quick"])
    if h:
        print(f"hugo ({h['version']}; {h['mode']}; {load_note(h)}):")
        print(f"`{h['cmd']}`, page {h['page']} open")
        print(f"hugo server first build:        {h['first_build']:8.0f} ms (its \"Built in\")")
        if h["times"]:
            print(f"save -> livereload reload command, {len(h['times'])} saves: {summary(h['times'])}")
        if h["timeouts"]:
            print(f"  {h['timeouts']} save(s) got no reload within {args.timeout:.0f} s")
        if h["totals"]:
            print(f"hugo's own rebuild figure (\"Total in\"), {len(h['totals'])} saves: median {statistics.median(h['totals']):.0f} ms, worst {max(h['totals']):.0f} ms")
        if h["rebuilds"] != len(h["totals"]):
            print(f"  hugo rebuilt {h['rebuilds']} times for {len(h['totals'])} saves")
        if h["early"]:
            print(f"  {h['early']} reload(s) came before the page showed the save's text (not counted as its time)")
        if h["errors"]:
            print("  hugo logged: " + " | ".join(h["errors"][:5]))
    if q and h and q["times"] and h["times"]:
        print()
        print(f"{'':34} {'qiao serve':>12} {'hugo server':>12}")
        print(f"{'initial build (ms)':34} {q['first_build']:12.0f} {h['first_build']:12.0f}")
        print(f"{'save -> reload, median (ms)':34} {statistics.median(q['times']):12.0f} {statistics.median(h['times']):12.0f}")
        print(f"{'save -> reload, worst (ms)':34} {max(q['times']):12.0f} {max(h['times']):12.0f}")


def load_note(r):
    return f"{r['load_before']} before, {r['load_after']} after"


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("interrupted (servers stopped, files restored)")
