#!/usr/bin/env python3
"""`madoguchi card-check` through the real PC/SC stack: pcscd with vsmartcard's virtual reader (vpcd), the
emulated My Number card beside this file, and libpcsclite loaded by the binary at run time.

    python3 Tests/CardReader/test_card_reader.py --bin .build/debug/madoguchi

Needs root (pcscd writes /run/pcscd) and `apt install pcscd vsmartcard-vpcd`; no other pcscd may be running.
It starts its own `pcscd -f` with a private reader.conf.d holding only the vpcd reader, so a PC's real readers
and its /etc/reader.conf.d play no part, and stops everything at the end, failed or not.

Then `madoguchi card-agent` end to end: a server is started, a counter clerk signs in in a headless Chromium and
shows a pairing code, the agent pairs with it, reads the card (PIN once) and delivers the four items; they appear
on the clerk's open Case screen by themselves, and one tap puts them into the Case's first person, byte-exact.

Checks: the four items equal the fixture's bytes exactly (long-form lengths, two READ BINARY chunks, a name
outside JIS); the 個人番号 only when asked and masked; wrong PIN twice then right gives exit 2, 2, 0 and the card
counts exactly 3 PIN attempts, its counter back at 3; a blocked card (put on the reader while card-check waits)
gives exit 3 without any PIN sent; the interactive prompt does not echo the PIN; no reader, card, service or
library gives exit 4 with what to do; the PIN appears in no output.
"""
import argparse
import json
import os
import pty
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
FIXTURES = os.path.join(ROOT, "Tests", "MadoguchiCardTests", "Fixtures")
EMULATOR = os.path.join(HERE, "emulated_card.py")
VPCD_DRIVER = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so"
VPCD_PORT = 35963  # vpcd's first reader, "Virtual PCD 00 00"
PCSCD_SOCKET = "/run/pcscd/pcscd.comm"
PIN = "4071"  # the emulated card's PIN: a value found in no fixture, so any leak into the output shows
WRONG_PIN = "4072"

sys.dont_write_bytecode = True  # no __pycache__ beside the sources
sys.path.insert(0, HERE)
from emulated_card import read_hex  # noqa: E402  (the emulator's own fixture reader: one reading of the files)


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


# MARK: The fixture's expected items, decoded independently of the Swift parser


def tlv_objects(data):
    """(tag bytes, value) of every object in `data`, skipping 00/FF padding, lengths short or long form."""
    objects, i = [], 0
    while i < len(data):
        if data[i] == 0x00 or (data[i] == 0xFF and (i + 1 == len(data) or data[i + 1] in (0x00, 0xFF))):
            i += 1
            continue
        start = i
        i += 1
        if data[start] & 0x1F == 0x1F:
            while data[i] & 0x80:
                i += 1
            i += 1
        tag = bytes(data[start:i])
        length = data[i]
        i += 1
        if length & 0x80:
            count = length & 0x7F
            length = int.from_bytes(data[i:i + count], "big")
            i += count
        objects.append((tag, bytes(data[i:i + length])))
        i += length
    return objects


def expected_items(ef0002_path):
    (container_tag, container), = [o for o in tlv_objects(read_hex(ef0002_path)) if o[0] == b"\xFF\x20"]
    children = dict(tlv_objects(container))
    return {"name": children[b"\xDF\x22"], "address": children[b"\xDF\x23"],
            "birthDate": children[b"\xDF\x24"], "sex": children[b"\xDF\x25"]}


def individual_number(ef0001_path):
    (tag, value), = tlv_objects(read_hex(ef0001_path))
    return value.decode("ascii")


# MARK: Processes


