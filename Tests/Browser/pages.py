"""What the browser tests do on every page: wait for a new page, sign in, type, fetch a PDF and read it."""
import re
import subprocess
import tempfile
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

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
