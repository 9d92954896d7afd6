"""The no-writing counter end to end: a family of four moves in — two school children, national health
insurance, a dog — typed at the counter from nothing, printed, signed on the confirmation view, handed
off; each section completes its part and the Case completes."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pages import type_addresses, download, pdf_text, sign_in, submit, type_into

FAMILY = [
    # family, given, kana family, kana given (typed in hiragana: the screen shows katakana), born, sex, relation
    ("山田", "花子", "やまだ", "はなこ", "昭和61年7月14日", "female", "head"),
    ("山田", "太郎", "ヤマダ", "タロウ", "1984-05-10", "male", "spouse"),
    ("山田", "一郎", "ヤマダ", "イチロウ", "H27.6.20", "male", "child"),
    ("山田", "桜", "ヤマダ", "サクラ", "2018-11-03", "female", "child"),
]
EXPECTED = {"juki.tennyu", "kokuho.kanyu", "jidoteate.nintei", "kodomo-iryo.shinsei", "gakko.tennyugaku", "inu.henko"}


def test_family_of_four_moves_in_at_the_counter(desk_browser, base_url, staff):
    driver = desk_browser
    sign_in(driver, base_url, staff["counter"])
    submit(driver, driver.find_element(By.ID, "new-move-in"))
    case_url = driver.current_url.split("?")[0]
    for _ in range(3):
        submit(driver, driver.find_element(By.ID, "add-member"))

    type_into(driver, "eventDate", "令和8年4月1日")
    type_into(driver, "dogs", "1")
    type_addresses(driver, {"old": ("1000001", "東京都", "千代田区", "千代田", "1番1号", ""),
                            "new": ("3214300", "栃木県", "サンプル市", "中央一丁目", "5番地3", "サンプルハイツ101")})
    for index, (family, given, kana_family, kana_given, born, sex, relation) in enumerate(FAMILY):
        m = f"m{index}-"
        type_into(driver, m + "family", family)
        type_into(driver, m + "given", given)
        type_into(driver, m + "familyKana", kana_family)
        type_into(driver, m + "givenKana", kana_given)
        type_into(driver, m + "birthDate", born)
        Select(driver.find_element(By.ID, m + "sex")).select_by_value(sex)
        Select(driver.find_element(By.ID, m + "relation")).select_by_value(relation)
        Select(driver.find_element(By.ID, m + "insurance")).select_by_value("national")
    assert driver.find_element(By.ID, "m0-familyKana").get_attribute("value") == "ヤマダ"
    submit(driver, driver.find_element(By.ID, "save"))

    rows = driver.find_elements(By.CSS_SELECTOR, "#procedures tr[data-code]")
    assert {row.get_attribute("data-code") for row in rows} == EXPECTED

    # What the forms ask beyond the household: typed once in the details panel.
    details = {"d|juki.tennyu|本籍": "東京都千代田区千代田一番", "d|juki.tennyu|筆頭者": "山田　花子",
               "d|inu.henko|登録番号": "12345678", "d|inu.henko|犬の名前（カタカナ）": "ポチ"}
    for name, value in details.items():
        field = driver.find_element(By.CSS_SELECTOR, f'#details-form input[name="{name}"]')
        field.clear()
        field.send_keys(value)
    submit(driver, driver.find_element(By.ID, "save-details"))
    assert driver.find_element(By.CSS_SELECTOR, '#details-form input[name="d|inu.henko|登録番号"]').get_attribute("value") == "12345678"

    # One click: every form, filled, in one PDF; every procedure on a form of its own.
    pdf = download(driver, driver.find_element(By.ID, "print-forms").get_attribute("href"))
    text = pdf_text(pdf)
    pages = text.split("\f")
    for title in ("住民異動届", "国民健康保険 資格取得・喪失・変更届", "児童手当 認定請求書・額改定請求書",
                  "こども医療費助成 受給資格登録申請書", "転入学（就学）申請書", "犬の登録事項変更届"):
        assert title in text, title
    assert "申請書・届書" not in text, "no procedure on the generic form"
    juki = next(page for page in pages if "住民異動届" in page)
    assert "東京都千代田区千代田一番" in juki and "■" in juki, juki
    dog = next(page for page in pages if "犬の登録事項変更届" in page)
    assert "12345678" in dog and "ポチ" in dog, dog
    for name in ("山田 花子", "山田 太郎", "山田 一郎", "山田 桜", "ヤマダ ハナコ"):
        assert name in text, name
    assert "栃木県サンプル市中央一丁目5番地3 サンプルハイツ101" in text
    assert text.count("転入学（就学）申請書") == 2

    # The citizen confirms and signs on the turned screen.
    driver.get(case_url)
    submit(driver, driver.find_element(By.ID, "do-confirm"))
    submit(driver, driver.find_element(By.ID, "open-confirm"))
    assert "山田　花子" in driver.find_element(By.ID, "confirm-people").text
    pad = driver.find_element(By.ID, "signature-pad")
    ActionChains(driver).move_to_element_with_offset(pad, -200, 0).click_and_hold() \
        .move_by_offset(60, -30).move_by_offset(60, 40).move_by_offset(80, -20).release().perform()
    submit(driver, driver.find_element(By.ID, "submit-signature"))
    assert driver.find_element(By.ID, "case-state").get_attribute("data-state") == "signed"
    signed = pdf_text(download(driver, driver.find_element(By.ID, "print-forms").get_attribute("href")))
    assert "山田 花子" in signed

    submit(driver, driver.find_element(By.ID, "do-hand-off"))
    assert driver.find_element(By.ID, "case-state").get_attribute("data-state") == "handed-off"
    inputs = int(driver.find_element(By.ID, "staff-inputs").get_attribute("data-count"))
    print(f"\nstaff inputs for the family-of-four move-in, from nothing to hand-off: {inputs}")
    assert inputs > 0

    # 学校教育課 returns its item with a reason; the counter deals with it and sends it again.
    reference = driver.find_element(By.ID, "case-reference").text
    sign_in(driver, base_url, staff["GAKKO"])
    item = driver.find_element(By.CSS_SELECTOR, f'#work-list li.procedure[data-case="{reference}"]')
    item.find_element(By.CSS_SELECTOR, "input[name=reason]").send_keys("在学証明書が未提出")
    submit(driver, item.find_element(By.CSS_SELECTOR, "button[value=return]"))
    sign_in(driver, base_url, staff["counter"])
    driver.get(case_url)
    assert "差戻し（在学証明書が未提出）" in driver.find_element(By.ID, "procedures").text
    driver.find_element(By.CSS_SELECTOR, "form.resend input[name=note]").send_keys("在学証明書を受け取り")
    submit(driver, driver.find_element(By.ID, "resend-gakko.tennyugaku"))
    assert "担当課へ再送しました" in driver.find_element(By.TAG_NAME, "main").text

    # Each section sees its procedure on its work list and completes it.
    for section in ("JUMIN", "HOKEN_NENKIN", "KODOMO", "GAKKO", "KANKYO"):
        sign_in(driver, base_url, staff[section])
        assert driver.current_url.endswith(f"/sections/{section}")
        items = driver.find_elements(By.CSS_SELECTOR, "#work-list li.procedure")
        assert items, section
        while driver.find_elements(By.CSS_SELECTOR, "#work-list button.done"):
            submit(driver, driver.find_element(By.CSS_SELECTOR, "#work-list button.done"))

    sign_in(driver, base_url, staff["counter"])
    driver.get(case_url)
    assert driver.find_element(By.ID, "case-state").get_attribute("data-state") == "completed"
    statuses = {row.get_attribute("data-status") for row in driver.find_elements(By.CSS_SELECTOR, "#procedures tr[data-code]")}
    assert statuses == {"done"}
