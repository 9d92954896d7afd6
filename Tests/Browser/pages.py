"""What the browser tests do on every page: wait for a new page, sign in, type, fetch a PDF and read it; and the
citizens' walks that more than one test takes (a move-in prepared online, a kiosk ticket)."""
import re
import subprocess
import tempfile
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import STAFF_PASSWORD


def submit(driver, element):
    """Clicks a button that loads a new page, and waits for it."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 10).until(lambda _: replaced(page))


def replaced(element):
    """True once the element is gone from the document (Chromium says so in more than one way)."""
    try:
        element.tag_name
        return False
    except Exception:
        return True


def sign_in(driver, base_url, name):
    driver.delete_all_cookies()
    driver.get(base_url + "/login")
    driver.find_element(By.ID, "username").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(STAFF_PASSWORD)
    submit(driver, driver.find_element(By.ID, "sign-in"))


def type_addresses(driver, addresses):
    """Types the Case's addresses: {"old": (postcode, prefecture, city, town, banchi, katagaki), "new": (…)}."""
    for prefix, parts in addresses.items():
        for name, value in zip(("postcode", "prefecture", "city", "town", "banchi", "katagaki"), parts):
            if value:
                type_into(driver, f"{prefix}-{name}", value)


def type_into(driver, field, text):
    element = driver.find_element(By.ID, field)
    element.clear()
    element.send_keys(text)


def download(driver, url):
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": cookies})) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        return response.read()


def pdf_text(data):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(data)
        file.flush()
        text = subprocess.run(["pdftotext", "-layout", file.name, "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"[ \u3000]+", " ", text)


FAMILY = [
    ("山田", "花子", "やまだ", "はなこ", "1986-07-14", "female", "head"),
    ("山田", "太郎", "ヤマダ", "タロウ", "1984-05-10", "male", "spouse"),
    ("山田", "一郎", "ヤマダ", "イチロウ", "2015-06-20", "male", "child"),
    ("山田", "桜", "ヤマダ", "サクラ", "2018-11-03", "female", "child"),
]


def prepare_move_in(phone, base_url, email=None, lang="ja", seen=lambda page: None):
    """The guide on a phone, "prepare online", the household once, check, submit; returns the reference.
    `seen` is called with the page's name on each page on the way (the guide's form and result, the
    application's form, check and done pages)."""
    phone.get(base_url + "/guide/move-in?people=4" + ("" if lang == "ja" else "&lang=" + lang))
    seen("guide form")
    type_into(phone, "eventDate", "2026-04-01")
    type_into(phone, "dogs", "1")
    for index, (_, _, _, _, born, sex, relation) in enumerate(FAMILY):
        Select(phone.find_element(By.ID, f"m{index}-relation")).select_by_value(relation)
        Select(phone.find_element(By.ID, f"m{index}-sex")).select_by_value(sex)
        type_into(phone, f"m{index}-birthDate", born)
        Select(phone.find_element(By.ID, f"m{index}-insurance")).select_by_value("national")
    submit(phone, phone.find_element(By.ID, "show-procedures"))
    seen("guide result")
    submit(phone, phone.find_element(By.ID, "apply-online"))
    seen("application form")

    # The household once: names, kana, addresses.
    for prefix, parts in (("old", ("1000001", "東京都", "千代田区", "千代田", "1番1号")),
                          ("new", ("3214300", "栃木県", "サンプル市", "中央一丁目", "5番地3"))):
        for name, value in zip(("postcode", "prefecture", "city", "town", "banchi"), parts):
            type_into(phone, f"{prefix}-{name}", value)
    for index, (family, given, kana_family, kana_given, *_rest) in enumerate(FAMILY):
        type_into(phone, f"m{index}-family", family)
        type_into(phone, f"m{index}-given", given)
        type_into(phone, f"m{index}-familyKana", kana_family)
        type_into(phone, f"m{index}-givenKana", kana_given)
    if email:
        type_into(phone, "contactEmail", email)
    submit(phone, phone.find_element(By.ID, "to-check"))
    assert "山田　花子（ヤマダ　ハナコ）" in phone.find_element(By.ID, "answers").text
    seen("check page")
    submit(phone, phone.find_element(By.ID, "submit-application"))
    seen("done page")
    return phone.find_element(By.ID, "reference").text


def take_ticket(driver, base_url, button, lang="ja"):
    """A ticket from the kiosk; returns its number and the address of its live page."""
    driver.get(base_url + "/kiosk" + ("" if lang == "ja" else "?lang=" + lang))
    submit(driver, driver.find_element(By.ID, button))
    return driver.find_element(By.ID, "ticket-number").text, driver.find_element(By.ID, "ticket-url").text
