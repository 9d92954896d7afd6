#!/usr/bin/env python3
"""A My Number card (the 券面事項入力補助AP) behind vpcd, the virtual PC/SC reader of vsmartcard-vpcd.

It behaves exactly like `FakeMyNumberCard` (Sources/MadoguchiCard/FakeMyNumberCard.swift): same AID and EF ids,
same status words, a PIN counter of 3 tries that survives power-off and reset for the emulator's lifetime,
VERIFY without data answering 63 Cx, READ BINARY by offset, 69 82 before VERIFY. EF 0002 and EF 0001 are served
from the same hex fixtures the Swift unit tests read (Tests/MadoguchiCardTests/Fixtures/*.hex).

vpcd's protocol (pcscd loads libifdvpcd, which listens on TCP 35963 for reader "Virtual PCD 00 00"; this program
connects to it): every message is a 2-byte big-endian length and a payload. A payload of length 1 is a control
message — 0 power off, 1 power on, 2 reset, 4 get ATR (answered with the ATR) — anything longer is a command APDU,
answered with the response APDU.

The status file (JSON, rewritten atomically after every change) lets a test check what the card saw: the PIN
counter and every VERIFY received — whether it carried data, its length and the status word answered, never the
data itself. The PIN is not written anywhere.

    python3 Tests/CardReader/emulated_card.py --status /tmp/card.json [--ef0002 FILE] [--tries 3] [--pin 1234]
"""
import argparse
import json
import os
import signal
import socket
import struct
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "MadoguchiCardTests", "Fixtures")

AID = bytes.fromhex("D3921000310001010408")
EF_INDIVIDUAL_NUMBER = 0x0001
EF_BASIC_FOUR_ITEMS = 0x0002
EF_PIN = 0x0011
MAXIMUM_TRIES = 3
# A T=1 ATR (TS 3B, T0 E0: TB1 TC1 TD1; TD1 81 and TD2 31 say T=1; TA3 FE = IFSC 254; TCK 14), the one
# Japanese My Number cards are reported with. pcscd negotiates T=1 from it.
ATR = bytes.fromhex("3BE000FF8131FE4514")

SW_SUCCESS = 0x9000
SW_END_OF_FILE = 0x6282
SW_WRONG_LENGTH = 0x6700
SW_INCOMPATIBLE_FILE = 0x6981
SW_SECURITY_NOT_SATISFIED = 0x6982
SW_PIN_BLOCKED = 0x6983
SW_NO_CURRENT_EF = 0x6986
SW_FILE_NOT_FOUND = 0x6A82
SW_INCORRECT_P1P2 = 0x6A86
SW_WRONG_OFFSET = 0x6B00
SW_INS_NOT_SUPPORTED = 0x6D00
SW_CLA_NOT_SUPPORTED = 0x6E00


def read_hex(path):
    """A fixture: hex byte pairs, whitespace ignored, `#` to the end of a line is a comment (as Fixtures.swift)."""
    data = bytearray()
    with open(path, encoding="utf-8") as f:
        for line in f:
            code = line.split("#", 1)[0]
            for token in code.split():
                if len(token) != 2:
                    raise ValueError(f"{path}: not a hex byte: {token!r}")
                data.append(int(token, 16))
    return bytes(data)


class Malformed(Exception):
    pass


def parse_apdu(raw):
    """A short command APDU as `APDU(bytes:)` reads it: (cla, ins, p1, p2, data, le) or Malformed."""
    if len(raw) < 4:
        raise Malformed()
    cla, ins, p1, p2 = raw[0], raw[1], raw[2], raw[3]
    if len(raw) == 4:
        return cla, ins, p1, p2, b"", None
    if len(raw) == 5:
        return cla, ins, p1, p2, b"", (256 if raw[4] == 0 else raw[4])
    lc = raw[4]
    if lc == 0:
        raise Malformed()  # extended form: never used by this AP
    body = len(raw) - 5
    if body == lc:
        return cla, ins, p1, p2, bytes(raw[5:]), None
    if body == lc + 1:
        return cla, ins, p1, p2, bytes(raw[5:5 + lc]), (256 if raw[-1] == 0 else raw[-1])
    raise Malformed()


