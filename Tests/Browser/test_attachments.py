"""A citizen on a phone types half the household, attaches a photo of a certificate, and finds everything typed
still there, the file listed; removing it keeps the typing too. With and without JavaScript: the attach button is
a submit button of the one form."""
import base64
import os
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pages import submit, type_into

# A 1×1 PNG.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


def test_attaching_keeps_the_typing(browser, base_url):
    browser.get(base_url + "/guide/move-in?people=1")
    type_into(browser, "eventDate", "2026-04-01")
    Select(browser.find_element(By.ID, "m0-relation")).select_by_value("head")
    Select(browser.find_element(By.ID, "m0-sex")).select_by_value("female")
    type_into(browser, "m0-birthDate", "1986-07-14")
    Select(browser.find_element(By.ID, "m0-insurance")).select_by_value("national")
    submit(browser, browser.find_element(By.ID, "show-procedures"))
    submit(browser, browser.find_element(By.ID, "apply-online"))
    type_into(browser, "m0-family", "山田")
    type_into(browser, "m0-given", "花子")
    type_into(browser, "new-town", "中央一丁目")
    with tempfile.NamedTemporaryFile(suffix=".png", delete=False) as file:
        file.write(PNG)
    try:
        browser.find_element(By.ID, "file").send_keys(file.name)
        submit(browser, browser.find_element(By.ID, "upload"))
    finally:
        os.unlink(file.name)
    assert browser.find_element(By.ID, "m0-family").get_attribute("value") == "山田"
    assert browser.find_element(By.ID, "m0-given").get_attribute("value") == "花子"
    assert browser.find_element(By.ID, "new-town").get_attribute("value") == "中央一丁目"
    assert os.path.basename(file.name) in browser.find_element(By.ID, "attached").text
    # Removing it keeps the typing as well.
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#attached button"))
    assert browser.find_element(By.ID, "m0-given").get_attribute("value") == "花子"
    assert not browser.find_elements(By.ID, "attached")
