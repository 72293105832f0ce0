#!/usr/bin/env python3
"""Drives a command under a real pseudo-terminal, as a person at a keyboard would, for the CLI tests.

Reads a JSON script on stdin: {"argv": [...], "cwd": "...", "columns": 100, "steps": [...]}, each step
either {"keys": ["a", "\\u001b[D", ...]} (written one at a time, each waiting until the screen answers,
so line editors see keystrokes, not a paste) or {"expect": "text"} (wait until the output, since the
last expect, contains it). Prints {"output": ..., "status": ..., "timedOut": ...} as JSON.
Python's own pty module: a real terminal, nothing to compile (an npm pty package would need a native build).
"""
import json, os, pty, select, signal, struct, sys, fcntl, termios, time

KEY_WAIT_S = 2.0
EXPECT_WAIT_S = 20.0
EXIT_WAIT_S = 20.0

script = json.load(sys.stdin)
pid, fd = pty.fork()
if pid == 0:
    # As an interactive shell starts a job: the command in its own process group, in the foreground
    # of the terminal. So a stop signal (Ctrl-Z handled badly) really stops it; in the session
    # leader's own group the kernel would quietly discard it.
    os.chdir(script.get("cwd", "."))
    signal.signal(signal.SIGTTOU, signal.SIG_IGN)
    go_r, go_w = os.pipe()
    child = os.fork()
    if child == 0:
        os.setpgid(0, 0)
        os.close(go_w)
        os.read(go_r, 1)  # until the terminal is ours
        signal.signal(signal.SIGTTOU, signal.SIG_DFL)
        os.execvpe(script["argv"][0], script["argv"], {**os.environ, **script.get("env", {})})
    try:
        os.setpgid(child, child)
    except OSError:
        pass
    os.tcsetpgrp(0, child)
    os.write(go_w, b"x")
    _, code = os.waitpid(child, 0)
    os._exit(os.waitstatus_to_exitcode(code) & 0xFF)

fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, script.get("columns", 100), 0, 0))
output = b""
mark = 0
timed_out = []

def read_for(seconds, until):
    global output
    end = time.monotonic() + seconds
    while not until():
        left = end - time.monotonic()
        if left <= 0:
            return False
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return until()
            if not chunk:
                return until()
            output += chunk
    return True

for step in script["steps"]:
    if "keys" in step:
        for key in step["keys"]:
            before = len(output)
            os.write(fd, key.encode())
            read_for(KEY_WAIT_S, lambda: len(output) > before)
            read_for(0.02, lambda: False)  # let the answer finish before the next key
    else:
        want = step["expect"].encode()
        if read_for(EXPECT_WAIT_S, lambda: want in output[mark:]):
            mark = output.index(want, mark) + len(want)
        else:
            timed_out.append(step["expect"])
            break

status = None
end = time.monotonic() + EXIT_WAIT_S
while time.monotonic() < end:
    done, code = os.waitpid(pid, os.WNOHANG)
    if done:
        status = os.waitstatus_to_exitcode(code)
        break
    read_for(0.05, lambda: False)
if status is None:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
print(json.dumps({"output": output.decode("utf-8", "replace"), "status": status, "timedOut": timed_out}))
