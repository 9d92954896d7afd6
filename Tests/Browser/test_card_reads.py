"""The card reader on the counter screen: the clerk shows a pairing code, an agent pairs with it and delivers
cards (as `madoguchi card-agent` does over HTTP; the PC/SC side is Tests/CardReader/), and each read appears on the
open Case screen by itself within seconds; one tap per card fills a family of four, the filled fields marked."""
import json
import re
import urllib.request

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from pages import sign_in, submit, type_into

CARDS = [("山田　太郎", "19840510", "1"), ("山田　花子", "19860714", "2"), ("山田　一郎", "20150620", "1"), ("山田　桜", "20181103", "2")]
ADDRESS = "東京都千代田区千代田1番1号"  # the address on the cards: where the family lived before moving in
KANA = ["タロウ", "ハナコ", "イチロウ", "サクラ"]


def post_json(url, body, token=None):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json",
                                              **({"Authorization": "Bearer " + token} if token else {})})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read())


def test_cards_read_at_the_counter_fill_a_family_of_four(desk_browser, base_url, staff):
    driver = desk_browser
    sign_in(driver, base_url, staff["counter"])
    driver.get(base_url + "/counter/card-agent")
    submit(driver, driver.find_element(By.ID, "new-pairing-code"))
    code = driver.find_element(By.ID, "pairing-code").text
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    status, paired = post_json(base_url + "/api/v1/card-agent/pair", {"code": code})
    assert status == 200 and paired["staff"] == staff["counter"]

    driver.get(base_url + "/counter")
    submit(driver, driver.find_element(By.ID, "new-move-in"))
    case_url = driver.current_url.split("?")[0]
    for index, (name, born, sex) in enumerate(CARDS):
        # The card is read while the screen is open: it appears without a reload.
        status, delivered = post_json(base_url + "/api/v1/card-agent/reads",
                                      {"name": name, "birthDate": born, "sex": sex, "address": ADDRESS}, paired["token"])
        assert status == 201
        short = delivered["id"].upper()[:8]
        target = "m1" if index == 0 else "new"  # the empty first person the screen starts with, then new people
        button = WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, f"card-{short}-{target}"))[0]
        assert name in driver.find_element(By.ID, "card-reads").text
        submit(driver, button)
        assert "notice=card" in driver.current_url
        m = f"m{index}-"
        assert driver.find_element(By.ID, m + "family").get_attribute("value") == "山田"
        assert driver.find_element(By.ID, m + "given").get_attribute("value") == name.split("\u3000")[1]
        marked = driver.find_element(By.ID, m + "given").find_element(By.XPATH, "..")
        assert "changed" in marked.get_attribute("class")
        assert driver.find_element(By.ID, "card-notice").is_displayed()
    relations = [driver.find_element(By.ID, f"m{i}-relation").get_attribute("value") for i in range(4)]
    assert relations == ["head", "spouse", "child", "child"]
    assert driver.find_element(By.ID, "old-city").get_attribute("value") == "千代田区"
    assert driver.current_url.startswith(case_url)

    # What the cards do not hold is typed: the date, the new address, the readings, the insurance, the dog.
    type_into(driver, "eventDate", "R8.4.1")
    type_into(driver, "dogs", "1")
    for name, value in zip(("postcode", "prefecture", "city", "town", "banchi", "katagaki"),
                           ("3214300", "栃木県", "サンプル市", "中央一丁目", "5番地3", "サンプルハイツ101")):
        type_into(driver, "new-" + name, value)
    for index, given in enumerate(KANA):
        m = f"m{index}-"
        if index == 0:
            type_into(driver, m + "familyKana", "ヤマダ")  # typed once: the others with the same family name follow
        type_into(driver, m + "givenKana", given)
        assert driver.find_element(By.ID, m + "familyKana").get_attribute("value") == "ヤマダ"
        Select(driver.find_element(By.ID, m + "insurance")).select_by_value("national")
    submit(driver, driver.find_element(By.ID, "save"))
    codes = {row.get_attribute("data-code") for row in driver.find_elements(By.CSS_SELECTOR, "#procedures tr[data-code]")}
    assert {"juki.tennyu", "kokuho.kanyu", "jidoteate.nintei", "inu.henko"} <= codes
    submit(driver, driver.find_element(By.ID, "do-confirm"))
    submit(driver, driver.find_element(By.ID, "open-confirm"))
    pad = driver.find_element(By.ID, "signature-pad")
    ActionChains(driver).move_to_element_with_offset(pad, -200, 0).click_and_hold() \
        .move_by_offset(60, -30).move_by_offset(60, 40).move_by_offset(80, -20).release().perform()
    submit(driver, driver.find_element(By.ID, "submit-signature"))
    submit(driver, driver.find_element(By.ID, "do-hand-off"))
    assert driver.find_element(By.ID, "case-state").get_attribute("data-state") == "handed-off"
    inputs = int(driver.find_element(By.ID, "staff-inputs").get_attribute("data-count"))
    print(f"\nstaff inputs for the family-of-four move-in with four cards read, from nothing to hand-off: {inputs}")
    assert inputs > 4
