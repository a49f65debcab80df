# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers of the `ckb serve` tests: start and stop a real server on
127.0.0.1 (any free port), send raw HTTP requests to it, and run the CLI for
the JSON the API must equal. Traffic goes to 127.0.0.1 only."""
import http.client
import json
import os
import signal
import subprocess
import time

HOST = "127.0.0.1"


class Server:
    def __init__(self, ckb, db, *extra, threads=8):
        self.ckb, self.db = ckb, db
        self.proc = subprocess.Popen(
            [ckb, "serve", "--db", db, "--port", "0", "--threads", str(threads), *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()  # the port, once the socket is bound
        if not line.strip().isdigit():
            err = self.proc.stderr.read()
            raise RuntimeError("ckb serve did not start: %r %s" % (line, err))
        self.port = int(line)

    def request(self, path, method="GET", headers=None, body=None, timeout=30):
        """(status, headers dict, body bytes) of one request on a fresh connection."""
        c = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            c.putrequest(method, path, skip_accept_encoding=True)
            for k, v in (headers or {}).items():
                c.putheader(k, v)
            if body is not None:
                c.putheader("Content-Length", str(len(body)))
            c.endheaders(body)
            r = c.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        finally:
            c.close()

    def json(self, path, **kw):
        status, headers, body = self.request(path, **kw)
        return status, headers, json.loads(body)

    def stop(self):
        """SIGTERM, then the exit status (must be 0: a clean stop)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.stderr = self.proc.stderr.read()
        self.proc.stdout.close()
        self.proc.stderr.close()
        return rc


def cli(ckb, db, *args, ok=(0, 1)):
    r = subprocess.run([ckb, *args, "--db", db], capture_output=True)
    if r.returncode not in ok:
        raise RuntimeError("ckb %s: exit %d: %s" % (" ".join(args), r.returncode, r.stderr.decode()))
    return r.stdout


def cli_json(ckb, db, *args):
    return json.loads(cli(ckb, db, *args))


class Checks:
    """Counts passed and failed checks; failures are printed, not raised."""
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, cond, detail=""):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL: %s %s" % (name, str(detail)[:600]), flush=True)

    def done(self, what):
        print("%s: %d passed, %d failed" % (what, self.passed, self.failed))
        return 1 if self.failed else 0


def wait_for(pred, seconds, step=0.05):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(step)
    return pred()


def index(ckb, db, *paths, extra=()):
    subprocess.run([ckb, "index", *paths, "--db", db, "-q", *extra], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, CKB_MIN_FREE_MB="16"))
