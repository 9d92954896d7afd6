"""証明書交付 (the kiosk's certificate ticket is tested over HTTP, so that no ticket is left waiting for the queue's
browser test): at the counter the clerk finds 髙橋 健司 in the
resident records, issues two copies of his household's 住民票の写し with the relations and his seal certificate on
his card, and prints the receipt with the fee; the day's log lists it. A request the law does not allow (an agent
without a letter of attorney asking for the 個人番号) is refused in words and issues nothing."""
from selenium.webdriver.common.by import By

from pages import sign_in, submit


def test_a_resident_record_copy_at_the_counter(desk_browser, base_url, staff):
    driver = desk_browser
    sign_in(driver, base_url, staff["counter"])
    driver.get(base_url + "/counter")
    submit(driver, driver.find_element(By.ID, "to-certificates"))
    driver.find_element(By.ID, "q").send_keys("タカハシ　ケンジ")
    submit(driver, driver.find_element(By.ID, "search-resident"))
    submit(driver, driver.find_element(By.ID, "resident-99001010000"))
    assert "髙橋　健司" in driver.find_element(By.ID, "certificate-resident").text

    # Refused first: an agent, no letter of attorney, the 個人番号.
    driver.find_element(By.ID, "requester-agent").click()
    driver.find_element(By.ID, "requesterName").send_keys("代理　花子")
    copies = driver.find_element(By.ID, "copies-juminhyo")
    copies.clear()
    copies.send_keys("1")
    driver.find_element(By.ID, "option-juminhyo-myNumber").click()
    submit(driver, driver.find_element(By.ID, "issue"))
    problems = driver.find_element(By.ID, "certificate-problems").text
    assert "委任状が必要です" in problems and "本人か同一世帯の方にだけ" in problems, problems

    # The person himself: two copies of the household with the relations, and the seal certificate on his card.
    driver.find_element(By.ID, "requester-person").click()
    driver.find_element(By.ID, "option-juminhyo-myNumber").click()
    for option in ("option-juminhyo-wholeHousehold", "option-juminhyo-relation", "seen-sealCard"):
        driver.find_element(By.ID, option).click()
    copies = driver.find_element(By.ID, "copies-juminhyo")
    copies.clear()
    copies.send_keys("2")
    inkan = driver.find_element(By.ID, "copies-inkan")
    inkan.clear()
    inkan.send_keys("1")
    submit(driver, driver.find_element(By.ID, "issue"))

    receipt = driver.find_element(By.ID, "receipt").text
    assert "合計 900円" in driver.find_element(By.ID, "receipt-total").text, receipt
    assert "住民票の写し（世帯全員・続柄）" in receipt and "印鑑登録証明書" in receipt, receipt
    assert driver.find_element(By.CSS_SELECTOR, "[data-print]").is_displayed()
    number = driver.find_element(By.ID, "receipt-number").text.split()[-1]

    driver.get(base_url + "/counter/certificates/log")
    row = driver.find_element(By.CSS_SELECTOR, f'#certificate-log tr[data-number="{number}"]')
    assert "900円" in row.text and "髙橋　健司" in row.text, row.text
