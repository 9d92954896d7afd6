"""Instead of RPA: a move-in handed off at the counter reaches the resident registry (住基) as a row of a CSV
file in its folder; the registry answers the 住民票コード it assigned through the API; the Case shows it and
completes, and the counter's resident search shows the movement as confirmed before any extract has it."""
import csv
import io
import json
import os
import pathlib
import subprocess
import time
import urllib.request

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pages import type_addresses, sign_in, submit, type_into

CODE = "70000012345"


def registry_row(folder, reference, family, given, timeout=30):
    """The row for this person of this Case in the registry's folder, once the delivery has written it."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for path in sorted(folder.glob("madoguchi-juki-*.csv")):
            assert not path.name.endswith(".tmp")
            for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))):
                if row["受付番号"] == reference and row["氏"] == family and row["名"] == given:
                    return path, row
        time.sleep(0.5)
    raise AssertionError(f"no row for {reference} {family} {given} in {folder}")


def test_a_move_in_reaches_the_registry_and_its_answer_completes_the_case(desk_browser, base_url, staff):
    driver = desk_browser
    sign_in(driver, base_url, staff["counter"])
    submit(driver, driver.find_element(By.ID, "new-move-in"))
    case_url = driver.current_url.split("?")[0]
    type_into(driver, "eventDate", "令和8年11月20日")
    type_addresses(driver, {"old": ("1000001", "東京都", "千代田区", "千代田", "1番1号", ""),
                            "new": ("3214300", "栃木県", "サンプル市", "中央一丁目", "7番地2", "")})
    # 髙 (はしごだか) is not in JIS X 0208: it must reach the registry as typed.
    type_into(driver, "m0-family", "髙橋")
    type_into(driver, "m0-given", "一葉")
    type_into(driver, "m0-familyKana", "たかはし")
    type_into(driver, "m0-givenKana", "かずは")
    type_into(driver, "m0-birthDate", "平成2年2月3日")
    Select(driver.find_element(By.ID, "m0-sex")).select_by_value("female")
    Select(driver.find_element(By.ID, "m0-relation")).select_by_value("head")
    Select(driver.find_element(By.ID, "m0-insurance")).select_by_value("employee")
    submit(driver, driver.find_element(By.ID, "save"))
    codes = {row.get_attribute("data-code") for row in driver.find_elements(By.CSS_SELECTOR, "#procedures tr[data-code]")}
    assert codes == {"juki.tennyu"}, codes

    submit(driver, driver.find_element(By.ID, "do-confirm"))
    submit(driver, driver.find_element(By.ID, "open-confirm"))
    pad = driver.find_element(By.ID, "signature-pad")
    ActionChains(driver).move_to_element_with_offset(pad, -200, 0).click_and_hold() \
        .move_by_offset(60, -30).move_by_offset(60, 40).release().perform()
    submit(driver, driver.find_element(By.ID, "submit-signature"))
    submit(driver, driver.find_element(By.ID, "do-hand-off"))
    assert driver.find_element(By.ID, "case-state").get_attribute("data-state") == "handed-off"
    reference = driver.find_element(By.ID, "case-reference").text

    # The registry's folder gets the row within a delivery or two (every 5 s).
    data = pathlib.Path(os.environ.get("MADOGUCHI_DATA", "data"))
    folder = pathlib.Path(os.environ.get("MADOGUCHI_HANDOFF_DIR", data / "handoffs")) / "juki"
    path, row = registry_row(folder, reference, "髙橋", "一葉")
    assert row["異動事由"] == "国内転入" and row["異動日"] == "2026-11-20"
    assert row["氏フリガナ"] == "タカハシ" and row["生年月日"] == "1990-02-03" and row["性別"] == "2" and row["続柄"] == "世帯主"
    assert "栃木県サンプル市中央一丁目7番地2" in row["新住所"]
    handoff_id = row["連携ID"]

    # Before the registry answers, the counter's search (on the next Case) shows the movement as awaiting it.
    driver.get(base_url + "/counter")
    submit(driver, driver.find_element(By.ID, "new-move-in"))
    search_url = driver.current_url.split("?")[0]
    type_into(driver, "q", "タカハシ")
    submit(driver, driver.find_element(By.ID, "search-residents"))
    pending = driver.find_element(By.ID, "pending-changes").text
    assert "髙橋" in pending and "住基の確認待ち" in pending

    # The registry system, with its own API token, answers the 住民票コード it assigned.
    binary = os.environ.get("MADOGUCHI_BIN", ".build/debug/madoguchi")
    made = subprocess.run([binary, "handoff", "token", "--target", "juki", "--label", "browser test",
                           "--data", str(data), "--catalog", os.environ.get("MADOGUCHI_CATALOG", "Catalog")],
                          capture_output=True, text=True, check=True)
    token = [line for line in made.stdout.splitlines() if line.strip()][-1].strip()
    request = urllib.request.Request(f"{base_url}/api/v1/handoffs/{handoff_id}/ack", method="POST",
                                     data=json.dumps({"residentCode": CODE}).encode(),
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        assert json.load(answer)["procedureDone"] is True

    # The Case shows what the registry assigned and is complete: its one procedure was done by the system.
    driver.get(case_url)
    assert driver.find_element(By.ID, "case-state").get_attribute("data-state") == "completed"
    assert f"住民票コード {CODE}" in driver.find_element(By.TAG_NAME, "body").text
    driver.get(search_url + "?q=タカハシ")
    assert f"住基で確定 {CODE}" in driver.find_element(By.ID, "pending-changes").text
