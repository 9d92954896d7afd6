"""A clerk's session ends while they type (the cookie is gone, as after an hour away): saving leads to a page
that signs them in and returns them to the Case, which offers back what they had typed."""
from selenium.webdriver.common.by import By

from conftest import STAFF_PASSWORD
from pages import sign_in, submit, type_into


def test_typing_survives_an_expired_session(desk_browser, base_url, staff):
    driver = desk_browser
    sign_in(driver, base_url, staff["counter"])
    submit(driver, driver.find_element(By.ID, "new-move-in"))
    case_path = driver.current_url.split("?")[0].replace(base_url, "")
    type_into(driver, "m0-family", "佐藤")
    type_into(driver, "m0-given", "健")
    driver.delete_cookie("madoguchi_staff")
    submit(driver, driver.find_element(By.ID, "save"))
    assert "ログインしてください" in driver.find_element(By.TAG_NAME, "h1").text
    submit(driver, driver.find_element(By.LINK_TEXT, "ログインして元の画面に戻る"))
    driver.find_element(By.ID, "username").send_keys(staff["counter"])
    driver.find_element(By.ID, "password").send_keys(STAFF_PASSWORD)
    submit(driver, driver.find_element(By.ID, "sign-in"))
    assert driver.current_url.replace(base_url, "").split("?")[0] == case_path, "back on the Case"
    assert driver.find_element(By.ID, "m0-family").get_attribute("value") == ""
    driver.find_element(By.ID, "restore-typing").click()
    assert driver.find_element(By.ID, "m0-family").get_attribute("value") == "佐藤"
    assert driver.find_element(By.ID, "m0-given").get_attribute("value") == "健"
    submit(driver, driver.find_element(By.ID, "save"))
    assert "notice=saved" in driver.current_url
    assert not driver.find_elements(By.ID, "kept-typing")
