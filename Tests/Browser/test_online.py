"""Online applications (スマート申請) and the counter hand-off (連携): a family of four prepares a move-in on a
phone, gets a reference and a QR code; the QR code, read by a real decoder from the page's image, opens the
Case at the counter already filled, and the forms print with a handful of staff inputs."""
import email
import email.policy
import os
import re
import subprocess
import tempfile
import time
import uuid

import pytest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from pages import download, pdf_text, prepare_move_in, replaced, sign_in, submit, type_into


def decode_qr(png):
    with tempfile.NamedTemporaryFile(suffix=".png") as file:
        file.write(png)
        file.flush()
        result = subprocess.run(["zbarimg", "--raw", "-q", file.name], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_prepared_online_opened_at_the_counter_by_its_qr_code(browser, desk_browser, base_url, staff):
    phone = browser
    reference = prepare_move_in(phone, base_url)
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", reference)
    scanned = decode_qr(phone.find_element(By.CSS_SELECTOR, "#qr svg").screenshot_as_png)
    assert scanned.endswith("/c/" + reference), scanned

    # At the counter the scanner "types" the URL into the reference field and presses Enter.
    desk = desk_browser
    sign_in(desk, base_url, staff["counter"])
    field = desk.find_element(By.ID, "ref")
    field.send_keys(scanned)
    page = desk.find_element(By.TAG_NAME, "html")
    field.send_keys(Keys.ENTER)
    WebDriverWait(desk, 10).until(lambda _: replaced(page))
    assert desk.find_element(By.ID, "case-reference").text == reference
    assert desk.find_element(By.ID, "m0-given").get_attribute("value") == "花子"
    before = int(desk.find_element(By.ID, "staff-inputs").get_attribute("data-count"))
    pdf = pdf_text(download(desk, desk.find_element(By.ID, "print-forms").get_attribute("href")))
    for name in ("山田 花子", "山田 一郎", "栃木県サンプル市中央一丁目5番地3"):
        assert name in pdf, name
    desk.refresh()
    inputs = int(desk.find_element(By.ID, "staff-inputs").get_attribute("data-count")) - before
    print(f"\nstaff inputs from the scan to the printed forms of a pre-applied move-in: {inputs + 1} (scan included)")
    assert inputs + 1 <= 10


def mails_to(maildir, recipient):
    """The messages the local SMTP server (aiosmtpd, Maildir) received for a recipient: (subject, text)."""
    found = []
    folder = os.path.join(maildir, "new")
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        with open(os.path.join(folder, name), "rb") as file:
            message = email.message_from_binary_file(file, policy=email.policy.default)
        if message["To"] == recipient:
            found.append((str(message["Subject"]), message.get_content()))
    return found


@pytest.mark.skipif(not os.environ.get("MADOGUCHI_MAILDIR"), reason="needs the server's SMTP server's Maildir (MADOGUCHI_MAILDIR)")
def test_an_online_procedure_is_accepted_by_its_section_and_the_citizen_sees_it_and_gets_mail(browser, desk_browser, base_url, staff):
    """児童手当 may be claimed online: it goes straight to 子ども家庭課, which accepts it; the citizen sees that on
    the status page and gets both mails (received, accepted) at the real SMTP server."""
    phone = browser
    recipient = f"yamada-{uuid.uuid4().hex[:8]}@example.jp"
    reference = prepare_move_in(phone, base_url, email=recipient)
    assert "児童手当" in phone.find_element(By.ID, "online-procedures").text

    section = desk_browser
    sign_in(section, base_url, staff["KODOMO"])
    section.get(base_url + "/sections/KODOMO")
    item = section.find_element(By.CSS_SELECTOR, f'li[data-case="{reference}"][data-code="jidoteate.nintei"]')
    submit(section, item.find_element(By.CSS_SELECTOR, 'button[value="done"]'))
    assert section.find_element(By.CSS_SELECTOR, f'#done-list li[data-case="{reference}"][data-code="jidoteate.nintei"]')

    phone.get(base_url + "/status")
    type_into(phone, "reference", reference)
    type_into(phone, "birthDate", "昭和61年7月14日")
    submit(phone, phone.find_element(By.ID, "look-up"))
    state = phone.find_element(By.CSS_SELECTOR, '#status-procedures li[data-code="jidoteate.nintei"]')
    assert state.get_attribute("data-status") == "done"
    assert "受理" in state.text, state.text

    maildir = os.environ["MADOGUCHI_MAILDIR"]
    deadline = time.time() + 30  # the outbox is sent every few seconds
    while time.time() < deadline and len(mails_to(maildir, recipient)) < 2:
        time.sleep(0.5)
    mails = mails_to(maildir, recipient)
    subjects = [subject for subject, _ in mails]
    assert any("受け付けました" in subject and reference in subject for subject in subjects), subjects
    accepted = [text for subject, text in mails if "受理されました" in subject]
    assert accepted and reference in accepted[0] and "児童手当" in accepted[0], subjects


def test_a_scan_into_any_field_of_the_counter_opens_the_pre_applied_case(browser, desk_browser, base_url, staff):
    """The scanner types the QR code's URL into whatever field has the focus: here the family name of another
    Case being typed. The pre-applied Case opens (after staff agree to leave the unsaved typing)."""
    reference = prepare_move_in(browser, base_url)
    url = decode_qr(browser.find_element(By.CSS_SELECTOR, "#qr svg").screenshot_as_png)
    desk = desk_browser
    sign_in(desk, base_url, staff["counter"])
    submit(desk, desk.find_element(By.ID, "new-move-in"))
    field = desk.find_element(By.ID, "m0-family")
    field.send_keys("佐藤")
    page = desk.find_element(By.TAG_NAME, "html")
    field.send_keys(url + Keys.ENTER)
    alert = WebDriverWait(desk, 5).until(lambda driver: driver.switch_to.alert)
    assert "保存していない" in alert.text
    alert.accept()
    WebDriverWait(desk, 10).until(lambda _: replaced(page))
    assert desk.find_element(By.ID, "case-reference").text == reference
    assert desk.find_element(By.ID, "m0-given").get_attribute("value") == "花子"
