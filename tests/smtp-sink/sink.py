"""The test SMTP server: aiosmtpd (a real SMTP implementation from PyPI),
keeping every message it accepts as a file the tests read.

    python sink.py DIR [--fail-first N]

Prints the port it listens on (127.0.0.1), then serves until killed. Each
accepted message is DIR/<n>.eml (the message as received) beside
DIR/<n>.json (the envelope: sender and recipients). With --fail-first N it
answers the first N messages "451 try again later", as a busy server does.
"""

import argparse
import json
import pathlib
import socket
import sys
import threading
import time

from aiosmtpd.controller import Controller


class Keeper:
    def __init__(self, directory: pathlib.Path, fail_first: int):
        self.directory = directory
        self.fail_first = fail_first
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.fail_first > 0:
                self.fail_first -= 1
                return "451 4.3.2 try again later"
            self.count += 1
            name = f"{time.time_ns()}-{self.count}"
        (self.directory / f"{name}.json").write_text(
            json.dumps({"from": envelope.mail_from, "to": list(envelope.rcpt_tos)})
        )
        # Written last and renamed into place: a reader never sees half a message.
        partial = self.directory / f"{name}.partial"
        partial.write_bytes(envelope.original_content or envelope.content)
        partial.rename(self.directory / f"{name}.eml")
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--fail-first", type=int, default=0)
    arguments = parser.parse_args()
    directory = pathlib.Path(arguments.directory)
    directory.mkdir(parents=True, exist_ok=True)
    port = free_port()
    controller = Controller(Keeper(directory, arguments.fail_first), hostname="127.0.0.1", port=port)
    controller.start()
    print(port, flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
