"""A certificate requested online and posted (郵送請求): on a phone the citizen goes from the guide's certificate page
to the request, types who she is, attaches a photo of her ID and pays at the payment provider (the built-in fake
one: a declined card first, then a paid one); back on the request's page it is paid. At the counter a clerk opens
the request, checks the ID against the resident records, ticks it and posts the certificate: it is in the day's
交付 log as posted, and the citizen's page says it was posted."""
import os
import struct
import tempfile
import zlib

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from pages import sign_in, submit


def photo_of_an_id():
    """A small real PNG (a grey card), as a phone's camera would give a JPEG or PNG."""
    width, height = 64, 40
    rows = b"".join(b"\x00" + bytes([200, 200, 200]) * width for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    path = os.path.join(tempfile.mkdtemp(), "menkyo.png")
    with open(path, "wb") as file:
        file.write(png)
    return path


def test_a_certificate_requested_online_is_paid_and_posted(browser, desk_browser, base_url, staff):
    phone = browser
    phone.get(base_url + "/guide/certificates")
    submit(phone, phone.find_element(By.ID, "order-online"))
    assert phone.find_elements(By.ID, "copies-juminhyo") and not phone.find_elements(By.ID, "copies-inkan")
    copies = phone.find_element(By.ID, "copies-juminhyo")
    copies.clear()
    copies.send_keys("1")
    for field, text in (("name", "髙橋　健司"), ("birthDate", "1982-05-14"), ("address", "栃木県サンプル市本町二丁目3番12号"),
                        ("email", "kenji.takahashi@example.jp")):
        phone.find_element(By.ID, field).send_keys(text)
    # Sent without the ID first: refused in words, what was typed kept.
    submit(phone, phone.find_element(By.ID, "to-payment"))
    assert "本人確認書類" in phone.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert phone.find_element(By.ID, "name").get_attribute("value") == "髙橋　健司"
    phone.find_element(By.ID, "identity").send_keys(photo_of_an_id())
    submit(phone, phone.find_element(By.ID, "to-payment"))

    # The provider's page: 300 yen and 110 yen postage; a declined card, then a paid one.
    assert "/fake-payments/pay/" in phone.current_url
    assert "410" in phone.find_element(By.TAG_NAME, "main").text
    phone.find_element(By.ID, "card").send_keys("4000 0000 0000 0002")
    submit(phone, phone.find_element(By.ID, "pay"))
    assert phone.find_element(By.ID, "payment-error").is_displayed()
    phone.find_element(By.ID, "card").send_keys("4242 4242 4242 4242")
    submit(phone, phone.find_element(By.ID, "pay"))
    assert "/certificates/online/" in phone.current_url
    assert phone.find_element(By.ID, "order-state").get_attribute("data-state") == "paid"
    reference = phone.find_element(By.ID, "order-reference").text
    order_page = phone.current_url.split("?")[0]

    clerk = desk_browser
    sign_in(clerk, base_url, staff["counter"])
    clerk.get(base_url + "/counter/certificates")
    submit(clerk, clerk.find_element(By.ID, "to-online"))
    submit(clerk, clerk.find_element(By.ID, f"order-{reference}"))
    assert clerk.find_element(By.ID, "identity-document").get_attribute("href").endswith("/identity")
    clerk.find_element(By.ID, "resident-99001010000").click()
    submit(clerk, clerk.find_element(By.ID, "issue-order"))
    assert "本人確認書類を確かめたら" in clerk.find_element(By.ID, "order-problems").text
    clerk.find_element(By.ID, "resident-99001010000").click()
    clerk.find_element(By.ID, "identityChecked").click()
    submit(clerk, clerk.find_element(By.ID, "issue-order"))
    assert clerk.find_element(By.ID, "order-state").get_attribute("data-state") == "issued"
    clerk.get(base_url + "/counter/certificates/log")
    log = clerk.find_element(By.ID, "certificate-log").text
    assert reference in log and "髙橋　健司" in log, log

    phone.get(order_page)
    WebDriverWait(phone, 5).until(lambda d: d.find_element(By.ID, "order-state").get_attribute("data-state") == "issued")
