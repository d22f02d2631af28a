"""Work done by a forked copy of this process while this one goes on: the second core of a
machine, for loading a large plan and for writing a large report.

The copy shares everything this process had built when it was forked, runs one function, sends
back the bytes it returns down a pipe, and exits. It never writes to the terminal and never runs
on as a second cpstrategy: should anything go wrong in it, it sends nothing, and this process
does the work itself.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable


def can_fork() -> bool:
    """True where a forked process can take work off this one: Linux, with a second core that
    this process may run on (`taskset` and cpusets can allow fewer than the machine has), and
    SIGCHLD not ignored (then the process would be reaped unseen, and whether it failed lost)."""
    return (
        sys.platform == "linux"
        and len(os.sched_getaffinity(0)) > 1
        and signal.getsignal(signal.SIGCHLD) is not signal.SIG_IGN
    )


class Forked:
    """A forked process doing one piece of work, and the pipe its answer comes down."""

    pid: int
    readable: int

    def __init__(self, pid: int, readable: int) -> None:
        self.pid, self.readable = pid, readable

    @classmethod
    def start(cls, work: Callable[[int], bytes]) -> Forked | None:
        """Fork a process that sends back `work(this process's id)`; None if none can be had."""
        try:
            readable, writable = os.pipe()
        except OSError:
            return None
        with contextlib.suppress(OSError):  # what it sends in fewer turns (Linux's most: 1 MiB)
            import fcntl

            fcntl.fcntl(writable, fcntl.F_SETPIPE_SZ, 1 << 20)
        parent = os.getpid()
        # Ctrl-C waits until each process is ready for it: the second one must never run on as
        # another cpstrategy, printing what the first prints.
        interrupts = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pid = os.fork()
        except OSError:
            signal.pthread_sigmask(signal.SIG_SETMASK, interrupts)
            os.close(readable)
            os.close(writable)
            return None
        if pid == 0:
            code = 1
            try:
                signal.pthread_sigmask(signal.SIG_SETMASK, interrupts)
                # It writes nothing to the terminal, and holds no pipe a reader waits on.
                quiet = os.open(os.devnull, os.O_WRONLY)
                os.dup2(quiet, 1)
                os.dup2(quiet, 2)
                os.close(quiet)
                os.close(readable)
                with open(writable, "wb") as pipe:
                    pipe.write(work(parent))
                code = 0
            finally:  # whatever happened (Ctrl-C too), never run on as a second cpstrategy
                os._exit(code)
        forked = cls(pid, readable)
        os.close(writable)
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, interrupts)  # a Ctrl-C held back: now
        except BaseException:
            forked.stop()
            raise
        return forked

    def received(self) -> bytes | None:
        """What the work returned, once it has finished; None if it failed."""
        with open(self.readable, "rb") as pipe:
            self.readable = -1  # closed with the file, whatever happens
            data = pipe.read()
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:  # SIGCHLD ignored: reaped unseen, and whether it failed, lost
            status = -1
        self.pid = 0  # waited for: its number may be another process's from now on
        return data if status == 0 else None

    def stop(self) -> None:
        """End it, unread: this process failed, or no longer needs the answer."""
        if self.pid:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
        if self.readable >= 0:
            with contextlib.suppress(OSError):
                os.close(self.readable)
            self.readable = -1
        if self.pid:
            with contextlib.suppress(OSError):
                os.waitpid(self.pid, 0)
            self.pid = 0


class Orphaned(Exception):
    """The process that forked this one has gone (killed): nobody will take what it makes."""


def check_parent(parent: int) -> None:
    """Raise Orphaned when `parent`, which forked this process, has gone."""
    if os.getppid() != parent:
        raise Orphaned
