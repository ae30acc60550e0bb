#!/usr/bin/env python3
"""Drive KOITO's shell on the serial console of a QEMU run, like a person
at a terminal: wait for the prompt, type the next line, and so on; then
compare what the console showed with the expected transcript.

    drive.py SESSION EXPECTED TRANSCRIPT -- QEMU COMMAND...

SESSION lines are typed after the next prompt appears, except:
    @prompt        wait for the prompt, type nothing (for @ctrl-c or @ctrl-d there)
    @wait TEXT     wait until TEXT shows on the console (a program is up)
    @input TEXT    type TEXT and Enter at once (a program reads it)
    @ctrl-c        type Ctrl-C at once
    @ctrl-d        type Ctrl-D at once
    @sleep SECONDS wait
    # ...          a comment, not typed
The console output from the first prompt on, with CR LF made LF, is the
transcript; a run of more than 10 equal lines (a program flooding the
console) is written as the line and "[... N times]". Numbers after "total", "used" and "free" in free's output line
differ between machines: they become N in the transcript, and the free
bytes of every `free` line marked "# before" must equal those of the next
one marked "# after". Exit status 0 when the transcript matches and QEMU
ended by itself with the guest's success.
"""
import os
import re
import selectors
import subprocess
import sys
import time

PROMPT = re.compile(rb"koito:[^\n$]*\$ $")
STEP_TIMEOUT = float(os.environ.get("SHELL_STEP_TIMEOUT", "60"))


class Console:
    def __init__(self, command):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT)
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.process.stdout, selectors.EVENT_READ)
        os.set_blocking(self.process.stdout.fileno(), False)
        self.output = b""
        self.seen = 0  # output before this offset has been matched already

    def pump(self, seconds):
        """Read what arrives within `seconds`; False once QEMU closed its output."""
        for key, _ in self.selector.select(timeout=seconds):
            data = key.fileobj.read()
            if not data:
                return False
            self.output += data
        return True

    def wait_prompt(self):
        deadline = time.monotonic() + STEP_TIMEOUT
        while time.monotonic() < deadline:
            tail = self.output[self.seen:]
            if PROMPT.search(tail):
                self.seen = len(self.output)
                return True
            if not self.pump(0.2):
                return False
        return False

    def wait_text(self, text):
        deadline = time.monotonic() + STEP_TIMEOUT
        while time.monotonic() < deadline:
            found = self.output.find(text, self.seen)
            if found >= 0:
                self.seen = found + len(text)
                return True
            if not self.pump(0.2):
                return False
        return False

    def type(self, data):
        # One byte at a time, as a person types: the UART's receiver is small.
        for byte in data:
            self.process.stdin.write(bytes([byte]))
            self.process.stdin.flush()
            time.sleep(0.002)

    def finish(self, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            self.pump(0.2)
        while self.pump(0.1):
            pass
        if self.process.poll() is None:
            self.process.kill()
            return None
        return self.process.returncode


def normalize(raw):
    text = raw.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "")
    start = re.search(r"koito:[^\n$]*\$ ", text)
    text = text[start.start():] if start else text
    # Kernel and server diagnostics are not the shell's transcript.
    lines = [line for line in text.split("\n") if not line.startswith(("koito: power off",))]
    collapsed, index = [], 0
    while index < len(lines):
        run = 1
        while index + run < len(lines) and lines[index + run] == lines[index]:
            run += 1
        collapsed.append(lines[index] if run <= 10 else "%s [... %d times]" % (lines[index], run))
        if run <= 10:
            collapsed.extend(lines[index + 1:index + run])
        index += run
    return "\n".join(collapsed)


FREE = re.compile(r"total (\d+) used (\d+) free (\d+)")


def check_free(transcript):
    """Free bytes of a `free # before` line equal the next `free # after` line's."""
    problems, before = [], None
    lines = transcript.split("\n")
    for index, line in enumerate(lines):
        if not line.rstrip().endswith(("free # before", "free # after")):
            continue
        match = FREE.search(lines[index + 1]) if index + 1 < len(lines) else None
        if match is None:
            problems.append("no free output after: " + line)
            continue
        if line.rstrip().endswith("# before"):
            before = match.group(3)
        elif before != match.group(3):
            problems.append("free bytes before %s, after %s" % (before, match.group(3)))
    return problems, FREE.sub("total N used N free N", transcript)


def main():
    separator = sys.argv.index("--")
    session_file, expected_file, transcript_file = sys.argv[1:separator]
    console = Console(sys.argv[separator + 1:])
    failures = []
    with open(session_file) as session:
        for line in session.read().split("\n"):
            if line == "" or line.startswith("#"):
                continue
            if line == "@prompt":
                if not console.wait_prompt():
                    failures.append("no prompt before a key at the prompt")
                    break
            elif line.startswith("@wait "):
                if not console.wait_text(line[len("@wait "):].encode()):
                    failures.append("never shown: " + line[len("@wait "):])
                    break
            elif line.startswith("@input "):
                console.type(line[len("@input "):].encode() + b"\n")
            elif line == "@ctrl-c":
                console.type(b"\x03")
            elif line == "@ctrl-d":
                console.type(b"\x04")
            elif line.startswith("@sleep "):
                console.pump(float(line.split()[1]))
            else:
                if not console.wait_prompt():
                    failures.append("no prompt before: " + line)
                    break
                console.type(line.encode() + b"\n")
    status = console.finish(STEP_TIMEOUT)
    transcript = normalize(console.output)
    problems, transcript = check_free(transcript)
    failures += problems
    with open(transcript_file, "w") as out:
        out.write(transcript)
    with open(expected_file) as expected:
        if transcript.strip("\n") != expected.read().strip("\n"):
            failures.append("transcript differs from %s (see %s)" % (expected_file, transcript_file))
    if status is None:
        failures.append("QEMU did not end by itself")
    for failure in failures:
        print("shell transcript: " + failure)
    print("qemu exit status: %s" % ("none" if status is None else status))
    sys.exit(0 if not failures else 1)


if __name__ == "__main__":
    main()