class Stack:
    """pcscd and the emulated cards, all stopped by `stop()`."""

    def __init__(self, work):
        self.work = work
        self.pcscd = None
        self.pcscd_log = os.path.join(work, "pcscd.log")
        self.emulator = None
        self.emulator_log = None
        self.status_path = None

    def start_pcscd(self):
        conf = os.path.join(self.work, "reader.conf.d")
        os.makedirs(conf)
        with open(os.path.join(conf, "vpcd"), "w") as f:
            f.write(f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:0x{VPCD_PORT:04X}\n'
                    f"LIBPATH {VPCD_DRIVER}\nCHANNELID 0x{VPCD_PORT:04X}\n")
        # Never -a/--apdu or -d: pcscd would log the VERIFY command, PIN included.
        self.pcscd = subprocess.Popen(["pcscd", "--foreground", "--info", "--config", conf],
                                      stdout=open(self.pcscd_log, "w"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            check(self.pcscd.poll() is None, f"pcscd exited with {self.pcscd.returncode}:\n{self.log_tail()}")
            with open(self.pcscd_log) as f:
                if "daemon ready" in f.read():
                    return
            time.sleep(0.05)
        raise Failure(f"pcscd did not get ready within 15 s:\n{self.log_tail()}")

    def start_card(self, name, ef0002, tries=3, wait_connected=True):
        self.stop_card()
        self.status_path = os.path.join(self.work, f"{name}.status.json")
        self.emulator_log = os.path.join(self.work, f"{name}.log")
        self.emulator = subprocess.Popen(
            [sys.executable, EMULATOR, "--port", str(VPCD_PORT), "--pin", PIN, "--tries", str(tries),
             "--ef0002", os.path.join(FIXTURES, ef0002), "--ef0001", os.path.join(FIXTURES, "ef0001.hex"),
             "--status", self.status_path],
            stdout=subprocess.DEVNULL, stderr=open(self.emulator_log, "w"))
        if wait_connected:
            self.wait_connected()

    def wait_connected(self):
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            check(self.emulator.poll() is None, f"the emulated card exited:\n{open(self.emulator_log).read()}")
            try:
                if self.status()["connected"]:
                    return
            except (OSError, ValueError):
                pass
            time.sleep(0.05)
        raise Failure("vpcd did not take the emulated card within 15 s")

    def status(self):
        with open(self.status_path) as f:
            return json.load(f)

    def stop_card(self, wait_removed=True):
        """Takes the card off the reader: the emulator ends, and (unless the test ends) this waits until pcscd
        has seen the reader empty, so the next card-check cannot meet the old card's ghost. vpcd notices a card
        gone only at its next presence poll (pcscd polls every 0.4 s)."""
        if not (self.emulator and self.emulator.poll() is None):
            self.emulator = None
            return
        removals = self.removals_logged()
        self.emulator.terminate()
        try:
            self.emulator.wait(5)
        except subprocess.TimeoutExpired:
            self.emulator.kill()
            self.emulator.wait()
        self.emulator = None
        if wait_removed:
            deadline = time.monotonic() + 5
            while self.removals_logged() == removals:
                check(time.monotonic() < deadline, f"pcscd did not see the card removed within 5 s:\n{self.log_tail()}")
                time.sleep(0.05)

    def removals_logged(self):
        """How many times pcscd logged a card leaving the reader (info level: "Card Removed From <reader>")."""
        with open(self.pcscd_log, errors="replace") as f:
            return f.read().count("Card Removed From")

    def stop(self):
        self.stop_card(wait_removed=False)
        if self.pcscd and self.pcscd.poll() is None:
            self.pcscd.terminate()
            try:
                self.pcscd.wait(10)
            except subprocess.TimeoutExpired:
                self.pcscd.kill()
                self.pcscd.wait()

    def log_tail(self):
        try:
            with open(self.pcscd_log) as f:
                return "".join(f.readlines()[-20:])
        except OSError:
            return ""


def card_check(binary, pin=None, extra=(), environment=None, timeout=60):
    """Runs `card-check --pin-stdin`; returns (exit code, stdout bytes, stderr text)."""
    result = subprocess.run([binary, "card-check", "--pin-stdin", *extra],
                            input=(pin + "\n").encode() if pin is not None else b"",
                            capture_output=True, timeout=timeout, env=environment)
    stderr = result.stderr.decode("utf-8", "replace")
    check(PIN.encode() not in result.stdout and PIN not in stderr, "the PIN appears in card-check's output")
    return result.returncode, result.stdout, stderr


def card_check_on_terminal(binary, pin, timeout=60):
    """Runs `card-check` on a pseudo-terminal, typing the PIN at its prompt; returns (exit code, all it showed)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(binary, [binary, "card-check", "--wait", "10"])
    shown = b""
    typed = False
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break  # the child closed the terminal
            if not chunk:
                break
            shown += chunk
        if not typed and b"PIN (4 digits): " in shown:
            os.write(fd, (pin + "\n").encode())
            typed = True
    else:
        os.kill(pid, signal.SIGKILL)
    _, wait_status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(wait_status), shown


def agent_end_to_end(binary, work, stack):
    """The clerk in a real headless Chromium (the Case screen open while the card is read), the agent through
    pcscd and vpcd, the server between them."""
    sys.path.insert(0, os.path.join(ROOT, "Tests"))
    import serverprocess
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    data, port, password = os.path.join(work, "data"), 18093, "card-agent-test-password"
    catalog = os.path.join(ROOT, "Catalog")
    made = subprocess.run([binary, "user", "add", "clerk1", "--role", "counter", "--data", data, "--catalog", catalog],
                          input=password + "\n", capture_output=True, text=True)
    check(made.returncode == 0, f"user add: {made.stderr}")
    server = serverprocess.start(binary, port, catalog, dict(os.environ, LOG_LEVEL="error"), data=data)
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=ja"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.implicitly_wait(3)
    try:
        base = f"http://127.0.0.1:{port}"

        def click_and_wait(element):
            page = driver.find_element(By.TAG_NAME, "html")
            element.click()
            WebDriverWait(driver, 10).until(lambda _: stale(page))

        driver.get(base + "/login")
        driver.find_element(By.ID, "username").send_keys("clerk1")
        driver.find_element(By.ID, "password").send_keys(password)
        click_and_wait(driver.find_element(By.ID, "sign-in"))
        driver.get(base + "/counter/card-agent")
        click_and_wait(driver.find_element(By.ID, "new-pairing-code"))
        code = driver.find_element(By.ID, "pairing-code").text
        check(re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}", code) is not None, f"pairing code {code!r}")
        driver.get(base + "/counter")
        click_and_wait(driver.find_element(By.ID, "new-move-in"))
        check("/counter/cases/" in driver.current_url, f"no Case: {driver.current_url}")

        # The Case screen stays open while the citizen puts the card on the reader and types the PIN.
        stack.start_card("agent", "ef0002-short.hex")
        expected = expected_items(os.path.join(FIXTURES, "ef0002-short.hex"))
        agent = subprocess.run([binary, "card-agent", "--server", base + "/", "--code", code, "--once", "--pin-stdin", "--wait", "10"],
                               input=(PIN + "\n").encode(), capture_output=True, timeout=60)
        err = agent.stderr.decode("utf-8", "replace")
        check(agent.returncode == 0, f"card-agent exit {agent.returncode}: {err}")
        check(PIN not in err and PIN.encode() not in agent.stdout, "the PIN appears in card-agent's output")
        check(expected["name"].decode("utf-8") not in err, "card-agent printed the citizen's name")
        check("delivered to clerk1" in err, f"not delivered: {err}")
        check(stack.status()["verifyWithData"] == 1, f"PIN attempts on the card: {stack.status()}")

        name = expected["name"].decode("utf-8")
        WebDriverWait(driver, 10).until(lambda d: name in d.find_element(By.ID, "card-reads").text)
        click_and_wait(driver.find_element(By.CSS_SELECTOR, "#card-reads li[data-read] button[value='1']"))
        family, given = name.replace("\u3000", " ").split(" ", 1)
        check(driver.find_element(By.ID, "m0-family").get_attribute("value") == family, "person 1's family name is not the card's")
        check(driver.find_element(By.ID, "m0-given").get_attribute("value") == given, "person 1's given name is not the card's")
        check(driver.find_element(By.ID, "m0-birthDate").get_attribute("value") == "1985-04-12", "birth date")
        check("changed" in driver.find_element(By.ID, "m0-family").find_element(By.XPATH, "..").get_attribute("class"),
              "the filled field is not marked")
        driver.get(base + "/counter/card-reads")
        check(driver.find_element(By.TAG_NAME, "body").text.strip() == "[]", "the read is still offered after use")

        again = subprocess.run([binary, "card-agent", "--server", base, "--code", code, "--once", "--pin-stdin", "--wait", "1"],
                               input=(PIN + "\n").encode(), capture_output=True, timeout=60)
        check(again.returncode == 1 and "pairing refused" in again.stderr.decode("utf-8", "replace"), "a used code paired again")
        stack.stop_card()
    finally:
        driver.quit()
        server.terminate()
        server.wait(10)


def stale(element):
    try:
        element.tag_name
        return False
    except Exception:
        return True


def pcscd_running():
    try:
        with socket.socket(socket.AF_UNIX) as s:
            s.connect(PCSCD_SOCKET)
        return True
    except OSError:
        return False


# MARK: The test


def run(binary, work):
    stack = Stack(work)
    steps = []

    def step(name):
        steps.append(name)
        print(f"-- {name}", flush=True)

    try:
        step("no PC/SC library: exit 4 naming the packages to install")
        code, out, err = card_check(binary, PIN, ["--wait", "1"],
                                    environment=dict(os.environ, MADOGUCHI_PCSC_LIBRARY="/nonexistent/libpcsclite.so.1"))
        check(code == 4 and "apt install pcscd libpcsclite1" in err, f"exit {code}, stderr: {err}")

        step("no pcscd: exit 4 saying the service is not running")
        code, out, err = card_check(binary, PIN, ["--wait", "1"])
        check(code == 4 and "pcscd is not running" in err, f"exit {code}, stderr: {err}")

        stack.start_pcscd()

        step("reader but no card: exit 4 after the wait")
        code, out, err = card_check(binary, PIN, ["--wait", "1"])
        check(code == 4 and "no card was put on the reader" in err, f"exit {code}, stderr: {err}")

        step("right PIN: the four items exactly as in ef0002-long-82.hex (two READ BINARY chunks, long lengths)")
        stack.start_card("long", "ef0002-long-82.hex")
        expected = expected_items(os.path.join(FIXTURES, "ef0002-long-82.hex"))
        code, out, err = card_check(binary, PIN, ["--wait", "10"])
        check(code == 0, f"exit {code}, stderr: {err}")
        printed = json.loads(out)
        check(set(printed) == set(expected), f"keys {sorted(printed)}")
        for key, value in expected.items():
            check(printed[key].encode("utf-8") == value, f"{key} differs from the fixture")
            check(value in out, f"{key} is not printed as its own UTF-8 bytes")
        status = stack.status()
        check(status["verifyWithData"] == 1 and status["triesLeft"] == 3, f"card status {status}")

        step("--include-my-number: the 個人番号 masked but for its last 4 digits, never whole")
        number = individual_number(os.path.join(FIXTURES, "ef0001.hex"))
        code, out, err = card_check(binary, PIN, ["--wait", "10", "--include-my-number"])
        check(code == 0, f"exit {code}, stderr: {err}")
        printed = json.loads(out)
        check(printed.get("myNumber") == "********" + number[-4:], f"myNumber {printed.get('myNumber')!r}")
        check(number.encode() not in out and number not in err, "the whole 個人番号 was printed")

        step("interactive: the PIN typed at the prompt is not echoed")
        code, shown = card_check_on_terminal(binary, PIN)
        check(code == 0, f"exit {code}, terminal: {shown!r}")
        check(PIN.encode() not in shown, "the PIN was echoed on the terminal")
        check(expected["name"] in shown, "the items were not printed")

        step("wrong PIN twice, then right: exit 2, 2, 0; the card counts exactly 3 attempts, counter back at 3")
        stack.start_card("retries", "ef0002-short.hex")
        codes = []
        for pin in (WRONG_PIN, WRONG_PIN, PIN):
            code, out, err = card_check(binary, pin, ["--wait", "10"])
            codes.append(code)
            if len(codes) == 2:
                check("2 tries left" not in err and "1 try left" in err, f"second wrong PIN: {err}")
            if len(codes) == 3:
                check("1 PIN try left" in err, f"no warning before the last try: {err}")
                check(json.loads(out)["name"].encode() == expected_items(
                    os.path.join(FIXTURES, "ef0002-short.hex"))["name"], "wrong items after the retries")
        check(codes == [2, 2, 0], f"exit codes {codes}")
        status = stack.status()
        check(status["verifyWithData"] == 3 and status["pinChecks"] == 3, f"attempts on the card: {status}")
        check(status["triesLeft"] == 3, f"tries left on the card: {status['triesLeft']}")
        check([v["sw"] for v in status["verifies"] if v["withData"]] == ["63C2", "63C1", "9000"],
              f"VERIFY answers {status['verifies']}")

        step("card-agent: paired by the clerk's code, one card delivered to the clerk's Case screen, one tap fills person 1")
        agent_end_to_end(binary, work, stack)

        step("a blocked card put on the reader while card-check waits: exit 3, no PIN sent")
        stack.stop_card()
        waiting = subprocess.Popen([binary, "card-check", "--pin-stdin", "--wait", "20"], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(1.0)
        check(waiting.poll() is None, "card-check did not wait for the card")
        stack.start_card("blocked", "ef0002-short.hex", tries=0, wait_connected=False)
        out, err = waiting.communicate((PIN + "\n").encode(), timeout=60)
        err = err.decode("utf-8", "replace")
        check(PIN.encode() not in out and PIN not in err, "the PIN appears in card-check's output")
        check(waiting.returncode == 3 and "blocked" in err, f"exit {waiting.returncode}, stderr: {err}")
        status = stack.status()
        check(status["verifyWithData"] == 0 and status["triesLeft"] == 0, f"card status {status}")
    except Failure as failure:
        print(f"FAIL in step '{steps[-1] if steps else 'setup'}': {failure}", file=sys.stderr)
        print(f"pcscd log (tail):\n{stack.log_tail()}", file=sys.stderr)
        if stack.emulator_log and os.path.exists(stack.emulator_log):
            print(f"emulated card's stderr:\n{open(stack.emulator_log).read()}", file=sys.stderr)
        return False
    finally:
        stack.stop()
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True, help="the madoguchi binary (e.g. .build/debug/madoguchi)")
    arguments = parser.parse_args()
    binary = os.path.abspath(arguments.bin)

    missing = [what for what, ok in [("pcscd (apt install pcscd)", shutil.which("pcscd")),
                                     ("vpcd (apt install vsmartcard-vpcd)", os.path.exists(VPCD_DRIVER)),
                                     (binary, os.access(binary, os.X_OK))] if not ok]
    if missing:
        sys.exit("missing: " + ", ".join(missing))
    if os.geteuid() != 0:
        sys.exit("run as root: pcscd needs to create /run/pcscd")
    if pcscd_running():
        sys.exit("a pcscd is already running; stop it first (systemctl stop pcscd.socket pcscd.service)")

    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="madoguchi-card.")
    try:
        ok = run(binary, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'OK' if ok else 'FAILED'}: card reader through pcscd + vpcd in {time.monotonic() - started:.1f} s")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