class Card:
    """The 券面事項入力補助AP, command for command as FakeMyNumberCard answers."""

    def __init__(self, pin, ef0001, ef0002, tries, status_path):
        assert len(pin) == 4 and pin.isdigit(), "the card's PIN is 4 ASCII digits"
        self._pin = pin.encode("ascii")
        self.files = {EF_INDIVIDUAL_NUMBER: ef0001, EF_BASIC_FOUR_ITEMS: ef0002}
        self.tries_left = max(0, min(tries, MAXIMUM_TRIES))
        self.status_path = status_path
        self.pin_checks = 0  # VERIFY with data checked against the PIN, right or wrong (FakeMyNumberCard.pinAttempts)
        self.verifies = []  # every VERIFY: {"withData", "dataLength", "sw"}; never the data
        self.commands = 0
        self.power_ons = 0
        self.resets = 0
        self.connected = False  # true once vpcd talks to this card (see serve)
        self.reset_session()
        self.write_status()

    def reset_session(self):
        self.application_selected = False
        self.current_ef = None
        self.pin_verified = False

    def write_status(self):
        status = {
            "triesLeft": self.tries_left,
            "pinChecks": self.pin_checks,
            "verifyWithData": sum(1 for v in self.verifies if v["withData"]),
            "verifyWithoutData": sum(1 for v in self.verifies if not v["withData"]),
            "verifies": self.verifies,
            "commands": self.commands,
            "powerOns": self.power_ons,
            "resets": self.resets,
            "connected": self.connected,
            "pid": os.getpid(),
        }
        temporary = self.status_path + ".tmp"
        with open(temporary, "w", encoding="utf-8") as f:
            json.dump(status, f, indent=1)
        os.replace(temporary, self.status_path)

    # Control messages from vpcd
    def power_off(self):
        self.reset_session()
        self.write_status()

    def power_on(self):
        self.reset_session()
        self.power_ons += 1
        self.write_status()

    def reset(self):
        self.reset_session()
        self.resets += 1
        self.write_status()

    # Commands
    def respond(self, raw):
        self.commands += 1
        try:
            command = parse_apdu(raw)
        except Malformed:
            answer = struct.pack(">H", SW_WRONG_LENGTH)
        else:
            data, sw = self.answer(*command)
            answer = data + struct.pack(">H", sw)
        self.write_status()
        return answer

    def answer(self, cla, ins, p1, p2, data, le):
        if cla != 0x00:
            return b"", SW_CLA_NOT_SUPPORTED
        if ins == 0xA4:
            return b"", self.select(p1, p2, data)
        if ins == 0x20:
            sw = self.verify(p1, p2, data)
            self.verifies.append({"withData": bool(data), "dataLength": len(data), "sw": f"{sw:04X}"})
            return b"", sw
        if ins == 0xB0:
            return self.read_binary(p1, p2, le)
        return b"", SW_INS_NOT_SUPPORTED

    def select(self, p1, p2, data):
        if (p1, p2) == (0x04, 0x0C):
            if data != AID:
                return SW_FILE_NOT_FOUND  # a failed SELECT keeps the current selection
            self.reset_session()
            self.application_selected = True
            return SW_SUCCESS
        if (p1, p2) == (0x02, 0x0C):
            if len(data) != 2:
                return SW_WRONG_LENGTH
            fid = data[0] << 8 | data[1]
            if not self.application_selected or (fid != EF_PIN and fid not in self.files):
                return SW_FILE_NOT_FOUND
            self.current_ef = fid
            return SW_SUCCESS
        return SW_INCORRECT_P1P2

    def verify(self, p1, p2, data):
        if (p1, p2) != (0x00, 0x80):
            return SW_INCORRECT_P1P2
        if not self.application_selected or self.current_ef != EF_PIN:
            return SW_NO_CURRENT_EF
        if self.tries_left == 0:
            return SW_PIN_BLOCKED  # blocked for good: even the right PIN
        if not data:
            return SW_SUCCESS if self.pin_verified else 0x63C0 | self.tries_left
        if len(data) != len(self._pin):
            return SW_WRONG_LENGTH  # refused before the check, no try spent
        self.pin_checks += 1
        if data == self._pin:
            self.tries_left = MAXIMUM_TRIES
            self.pin_verified = True
            return SW_SUCCESS
        self.tries_left -= 1
        self.pin_verified = False
        return 0x63C0 | self.tries_left

    def read_binary(self, p1, p2, le):
        if p1 & 0x80:
            return b"", SW_INCORRECT_P1P2
        if not self.application_selected or self.current_ef is None:
            return b"", SW_NO_CURRENT_EF
        content = self.files.get(self.current_ef)
        if content is None:
            return b"", SW_INCOMPATIBLE_FILE  # the PIN EF
        if not self.pin_verified:
            return b"", SW_SECURITY_NOT_SATISFIED
        if le is None:
            return b"", SW_WRONG_LENGTH
        offset = p1 << 8 | p2
        if offset >= len(content):
            return b"", SW_WRONG_OFFSET
        end = min(len(content), offset + le)
        return content[offset:end], (SW_END_OF_FILE if end - offset < le else SW_SUCCESS)


def receive_exactly(sock, count):
    data = bytearray()
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ConnectionError("vpcd closed the connection")
        data += chunk
    return bytes(data)


def send(sock, payload):
    sock.sendall(struct.pack(">H", len(payload)) + payload)


def serve(card, sock):
    """Answers vpcd until it closes the connection."""
    while True:
        (size,) = struct.unpack(">H", receive_exactly(sock, 2))
        if not card.connected:
            # vpcd has accepted this connection and polls it (TCP's connect alone only reached the listen queue,
            # possibly while vpcd still held the previous card): from now on pcscd sees this card.
            card.connected = True
            card.write_status()
        if size == 0:
            continue
        message = receive_exactly(sock, size)
        if size == 1:
            control = message[0]
            if control == 0:
                card.power_off()
            elif control == 1:
                card.power_on()
            elif control == 2:
                card.reset()
            elif control == 4:
                send(sock, ATR)
            else:
                print(f"emulated card: unknown control message {control}", file=sys.stderr)
        else:
            send(sock, card.respond(message))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=35963, help="vpcd's port (35963 is reader 'Virtual PCD 00 00')")
    parser.add_argument("--ef0002", default=os.path.join(FIXTURES, "ef0002-short.hex"))
    parser.add_argument("--ef0001", default=os.path.join(FIXTURES, "ef0001.hex"))
    parser.add_argument("--pin", default="1234", help="the card's PIN (test data)")
    parser.add_argument("--tries", type=int, default=MAXIMUM_TRIES, help="PIN tries left at start (0 = blocked)")
    parser.add_argument("--status", required=True, help="JSON status file to keep up to date")
    parser.add_argument("--connect-timeout", type=float, default=30, help="seconds to wait for vpcd")
    arguments = parser.parse_args()

    card = Card(arguments.pin, read_hex(arguments.ef0001), read_hex(arguments.ef0002), arguments.tries, arguments.status)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    # Connect (and reconnect when pcscd restarts) for the emulator's whole lifetime: the PIN counter lives here.
    deadline = time.monotonic() + arguments.connect_timeout
    while True:
        try:
            sock = socket.create_connection((arguments.host, arguments.port), timeout=2)
        except OSError:
            if time.monotonic() > deadline:
                sys.exit(f"emulated card: vpcd is not listening on {arguments.host}:{arguments.port} "
                         "(is pcscd running with vsmartcard-vpcd's reader.conf?)")
            time.sleep(0.1)
            continue
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            serve(card, sock)
        except (ConnectionError, OSError):
            pass
        finally:
            sock.close()
            card.connected = False
            card.reset_session()
            card.write_status()
        deadline = time.monotonic() + arguments.connect_timeout


if __name__ == "__main__":
    main()
